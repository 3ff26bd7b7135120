import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../core/api';

/** Whose values: the caller's facility, or a region by its code (statisticians). */
export type Scope = { regionCode?: string };

export function useDefinitions() {
  return useQuery({
    queryKey: ['indicators'],
    queryFn: () => unwrap(api.GET('/indicators')),
    staleTime: Infinity,
  });
}

export function useValues(scope: Scope, period: string) {
  return useQuery({
    queryKey: ['indicator-values', scope.regionCode ?? 'own', period],
    queryFn: () =>
      unwrap(
        api.GET('/indicator-values', {
          params: { query: { period, trend: 12, ...scope } },
        }),
      ),
  });
}

/** A computation asked for, then followed until it finishes; the values are read again after. */
export function useComputation(scope: Scope, period: string) {
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: (group: string | undefined) =>
      unwrap(
        api.POST('/indicator-computations', {
          body: { period, ...scope, ...(group ? { group: group as never } : {}) },
        }),
      ),
  });
  const jobId = start.data?.jobId;
  const job = useQuery({
    queryKey: ['indicator-computations', jobId],
    enabled: jobId !== undefined,
    queryFn: () =>
      unwrap(api.GET('/indicator-computations/{jobId}', { params: { path: { jobId: jobId! } } })),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      if (state === 'completed' || state === 'failed') return false;
      return 500;
    },
  });
  const state = job.data?.state;
  const finished = state === 'completed' || state === 'failed';
  useEffect(() => {
    // Once a computation finishes, the period's values and cases are read again.
    if (!finished) return;
    void client.invalidateQueries({ queryKey: ['indicator-values'] });
    void client.invalidateQueries({ queryKey: ['indicator-cases'] });
  }, [client, finished, jobId]);
  return {
    start,
    job: job.data ?? null,
    running: start.isPending || (jobId !== undefined && !finished),
  };
}
