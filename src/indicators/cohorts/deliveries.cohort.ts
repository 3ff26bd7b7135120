import { RISK_COLOURS } from '../../risk/rules/risk-colour';
import { PREGNANCY_LENGTH_DAYS } from '../../women/rules/gestational-age';
import type { CohortDefinition } from './cohort-definition';
import { hospitalDaySql, notPregnancyLossSql } from './sql-fragments';

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
    { column: 'delivery_place', label: 'place of delivery' },
    { column: 'delivery_mode', label: 'mode of delivery' },
    {
      column: 'caesarean_indication',
      label: 'caesarean: indication code (empty = none; maternal_request is not medical)',
    },
    { column: 'classes_before_delivery', label: 'prenatal classes attended before delivery' },
    {
      column: 'breastfeeding_classes_before_delivery',
      label: 'breastfeeding classes attended before delivery',
    },
    { column: 'highest_colour', label: 'highest risk colour graded up to delivery' },
    { column: 'ever_purple', label: 'PURPLE (infectious disease) up to delivery (1 = yes)' },
    { column: 'high_risk_cases', label: 'high-risk cases opened up to delivery' },
    {
      column: 'case_with_clinician_and_plan',
      label: 'a case with a named clinician and a plan (1 = yes)',
    },
    { column: 'orange_red_reports', label: 'ORANGE/RED gradings to report to the district' },
    { column: 'reports_on_time', label: 'of which reported on time' },
  ],
};
