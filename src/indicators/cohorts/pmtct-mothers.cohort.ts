import type { CohortDefinition } from './cohort-definition';

export const PMTCT_MOTHERS_COHORT: CohortDefinition = {
  code: 'pmtct_mothers',
  caseKind: 'newborn',
  description: 'To be written',
  sql: 'SELECT NULL AS case_id, NULL AS facility_id, NULL AS woman_id, NULL AS pregnancy_id, NULL AS newborn_id, NULL AS attributed_on FROM DUAL WHERE FALSE',
  fields: [],
};
