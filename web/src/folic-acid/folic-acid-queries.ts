import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

/** Her dispensings, intake reports and surveys, whatever the pregnancy. */
export function useFolicAcidRecords(womanId: number) {
  return useQuery({
    queryKey: ['women', womanId, 'folic-acid'],
    queryFn: () => unwrap(api.GET('/women/{id}/folic-acid', { params: { path: { id: womanId } } })),
  });
}

/** Uptake, adherence and awareness of the pregnancy, as of today. */
export function useFolicAcidSummary(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'folic-acid-summary'],
    queryFn: () =>
      unwrap(
        api.GET('/pregnancies/{id}/folic-acid-summary', {
          params: { path: { id: pregnancyId } },
        }),
      ),
  });
}

function useRefresh(womanId: number, pregnancyId: number) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['women', womanId, 'folic-acid'] }),
      client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId, 'folic-acid-summary'] }),
    ]);
}

export function useDispense(womanId: number, pregnancyId: number) {
  const refresh = useRefresh(womanId, pregnancyId);
  return useMutation({
    mutationFn: (body: Schemas['DispenseDto']) =>
      unwrap(
        api.POST('/women/{id}/folic-acid/dispensings', {
          params: { path: { id: womanId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReportIntake(womanId: number, pregnancyId: number) {
  const refresh = useRefresh(womanId, pregnancyId);
  return useMutation({
    mutationFn: (body: Schemas['IntakeReportDto']) =>
      unwrap(
        api.POST('/women/{id}/folic-acid/intake-reports', {
          params: { path: { id: womanId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}
