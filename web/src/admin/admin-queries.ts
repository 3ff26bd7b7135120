import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

export type User = Schemas['UserDto'];
export type ScheduleWindow = Schemas['ScheduleWindowDto'];
export type FacilityTarget = Schemas['FacilityTargetDto'];

/** Every facility, for a system admin to pick from. */
export function useFacilities(enabled: boolean) {
  return useQuery({
    queryKey: ['facilities'],
    enabled,
    queryFn: () => unwrap(api.GET('/facilities')),
    staleTime: 60_000,
  });
}

export function useFacility(id: number) {
  return useQuery({
    queryKey: ['facilities', id],
    queryFn: () => unwrap(api.GET('/facilities/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
}

export function useUsersOfFacility(facilityId: number) {
  return useQuery({
    queryKey: ['users', facilityId],
    queryFn: () => unwrap(api.GET('/users', { params: { query: { facilityId, pageSize: 100 } } })),
  });
}

/** Every change to a user of a facility, each reading the facility's users again after. */
export function useUserChanges(facilityId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['users', facilityId] });
  const create = useMutation({
    mutationFn: (body: Schemas['CreateUserDto']) => unwrap(api.POST('/users', { body })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: Schemas['UpdateUserDto'] & { id: number }) =>
      unwrap(api.PATCH('/users/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
  const endSessions = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/users/{id}/sessions', { params: { path: { id } } })),
  });
  return { create, update, endSessions };
}

export function useSchedule(facilityId: number) {
  return useQuery({
    queryKey: ['visit-schedule', facilityId],
    queryFn: () =>
      unwrap(
        api.GET('/facilities/{facilityId}/visit-schedule', {
          params: { path: { facilityId } },
        }),
      ),
  });
}

export function useReplaceSchedule(facilityId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (windows: ScheduleWindow[]) =>
      unwrap(
        api.PUT('/facilities/{facilityId}/visit-schedule', {
          params: { path: { facilityId } },
          body: { windows },
        }),
      ),
    onSuccess: (schedule) => client.setQueryData(['visit-schedule', facilityId], schedule),
  });
}

export function useTargets(facilityId: number) {
  return useQuery({
    queryKey: ['indicator-targets', facilityId],
    queryFn: () =>
      unwrap(
        api.GET('/facilities/{facilityId}/indicator-targets', {
          params: { path: { facilityId } },
        }),
      ),
  });
}

export function useTargetChanges(facilityId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['indicator-targets', facilityId] });
  const set = useMutation({
    mutationFn: ({ code, ...body }: Schemas['SetTargetDto'] & { code: string }) =>
      unwrap(
        api.PUT('/indicators/{code}/targets/{facilityId}', {
          params: { path: { code, facilityId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
  const clear = useMutation({
    mutationFn: (code: string) =>
      unwrap(
        api.DELETE('/indicators/{code}/targets/{facilityId}', {
          params: { path: { code, facilityId } },
        }),
      ),
    onSuccess: refresh,
  });
  return { set, clear };
}
