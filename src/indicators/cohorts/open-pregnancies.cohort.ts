import type { CohortDefinition } from './cohort-definition';
import { gaDaysOn } from './sql-fragments';
import { ASSESSMENT_KIND_ZH, COLOUR_ZH } from './field-values';

/**
 * Pregnancies of the facility open at the end of the period's last day (:asOf): registered by
 * then, and still open or left `open` after it (the day a pregnancy left `open` is its outcome
 * day when it ended by delivery, loss or death, otherwise its status day, the only change a
 * transfer or loss makes). The latest grading by then (assessed on or before :asOf, latest by
 * grading time, then id, as the risk module orders them) gives the colour and PURPLE; none means
 * not yet screened. A copy merged into another record is not counted: the kept one is.
 */
export const OPEN_PREGNANCIES_COHORT: CohortDefinition = {
  code: 'open_pregnancies',
  caseKind: 'pregnancy',
  description: 'Pregnancies open at the facility at the end of the period',
  descriptionZh: '统计期末本机构在管孕妇（孕产期未结案）',
  sql: `
SELECT p.id AS case_id, p.facility_id, p.woman_id, p.id AS pregnancy_id, NULL AS newborn_id,
       CAST(:asOf AS DATE) AS attributed_on,
       ${gaDaysOn(':asOf', 'p.edd')} AS ga_days_at_period_end,
       la.colour AS latest_colour,
       la.purple AS latest_purple,
       la.assessed_on AS latest_assessed_on,
       la.kind AS latest_assessment_kind
FROM pregnancy p
LEFT JOIN risk_assessment la ON la.id = (
  SELECT ra.id FROM risk_assessment ra
  WHERE ra.pregnancy_id = p.id AND ra.assessed_on <= :asOf
  ORDER BY ra.assessed_at DESC, ra.id DESC
  LIMIT 1)
WHERE p.facility_id IN (:facilities) AND p.registration_date <= :asOf
  AND (p.status = 'open' OR (p.status <> 'merged' AND COALESCE(p.outcome_date, p.status_date) > :asOf))`,
  fields: [
    {
      column: 'ga_days_at_period_end',
      label: 'GA at the end of the period, days',
      labelZh: '统计期末孕周（天）',
    },
    {
      column: 'latest_colour',
      label: 'latest colour (none = not screened)',
      labelZh: '最近一次风险颜色（空=未筛查）',
      valuesZh: COLOUR_ZH,
    },
    {
      column: 'latest_purple',
      label: 'PURPLE (infectious disease)',
      labelZh: '紫色（传染病）',
    },
    {
      column: 'latest_assessed_on',
      label: 'latest grading on',
      labelZh: '最近一次评估日期',
    },
    {
      column: 'latest_assessment_kind',
      label: 'latest grading kind',
      labelZh: '最近一次评估类型',
      valuesZh: ASSESSMENT_KIND_ZH,
    },
  ],
};
