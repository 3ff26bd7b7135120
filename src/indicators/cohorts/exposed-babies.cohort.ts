import type { CohortDefinition } from './cohort-definition';

export const EXPOSED_BABIES_COHORT: CohortDefinition = {
  code: 'exposed_babies',
  caseKind: 'newborn',
  description: 'To be written',
  sql: 'SELECT NULL AS case_id, NULL AS facility_id, NULL AS woman_id, NULL AS pregnancy_id, NULL AS newborn_id, NULL AS attributed_on FROM DUAL WHERE FALSE',
  fields: [],
};
