import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../core/api';

/** Every grading of the pregnancy. */
export function useGradings(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'gradings'],
    queryFn: () =>
      unwrap(
        api.GET('/pregnancies/{id}/risk-assessments', { params: { path: { id: pregnancyId } } }),
      ),
  });
}
