import {
  CAESAREAN_INDICATIONS,
  NON_MEDICAL_CAESAREAN_INDICATIONS,
} from '../../delivery/rules/caesarean-indications';
import { RISK_COLOUR_NAMES, RISK_COLOURS } from '../../risk/rules/risk-colour';
import { PREGNANCY_LENGTH_DAYS } from '../../women/rules/gestational-age';
import type { CohortDefinition } from './cohort-definition';
import { DELIVERY_MODE_FIELD, DELIVERY_PLACE_FIELD } from './shared-fields';
import { hospitalDaySql, notPregnancyLossSql, VIABILITY_ZH } from './sql-fragments';
import { CAESAREAN_INDICATION_ZH, COLOUR_ZH } from './field-values';

const deliveredOn = hospitalDaySql('d.delivered_at');
const colourList = RISK_COLOURS.map((colour) => `'${colour}'`).join(', ');

// Gradings of the pregnancy itself (on or before the delivery day, not the postpartum ones) and
// the district reports they raised (ORANGE within 3 days, RED within 24 hours): on time when
// sent at or before the deadline, as risk/rules/report-deadline reportState.
const GRADINGS_BEFORE_DELIVERY = `
  LEFT JOIN risk_assessment ra ON ra.pregnancy_id = d.pregnancy_id
    AND ra.assessed_on <= ${deliveredOn} AND ra.kind NOT IN ('postpartum_visit', 'day42_check')
  LEFT JOIN risk_report r ON r.assessment_id = ra.id`;

// Her high-risk cases wherever they were opened (the community centre that manages her, or the
// hospital), by the day of delivery: read once per query for the period's deliveries.
const CASES_BY_DELIVERY = `
  LEFT JOIN (
    SELECT h.pregnancy_id, COUNT(*) AS cases,
      MAX(h.responsible_clinician_id IS NOT NULL AND TRIM(COALESCE(h.plan, '')) <> '') AS managed
    FROM delivery hd
    JOIN high_risk_case h ON h.pregnancy_id = hd.pregnancy_id
    WHERE hd.facility_id IN (:facilities) AND hd.delivered_at >= :fromAt AND hd.delivered_at < :toAt
      AND hd.voided_at IS NULL
      AND ${hospitalDaySql('h.opened_at')} <= ${hospitalDaySql('hd.delivered_at')}
    GROUP BY h.pregnancy_id
  ) hc ON hc.pregnancy_id = d.pregnancy_id`;

// As classes.service classesOfWoman: any session she attended, at any facility, from the
// pregnancy's first day (EDD − 280) to the day before delivery.
const CLASSES_BEFORE_DELIVERY = `
  LEFT JOIN class_attendance a ON a.woman_id = p.woman_id
  LEFT JOIN class_session s ON s.id = a.session_id
    AND s.session_date >= DATE_SUB(p.edd, INTERVAL ${PREGNANCY_LENGTH_DAYS} DAY)
    AND s.session_date < ${deliveredOn}
  LEFT JOIN class_topic t ON t.id = s.topic_id`;

export const DELIVERIES_COHORT: CohortDefinition = {
  code: 'deliveries',
  caseKind: 'mother',
  description:
    'One row per delivery (mother) recorded by the facility in the period (delivery time, ' +
    'hospital calendar day), any place of birth, at 28+0 or later (earlier is a pregnancy ' +
    'loss, not a delivery): mode and caesarean indication, prenatal ' +
    'classes before delivery, the highest risk colour graded up to delivery, and high-risk ' +
    'case management with its district reports.',
  descriptionZh:
    '本机构本期记录的每次分娩（每名产妇一行，按分娩时间、医院日历日），不论分娩地点，' +
    `${VIABILITY_ZH}及以后（更早为妊娠丢失，不是分娩）：分娩方式和剖宫产指征、分娩前参加孕妇学校情况、` +
    '分娩前评估的最高风险颜色，以及高危专案管理及其向辖区的上报。',
  // Grouped per delivery, so the result is materialised once before the indicators read it; the
  // joined gradings and class attendances multiply rows, so each count is of distinct ids.
  sql: `SELECT g.*,
  CASE WHEN g.classes_before_delivery > 0 THEN 1 ELSE 0 END AS attended_class_before_delivery
FROM (
  SELECT d.pregnancy_id AS case_id, d.facility_id, p.woman_id, d.pregnancy_id,
    NULL AS newborn_id, ${deliveredOn} AS attributed_on,
    d.place AS delivery_place, d.mode AS delivery_mode, d.caesarean_indication,
    COUNT(DISTINCT s.id) AS classes_before_delivery,
    COUNT(DISTINCT CASE WHEN t.breastfeeding = 1 THEN s.id END)
      AS breastfeeding_classes_before_delivery,
    ELT(MAX(FIELD(ra.colour, ${colourList})), ${colourList}) AS highest_colour,
    COALESCE(MAX(ra.purple), 0) AS ever_purple,
    COALESCE(MIN(hc.cases), 0) AS high_risk_cases,
    COALESCE(MIN(hc.managed), 0) AS case_with_clinician_and_plan,
    COUNT(DISTINCT r.id) AS orange_red_reports,
    COUNT(DISTINCT CASE WHEN r.reported_at <= r.due_at THEN r.id END) AS reports_on_time
  FROM delivery d
  JOIN pregnancy p ON p.id = d.pregnancy_id${GRADINGS_BEFORE_DELIVERY}${CASES_BY_DELIVERY}${CLASSES_BEFORE_DELIVERY}
  WHERE d.facility_id IN (:facilities) AND d.delivered_at >= :fromAt AND d.delivered_at < :toAt
    AND d.voided_at IS NULL AND ${notPregnancyLossSql('d.delivered_at', 'p.edd')}
  GROUP BY d.id
) g`,
  fields: [
    DELIVERY_PLACE_FIELD,
    DELIVERY_MODE_FIELD,
    {
      column: 'caesarean_indication',
      label: 'caesarean: indication code (empty = none; maternal_request is not medical)',
      labelZh: `剖宫产指征（空=未记录；${NON_MEDICAL_CAESAREAN_INDICATIONS.map((code) => CAESAREAN_INDICATIONS[code].zh).join('、')}不属医学指征）`,
      valuesZh: CAESAREAN_INDICATION_ZH,
    },
    {
      column: 'classes_before_delivery',
      label: 'prenatal classes attended before delivery',
      labelZh: '分娩前参加孕妇学校课程（次）',
    },
    {
      column: 'breastfeeding_classes_before_delivery',
      label: 'breastfeeding classes attended before delivery',
      labelZh: '分娩前参加母乳喂养课（次）',
    },
    {
      column: 'highest_colour',
      label: 'highest risk colour graded up to delivery',
      labelZh: '分娩前最高风险颜色',
      valuesZh: COLOUR_ZH,
    },
    {
      column: 'ever_purple',
      label: 'PURPLE (infectious disease) up to delivery (1 = yes)',
      labelZh: '分娩前曾标注紫色（传染病，1=是）',
    },
    {
      column: 'high_risk_cases',
      label: 'high-risk cases opened up to delivery',
      labelZh: '分娩前建立的高危专案（个）',
    },
    {
      column: 'case_with_clinician_and_plan',
      label: 'a case with a named clinician and a plan (1 = yes)',
      labelZh: '专案有责任医生和管理计划（1=是）',
    },
    {
      column: 'orange_red_reports',
      label: 'ORANGE/RED gradings to report to the district',
      labelZh: `需上报辖区的${RISK_COLOUR_NAMES.orange.zh}/${RISK_COLOUR_NAMES.red.zh}评估（次）`,
    },
    {
      column: 'reports_on_time',
      label: 'of which reported on time',
      labelZh: '其中按时上报（次）',
    },
  ],
};
