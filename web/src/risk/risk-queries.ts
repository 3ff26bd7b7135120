import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../core/api';

/** Her gradings, newest first (the service's order). */
export function useGradings(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'gradings'],
    queryFn: () =>
      unwrap(
        api.GET('/pregnancies/{id}/risk-assessments', { params: { path: { id: pregnancyId } } }),
      ),
  });
}

/** The catalogue her facility grades with: the version the service marks, with its factors. */
export function useFacilityCatalogue() {
  const catalogues = useQuery({
    queryKey: ['risk-catalogues'],
    queryFn: () => unwrap(api.GET('/risk-catalogues')),
    // A catalogue version never changes once published.
    staleTime: Infinity,
  });
  const version = catalogues.data?.find((catalogue) => catalogue.facilityDefault)?.version;
  const catalogue = useQuery({
    queryKey: ['risk-catalogues', version],
    queryFn: () =>
      unwrap(api.GET('/risk-catalogues/{version}', { params: { path: { version: version! } } })),
    enabled: version !== undefined,
    staleTime: Infinity,
  });
  return {
    data: catalogue.data,
    error: catalogues.error ?? catalogue.error,
    isLoading: catalogues.isLoading || catalogue.isLoading,
  };
}

/** Her high-risk cases that this facility manages, open and closed, newest first. */
export function usePregnancyCases(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'high-risk-cases'],
    queryFn: () =>
      unwrap(
        api.GET('/pregnancies/{id}/high-risk-cases', { params: { path: { id: pregnancyId } } }),
      ),
  });
}

/** One case with its notes and referrals; under her pregnancy's key, so a grading refreshes it. */
export function useHighRiskCase(pregnancyId: number, caseId: number | undefined) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'high-risk-cases', caseId],
    queryFn: () => unwrap(api.GET('/high-risk-cases/{id}', { params: { path: { id: caseId! } } })),
    enabled: caseId !== undefined,
  });
}

/** The nurses and MCH doctors a case may name as responsible (only the writers ask). */
export function useClinicians(enabled: boolean) {
  return useQuery({
    queryKey: ['clinicians'],
    queryFn: () => unwrap(api.GET('/clinicians')),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The facilities of the system a referral may name (id, name, level), for those who refer. */
export function useFacilities() {
  return useQuery({
    queryKey: ['facilities'],
    queryFn: () => unwrap(api.GET('/facilities')),
    staleTime: 5 * 60_000,
  });
}
