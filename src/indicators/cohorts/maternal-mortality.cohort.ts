import { MATERNAL_DEATH_CAUSE_NAMES } from '../../women/rules/maternal-death';
import type { CohortDefinition } from './cohort-definition';
import { ATTRIBUTED_REGION_FIELD, BIRTH_WEIGHT_FIELD } from './shared-fields';
import { gaDaysOn, hospitalDaySql, newbornsOfPeriod } from './sql-fragments';
import { DEATH_CAUSE_ZH, DEATH_RECORDED_AS_ZH, MORTALITY_ROW_ZH } from './field-values';

const deliveredOn = hospitalDaySql('d.delivered_at');

export const MATERNAL_MORTALITY_COHORT: CohortDefinition = {
  code: 'maternal_mortality',
  caseKind: 'newborn',
  description:
    'Two kinds of rows. live_birth: every live-born baby of the deliveries recorded by the ' +
    'facility, born in the period (birth time, hospital calendar day). maternal_death: every ' +
    'pregnancy of the facility that ended in the mother\u2019s death in the period (the status ' +
    'maternal_death on its status day, with its cause, after a delivery, a miscarriage, a ' +
    'termination or an ectopic pregnancy alike; or a delivery recorded with maternal outcome ' +
    'death on the delivery day when the status was not changed).',
  descriptionZh:
    '两类行。live_birth：本机构记录的分娩中本期出生的每名活产儿（按出生时间、医院日历日）。' +
    'maternal_death：本机构本期以孕产妇死亡结束的每次妊娠（妊娠状态为孕产妇死亡，以状态日期计，附死因，' +
    '不论死于分娩、流产、引产或异位妊娠之后；或妊娠状态未更改时，分娩结局为死亡的分娩，以分娩日计）。',
  sql: `SELECT CONCAT('newborn:', n.id) AS case_id, n.facility_id, p.woman_id, n.pregnancy_id,
  n.id AS newborn_id, ${hospitalDaySql('n.born_at')} AS attributed_on, 'live_birth' AS row_kind,
  ${gaDaysOn(deliveredOn, 'p.edd')} AS ga_days, n.birth_weight_g,
  NULL AS death_on, NULL AS days_after_pregnancy_end, NULL AS death_recorded_as,
  NULL AS death_cause, COALESCE(d.attributed_region_code, '') AS attributed_region
FROM ${newbornsOfPeriod()} AND n.vital_status = 'live_birth'
UNION ALL
SELECT CONCAT('pregnancy:', p.id), p.facility_id, p.woman_id, p.id, NULL, p.status_date,
  'maternal_death', ${gaDaysOn('p.outcome_date', 'p.edd')}, NULL,
  p.status_date, DATEDIFF(p.status_date, p.outcome_date), 'pregnancy status', md.cause,
  COALESCE((SELECT dd.attributed_region_code FROM delivery dd
    WHERE dd.pregnancy_id = p.id AND dd.voided_at IS NULL), w.residence_region_code)
FROM pregnancy p
JOIN woman w ON w.id = p.woman_id
LEFT JOIN maternal_death md ON md.pregnancy_id = p.id
WHERE p.facility_id IN (:facilities) AND p.status = 'maternal_death'
  AND p.status_date >= :from AND p.status_date < :to
UNION ALL
SELECT CONCAT('pregnancy:', p.id), d.facility_id, p.woman_id, p.id, NULL, ${deliveredOn},
  'maternal_death', ${gaDaysOn(deliveredOn, 'p.edd')}, NULL,
  ${deliveredOn}, 0, 'delivery outcome', NULL, COALESCE(d.attributed_region_code, '')
FROM delivery d
JOIN pregnancy p ON p.id = d.pregnancy_id
WHERE d.facility_id IN (:facilities) AND d.delivered_at >= :fromAt AND d.delivered_at < :toAt
  AND d.maternal_outcome = 'death' AND p.status <> 'maternal_death' AND d.voided_at IS NULL`,
  attributedRegion: true,
  fields: [
    ATTRIBUTED_REGION_FIELD,
    {
      column: 'row_kind',
      label: 'live birth (denominator) or maternal death (numerator)',
      labelZh: '活产（分母）或孕产妇死亡（分子）',
      valuesZh: MORTALITY_ROW_ZH,
    },
    {
      column: 'ga_days',
      label: 'gestational age at birth or at the end of pregnancy, days',
      labelZh: '出生或妊娠终止时孕周（天）',
    },
    BIRTH_WEIGHT_FIELD,
    {
      column: 'death_on',
      label: "day of the mother's death",
      labelZh: '孕产妇死亡日期',
    },
    {
      column: 'days_after_pregnancy_end',
      label: 'days from the end of pregnancy to death',
      labelZh: '妊娠终止至死亡（天）',
    },
    {
      column: 'death_recorded_as',
      label: 'recorded as pregnancy status or delivery outcome',
      labelZh: '记录来源：妊娠状态或分娩结局',
      valuesZh: DEATH_RECORDED_AS_ZH,
    },
    {
      column: 'death_cause',
      label: 'cause of death (national classification; accidental is not maternal)',
      labelZh: `死因（全国分类；${MATERNAL_DEATH_CAUSE_NAMES.accidental}死亡不属孕产妇死亡）`,
      valuesZh: DEATH_CAUSE_ZH,
    },
  ],
};
