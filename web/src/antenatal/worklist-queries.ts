import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

/** Today's overdue-visit call list, optionally without those called in the last 24 hours. */
export function useOverdueWorklist(hideCalledWithin24h: boolean) {
  return useQuery({
    queryKey: ['worklists', 'overdue-visits', hideCalledWithin24h],
    queryFn: () =>
      unwrap(
        api.GET('/worklists/overdue-visits', {
          params: {
            query: {
              pageSize: 100,
              ...(hideCalledWithin24h ? { notContactedWithinHours: 24 } : {}),
            },
          },
        }),
      ),
  });
}

export function usePastDueDateWorklist() {
  return useQuery({
    queryKey: ['worklists', 'past-due-date'],
    queryFn: () =>
      unwrap(api.GET('/worklists/past-due-date', { params: { query: { pageSize: 100 } } })),
  });
}

export function useRecordContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      pregnancyId,
      body,
    }: {
      pregnancyId: number;
      body: Schemas['RecordContactDto'];
    }) =>
      unwrap(
        api.POST('/pregnancies/{id}/contact-attempts', {
          params: { path: { id: pregnancyId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['worklists'] }),
  });
}

export function useAppointmentsDue() {
  return useQuery({
    queryKey: ['worklists', 'appointments-due'],
    queryFn: () =>
      unwrap(api.GET('/worklists/appointments-due', { params: { query: { pageSize: 100 } } })),
  });
}

type PostpartumList = 'postpartum_visits' | 'day42_checks';

export function usePostpartumWorklist(list: PostpartumList) {
  return useQuery({
    queryKey: ['worklists', 'postpartum', list],
    queryFn: () =>
      unwrap(api.GET('/worklists/postpartum', { params: { query: { list, pageSize: 100 } } })),
  });
}

/** Doses an exposed baby must have within hours of birth: the list carries the minutes left. */
export function usePmtctDoseAlarms() {
  return useQuery({
    queryKey: ['worklists', 'pmtct', 'infant_doses'],
    queryFn: async () => ({
      fetchedAt: Date.now(),
      page: await unwrap(
        api.GET('/worklists/pmtct', { params: { query: { list: 'infant_doses', pageSize: 100 } } }),
      ),
    }),
    refetchInterval: 60_000,
  });
}
