import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

/** The classes she attended, and per pregnancy of this facility what came before delivery. */
export function useWomanClasses(womanId: number) {
  return useQuery({
    queryKey: ['women', womanId, 'classes'],
    queryFn: () => unwrap(api.GET('/women/{id}/classes', { params: { path: { id: womanId } } })),
  });
}

/** The facility's sessions held on the days from `from` to `to`, latest first. */
export function useSessionsBetween(from: string, to: string) {
  return useQuery({
    queryKey: ['class-sessions', from, to],
    queryFn: () =>
      unwrap(
        api.GET('/class-sessions', {
          // The service's largest page: a month of sessions fits many times over.
          params: { query: { from, to, pageSize: 100 } },
        }),
      ),
  });
}

export function useCheckIn(womanId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, ...body }: Schemas['CheckInDto'] & { sessionId: number }) =>
      unwrap(
        api.POST('/class-sessions/{id}/attendances', {
          params: { path: { id: sessionId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['women', womanId, 'classes'] }),
        client.invalidateQueries({ queryKey: ['class-sessions'] }),
      ]),
  });
}
