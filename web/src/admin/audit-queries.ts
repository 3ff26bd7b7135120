import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../core/api';

/** What the audit log is filtered by: instants already in hospital time, ids as typed. */
export interface AuditFilter {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  entity?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

export function useAuditEntries(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit-entries', filter],
    queryFn: () =>
      unwrap(
        api.GET('/audit-entries', {
          params: {
            query: {
              ...filter,
              action: filter.action as never,
              from: filter.from,
              to: filter.to,
            },
          },
        }),
      ),
  });
}

/**
 * One entry's full values. A mutation, not a query: each reveal is one audited call, and the
 * values are never kept in the page's cache.
 */
export function useUnmask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.GET('/audit-entries/{id}/unmasked', { params: { path: { id } } })),
    // The reveal is itself in the log.
    onSettled: () => client.invalidateQueries({ queryKey: ['audit-entries'] }),
  });
}

/** The facility's staff by id, to name who acted (admins only may list users). */
export function useFacilityUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'own-facility'],
    enabled,
    queryFn: () => unwrap(api.GET('/users', { params: { query: { pageSize: 100 } } })),
    staleTime: 60_000,
  });
}

export function useCatalogues() {
  return useQuery({
    queryKey: ['risk-catalogues'],
    queryFn: () => unwrap(api.GET('/risk-catalogues')),
  });
}

export function useCatalogue(version: string | undefined) {
  return useQuery({
    queryKey: ['risk-catalogues', version],
    enabled: version !== undefined,
    queryFn: () =>
      unwrap(api.GET('/risk-catalogues/{version}', { params: { path: { version: version! } } })),
    staleTime: Infinity,
  });
}

export function usePossibleDuplicates(page: number) {
  return useQuery({
    queryKey: ['possible-duplicates', page],
    queryFn: () =>
      unwrap(api.GET('/women/possible-duplicates', { params: { query: { page, pageSize: 20 } } })),
  });
}

export function useMergeReviews(enabled: boolean) {
  return useQuery({
    queryKey: ['merge-reviews'],
    enabled,
    queryFn: () =>
      unwrap(api.GET('/women/merge-reviews', { params: { query: { pageSize: 100 } } })),
  });
}

/** Asking for a review, merging and dismissing all change both lists. */
function useDuplicateAction<T>(call: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['merge-reviews'] });
      await client.invalidateQueries({ queryKey: ['possible-duplicates'] });
    },
  });
}

export function useRequestReview() {
  return useDuplicateAction(({ id, note }: { id: number; note?: string }) =>
    unwrap(
      api.POST('/women/possible-duplicates/{id}/merge-review', {
        params: { path: { id } },
        body: note ? { note } : {},
      }),
    ),
  );
}

export function useMerge() {
  return useDuplicateAction(
    ({ id, keepWomanId, note }: { id: number; keepWomanId: number; note?: string }) =>
      unwrap(
        api.POST('/women/merge-reviews/{id}/merge', {
          params: { path: { id } },
          body: { keepWomanId, ...(note ? { note } : {}) },
        }),
      ),
  );
}

export function useDismiss() {
  return useDuplicateAction(({ id, note }: { id: number; note: string }) =>
    unwrap(
      api.POST('/women/merge-reviews/{id}/dismiss', { params: { path: { id } }, body: { note } }),
    ),
  );
}
