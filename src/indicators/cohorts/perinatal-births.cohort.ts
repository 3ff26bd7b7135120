import type { CohortDefinition } from './cohort-definition';
import {
  ATTRIBUTED_REGION_FIELD,
  BIRTH_ORDER_FIELD,
  BIRTH_WEIGHT_FIELD,
  GA_AT_DELIVERY_FIELD,
  VITAL_STATUS_FIELD,
} from './shared-fields';
import {
  completedDaysSql,
  gaDaysOn,
  hospitalDaySql,
  newbornsOfPeriod,
  VIABILITY_ZH,
} from './sql-fragments';

export const PERINATAL_BIRTHS_COHORT: CohortDefinition = {
  code: 'perinatal_births',
  caseKind: 'newborn',
  description:
    'Every baby, live-born or stillborn, of the deliveries recorded by the facility, born in the ' +
    'period (birth time, hospital calendar day), with its GA, weight and age at death in ' +
    'completed days. A delivery before 28+0 is a pregnancy loss and has no rows.',
  descriptionZh:
    '本机构记录的分娩中本期出生的每名婴儿（活产或死产，按出生时间、医院日历日），附孕周、出生体重和' +
    `死亡日龄（满天数）。${VIABILITY_ZH}前的分娩为妊娠丢失，不在此列。`,
  sql: `SELECT n.id AS case_id, n.facility_id, p.woman_id, n.pregnancy_id, n.id AS newborn_id,
  ${hospitalDaySql('n.born_at')} AS attributed_on,
  n.birth_order, n.vital_status, n.stillbirth_timing,
  ${gaDaysOn(hospitalDaySql('d.delivered_at'), 'p.edd')} AS ga_days, n.birth_weight_g,
  ${completedDaysSql('n.born_at', 'n.died_at')} AS age_at_death_days,
  COALESCE(d.attributed_region_code, '') AS attributed_region
FROM ${newbornsOfPeriod()}`,
  attributedRegion: true,
  fields: [
    ATTRIBUTED_REGION_FIELD,
    BIRTH_ORDER_FIELD,
    VITAL_STATUS_FIELD,
    {
      column: 'stillbirth_timing',
      label: 'stillbirth: antepartum or intrapartum',
      labelZh: '死产时间：产前或产时',
    },
    GA_AT_DELIVERY_FIELD,
    BIRTH_WEIGHT_FIELD,
    {
      column: 'age_at_death_days',
      label: 'age at death, completed days (0 = the first 24 hours)',
      labelZh: '死亡日龄（满天数，0=出生后24小时内）',
    },
  ],
};
