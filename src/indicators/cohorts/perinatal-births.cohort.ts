import type { CohortDefinition } from './cohort-definition';
import { completedDaysSql, gaDaysOn, hospitalDaySql, newbornsOfPeriod } from './sql-fragments';

export const PERINATAL_BIRTHS_COHORT: CohortDefinition = {
  code: 'perinatal_births',
  caseKind: 'newborn',
  description:
    'Every baby, live-born or stillborn, of the deliveries recorded by the facility, born in the ' +
    'period (birth time, hospital calendar day), with its GA, weight and age at death in ' +
    'completed days. A delivery before 28+0 is a pregnancy loss and has no rows.',
  sql: `SELECT n.id AS case_id, n.facility_id, p.woman_id, n.pregnancy_id, n.id AS newborn_id,
  ${hospitalDaySql('n.born_at')} AS attributed_on,
  n.birth_order, n.vital_status, n.stillbirth_timing,
  ${gaDaysOn(hospitalDaySql('d.delivered_at'), 'p.edd')} AS ga_days, n.birth_weight_g,
  ${completedDaysSql('n.born_at', 'n.died_at')} AS age_at_death_days,
  COALESCE(d.attributed_region_code, '') AS attributed_region
FROM ${newbornsOfPeriod()}`,
  attributedRegion: true,
  fields: [
    { column: 'attributed_region', label: 'region she is counted in by district indicators' },
    { column: 'birth_order', label: 'birth order (twins: 1, 2)' },
    { column: 'vital_status', label: 'live birth or stillbirth' },
    { column: 'stillbirth_timing', label: 'stillbirth: antepartum or intrapartum' },
    { column: 'ga_days', label: 'gestational age at delivery, days' },
    { column: 'birth_weight_g', label: 'birth weight, g' },
    {
      column: 'age_at_death_days',
      label: 'age at death, completed days (0 = the first 24 hours)',
    },
  ],
};
