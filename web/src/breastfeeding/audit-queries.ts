import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { parsePeriod, periodsEndingWith } from '../../../src/indicators/periods';
import { api, unwrap } from '../core/api';

/** The stay indicators whose failing babies the office works through, in the order it checks. */
export const REVIEWED_CODES = ['BF-01', 'BF-02', 'BF-03', 'BF-04', 'BF-05'] as const;
export type ReviewedCode = (typeof REVIEWED_CODES)[number];

/** Failed cases listed per indicator: one page of the drill-down, the largest it gives. */
export const FAILURES_PAGE_SIZE = 100;

/** The Baby-Friendly values of the `count` months up to `month`, oldest first. */
export function useMonthlyValues(month: string, count: number) {
  const first = periodsEndingWith(parsePeriod(month), count)[0].key;
  return useQuery({
    queryKey: ['indicator-values', 'range', 'BF', first, month],
    queryFn: () =>
      unwrap(
        api.GET('/indicator-values/range', {
          params: { query: { period: first, to: month, group: 'BF' } },
        }),
      ),
  });
}

export function useDistribution(month: string) {
  return useQuery({
    queryKey: ['breastfeeding-audit', 'distribution', month],
    queryFn: () =>
      unwrap(api.GET('/breastfeeding-audit/distribution', { params: { query: { month } } })),
  });
}

/** The failed babies of each reviewed indicator (the drill-down's role `failed`, audited). */
export function useFailedCases(month: string) {
  return useQueries({
    queries: REVIEWED_CODES.map((code) => ({
      queryKey: ['indicator-cases', code, month, 'failed', 1, FAILURES_PAGE_SIZE],
      queryFn: () =>
        unwrap(
          api.GET('/indicator-values/{code}/cases', {
            params: {
              path: { code },
              query: { period: month, role: 'failed', page: 1, pageSize: FAILURES_PAGE_SIZE },
            },
          }),
        ),
    })),
  });
}

export function useReviews(month: string) {
  return useQuery({
    queryKey: ['breastfeeding-audit', 'reviews', month],
    queryFn: () =>
      unwrap(api.GET('/breastfeeding-audit/reviews', { params: { query: { month } } })),
  });
}

/** Mark, re-note and unmark; the month's marks are read again after each. */
export function useReviewActions(month: string) {
  const client = useQueryClient();
  const reread = () =>
    client.invalidateQueries({ queryKey: ['breastfeeding-audit', 'reviews', month] });
  const mark = useMutation({
    mutationFn: (body: { newbornId: number; indicatorCode: ReviewedCode; note: string }) =>
      unwrap(api.POST('/breastfeeding-audit/reviews', { body })),
    onSuccess: reread,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: number; version: number; note: string }) =>
      unwrap(api.PATCH('/breastfeeding-audit/reviews/{id}', { params: { path: { id } }, body })),
    onSuccess: reread,
  });
  const unmark = useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      unwrap(
        api.DELETE('/breastfeeding-audit/reviews/{id}', {
          params: { path: { id }, query: { version } },
        }),
      ),
    onSuccess: reread,
  });
  return { mark, update, unmark };
}
