import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

export function useDelivery(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'delivery'],
    queryFn: async () => {
      const result = await api.GET('/pregnancies/{id}/delivery', {
        params: { path: { id: pregnancyId } },
      });
      // No delivery yet is not an error on this page: the form is shown instead.
      if (result.response.status === 404) return null;
      return unwrap(Promise.resolve(result));
    },
  });
}

export function useNewborn(id: number) {
  return useQuery({
    queryKey: ['newborns', id],
    queryFn: () => unwrap(api.GET('/newborns/{id}', { params: { path: { id } } })),
  });
}

export function useAddFeedingEvent(newbornId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['FeedingEventDto']) =>
      unwrap(
        api.POST('/newborns/{id}/feeding-events', { params: { path: { id: newbornId } }, body }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newborns', newbornId] }),
  });
}

export function useEndFeedingEvent(newbornId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      unwrap(
        api.PATCH('/feeding-events/{id}/end', {
          params: { path: { id } },
          body: { version, endAt: new Date().toISOString() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['newborns', newbornId] }),
  });
}
