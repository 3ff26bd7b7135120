import { EARLY_SKIN_TO_SKIN_START_MINUTES } from '../../delivery/rules/feeding-flags';
import type { CohortDefinition } from './cohort-definition';
import {
  ATTRIBUTED_REGION_FIELD,
  BIRTH_ORDER_FIELD,
  BIRTH_WEIGHT_FIELD,
  DELIVERY_MODE_FIELD,
  DELIVERY_PLACE_FIELD,
  GA_AT_DELIVERY_FIELD,
  VITAL_STATUS_FIELD,
} from './shared-fields';
import {
  gaDaysOn,
  hospitalDaySql,
  newbornsOfPeriod,
  VIABILITY_ZH,
  wholeMinutesSql,
} from './sql-fragments';
import { CONTRAINDICATION_ZH, DISCHARGE_FEEDING_ZH } from './field-values';

const deliveredOn = hospitalDaySql('d.delivered_at');
const motherDischargedOn = hospitalDaySql('d.mother_discharged_at');

// feeding-flags roomingIn: only the part of a separation before discharge counts; an open one
// runs to discharge, or while the baby is still in hospital to the instant the cohort is
// evaluated as of (the period's end once it has passed: a stay still open then is incomplete,
// and the same records give the same minutes at every later computation). Whole minutes, floored.
const stayEnd = 'COALESCE(dis.start_at, :evaluatedAt)';
const separationMinutesInStay = `CASE
        WHEN dis.start_at IS NOT NULL AND e.start_at >= dis.start_at THEN 0
        ELSE ${wholeMinutesSql(
          'e.start_at',
          `CASE WHEN e.end_at IS NULL OR e.end_at > ${stayEnd} THEN ${stayEnd} ELSE e.end_at END`,
        )}
      END`;
// feeding-flags exclusiveDuringStay: supplements up to and including discharge; a blank medical
// reason is no reason. roomingIn: any recorded reason makes a separation medical.
const supplementInStay = `e.kind = 'supplement' AND (dis.start_at IS NULL OR e.start_at <= dis.start_at)`;
const earlySkinToSkin = `e.kind = 'skin_to_skin'
        AND TIMESTAMPDIFF(SECOND, n.born_at, e.start_at) <= ${EARLY_SKIN_TO_SKIN_START_MINUTES * 60}`;

export const LIVE_BIRTHS_COHORT: CohortDefinition = {
  code: 'live_births',
  caseKind: 'newborn',
  description:
    'Every baby of the deliveries recorded by the facility, born in the period (birth time, ' +
    'hospital calendar day): live births carry the Baby-Friendly stay facts and the mother\u2019s ' +
    'antenatal and postpartum facts, and the hepatitis B birth dose; stillbirths are rows too, ' +
    'so the Baby-Friendly indicators can count them as excluded. A delivery before 28+0 is a ' +
    'pregnancy loss: its babies are not rows.',
  descriptionZh:
    '本机构记录的分娩中本期出生的全部新生儿（按出生时间、医院日历日）：活产儿带有爱婴医院住院期间的记录、' +
    '母亲的产前和产后记录及乙肝疫苗首针；死产也各占一行，以便爱婴医院指标将其计为排除。' +
    `${VIABILITY_ZH}前的分娩为妊娠丢失，其新生儿不在此列。`,
  // One grouped pass over the babies and their feeding events (the columns of n, d and p are one
  // per baby). Every aggregate over the events is a MIN, MAX or COUNT(DISTINCT), so the joined
  // discharge and contraindication rows cannot double anything. The mother's visits and contacts
  // are looked up once per baby; being grouped, the result is materialised before the indicators
  // read its columns, so no lookup runs twice.
  sql: `SELECT n.id AS case_id, n.facility_id, p.woman_id, n.pregnancy_id, n.id AS newborn_id,
  ${hospitalDaySql('n.born_at')} AS attributed_on, COALESCE(d.attributed_region_code, '') AS attributed_region,
  n.birth_order, n.vital_status, d.place AS delivery_place, d.mode AS delivery_mode,
  ${gaDaysOn(deliveredOn, 'p.edd')} AS ga_days, n.birth_weight_g,
  CASE WHEN n.died_at IS NOT NULL AND (dis.start_at IS NULL OR n.died_at < dis.start_at)
    THEN 1 ELSE 0 END AS died_before_discharge,
  MIN(fc.kind) AS contraindication,
  MIN(CASE WHEN e.kind = 'skin_to_skin' THEN TIMESTAMPDIFF(SECOND, n.born_at, e.start_at) END)
    AS skin_to_skin_start_seconds,
  MAX(CASE WHEN ${earlySkinToSkin} THEN ${wholeMinutesSql('e.start_at', 'e.end_at')} END)
    AS skin_to_skin_minutes,
  COUNT(DISTINCT CASE WHEN e.kind = 'skin_to_skin' AND e.end_at IS NULL THEN e.id END)
    AS skin_to_skin_without_end,
  ${wholeMinutesSql('n.born_at', "MIN(CASE WHEN e.kind = 'first_breastfeed' THEN e.start_at END)")}
    AS first_breastfeed_minutes,
  MAX(CASE WHEN e.kind = 'separation' THEN ${separationMinutesInStay} END)
    AS longest_separation_minutes,
  MAX(CASE WHEN e.kind = 'separation' AND e.medical_reason IS NULL
    THEN ${separationMinutesInStay} END) AS longest_non_medical_separation_minutes,
  COUNT(DISTINCT CASE WHEN ${supplementInStay} THEN e.id END) AS supplements_in_stay,
  COUNT(DISTINCT CASE WHEN ${supplementInStay}
    AND (e.medical_reason IS NULL OR TRIM(e.medical_reason) = '') THEN e.id END)
    AS supplements_without_medical_reason,
  dis.discharge_feeding,
  CASE WHEN dis.start_at IS NOT NULL OR n.died_at IS NOT NULL THEN 1 ELSE 0 END AS stay_complete,
  ${wholeMinutesSql('n.born_at', 'n.hep_b_birth_dose_at')} AS hepb_birth_dose_minutes,
  ${gaDaysOn('p.registration_date', 'p.edd')} AS registration_ga_days,
  (SELECT ${gaDaysOn('MIN(v.visit_date)', 'p.edd')} FROM antenatal_visit v
    WHERE v.pregnancy_id = n.pregnancy_id AND v.visit_date <= ${deliveredOn} AND v.voided_at IS NULL)
    AS first_anc_ga_days,
  (SELECT COUNT(DISTINCT v.visit_date) FROM antenatal_visit v
    WHERE v.pregnancy_id = n.pregnancy_id AND v.visit_date <= ${deliveredOn} AND v.voided_at IS NULL)
    AS anc_visits,
  ${motherDischargedOn} AS mother_discharged_on,
  (SELECT DATEDIFF(MIN(pc.contact_date), ${motherDischargedOn}) FROM postpartum_contact pc
    WHERE pc.pregnancy_id = n.pregnancy_id AND pc.kind = 'postpartum_visit'
      AND pc.contact_date >= ${motherDischargedOn}) AS postpartum_visit_days
FROM ${newbornsOfPeriod(`
  LEFT JOIN feeding_contraindication fc ON fc.newborn_id = n.id AND fc.voided_at IS NULL
  LEFT JOIN feeding_event dis ON dis.newborn_id = n.id AND dis.kind = 'discharge' AND dis.voided_at IS NULL
  LEFT JOIN feeding_event e ON e.newborn_id = n.id AND e.voided_at IS NULL`)}
GROUP BY n.id`,
  attributedRegion: true,
  fields: [
    ATTRIBUTED_REGION_FIELD,
    BIRTH_ORDER_FIELD,
    VITAL_STATUS_FIELD,
    DELIVERY_PLACE_FIELD,
    DELIVERY_MODE_FIELD,
    GA_AT_DELIVERY_FIELD,
    BIRTH_WEIGHT_FIELD,
    {
      column: 'died_before_discharge',
      label: 'died before discharge (1 = yes)',
      labelZh: '出院前死亡（1=是）',
    },
    {
      column: 'contraindication',
      label: 'documented contraindication to breastfeeding',
      labelZh: '母乳喂养医学禁忌证',
      valuesZh: CONTRAINDICATION_ZH,
    },
    {
      column: 'skin_to_skin_start_seconds',
      label: 'first skin-to-skin, seconds after birth',
      labelZh: '首次皮肤接触开始（出生后秒数）',
    },
    {
      column: 'skin_to_skin_minutes',
      label: `longest uninterrupted skin-to-skin starting within ${EARLY_SKIN_TO_SKIN_START_MINUTES}:00 with its end recorded, minutes`,
      labelZh: `${EARLY_SKIN_TO_SKIN_START_MINUTES}分钟内开始且有结束时间的最长连续皮肤接触（分钟）`,
    },
    {
      column: 'skin_to_skin_without_end',
      label: 'skin-to-skin contacts with no end recorded',
      labelZh: '未记录结束时间的皮肤接触（次）',
    },
    {
      column: 'first_breastfeed_minutes',
      label: 'first breastfeed, minutes after birth',
      labelZh: '首次母乳喂养（出生后分钟数）',
    },
    {
      column: 'longest_separation_minutes',
      label: 'longest separation during the stay, minutes',
      labelZh: '住院期间最长母婴分离（分钟）',
    },
    {
      column: 'longest_non_medical_separation_minutes',
      label: 'longest separation without a medical reason, minutes',
      labelZh: '无医学原因的最长母婴分离（分钟）',
    },
    {
      column: 'supplements_in_stay',
      label: 'supplements given during the stay',
      labelZh: '住院期间添加（次）',
    },
    {
      column: 'supplements_without_medical_reason',
      label: 'supplements without a medical reason',
      labelZh: '无医学指征的添加（次）',
    },
    {
      column: 'discharge_feeding',
      label: 'feeding at discharge',
      labelZh: '出院时喂养方式',
      valuesZh: DISCHARGE_FEEDING_ZH,
    },
    {
      column: 'stay_complete',
      label: 'stay complete: discharge (or transfer out) or death recorded (1 = yes)',
      labelZh: '住院已结束：已记录出院（或转出）或死亡（1=是）',
    },
    {
      column: 'hepb_birth_dose_minutes',
      label: 'hepatitis B birth dose, whole minutes after birth',
      labelZh: '乙肝疫苗首针（出生后分钟数）',
    },
    {
      column: 'registration_ga_days',
      label: "mother's GA at registration, days",
      labelZh: '母亲建册孕周（天）',
    },
    {
      column: 'first_anc_ga_days',
      label: "mother's GA at first antenatal examination, days",
      labelZh: '母亲首次产前检查孕周（天）',
    },
    {
      column: 'anc_visits',
      label: 'antenatal examinations (days with a visit)',
      labelZh: '产前检查次数（按检查日计）',
    },
    {
      column: 'mother_discharged_on',
      label: "mother's discharge day",
      labelZh: '母亲出院日期',
    },
    {
      column: 'postpartum_visit_days',
      label: 'first postpartum visit, days after discharge',
      labelZh: '首次产后访视（出院后天数）',
    },
  ],
};
