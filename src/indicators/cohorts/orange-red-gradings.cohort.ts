import { REPORT_WINDOW_HOURS } from '../../risk/rules/report-deadline';
import type { CohortDefinition } from './cohort-definition';
import { hospitalDaySql, wholeMinutesSql } from './sql-fragments';
import { COLOUR_ZH, REPORT_STATE_ZH } from './field-values';

const WINDOW_HOURS = `CASE r.colour WHEN 'red' THEN ${REPORT_WINDOW_HOURS.red} WHEN 'orange' THEN ${REPORT_WINDOW_HOURS.orange} END`;
const DUE_AT = `(r.graded_at + INTERVAL ${WINDOW_HOURS} HOUR)`;

/**
 * Gradings of the period that rose to ORANGE or RED and so must be reported to the district
 * (each has its risk_report row), with the deadline reportDueAt() sets (ORANGE 72 h, RED 24 h from
 * the grading) and reportState(): reported on time when reported at or before the deadline (to
 * the millisecond), late after it; unreported is 'due' until the deadline passes, 'late' after
 * (judged as of :evaluatedAt, the period's end plus 3 days once that has passed).
 */
export const ORANGE_RED_GRADINGS_COHORT: CohortDefinition = {
  code: 'orange_red_gradings',
  caseKind: 'grading',
  description: 'ORANGE and RED gradings of the period that must be reported to the district',
  descriptionZh: '本期需上报辖区的橙色和红色妊娠风险评估',
  sql: `
SELECT r.id AS case_id, ra.facility_id, p.woman_id, ra.pregnancy_id, NULL AS newborn_id,
       ${hospitalDaySql('ra.assessed_at')} AS attributed_on,
       r.colour,
       r.graded_at,
       ${WINDOW_HOURS} AS report_window_hours,
       ${DUE_AT} AS due_at,
       r.reported_at,
       ${wholeMinutesSql('r.graded_at', 'r.reported_at')} AS report_minutes_after_grading,
       CASE
         WHEN r.reported_at IS NOT NULL AND r.reported_at <= ${DUE_AT} THEN 'reported_on_time'
         WHEN r.reported_at IS NOT NULL THEN 'reported_late'
         WHEN :evaluatedAt <= ${DUE_AT} THEN 'due'
         ELSE 'late'
       END AS report_state
FROM risk_assessment ra
JOIN risk_report r ON r.assessment_id = ra.id
JOIN pregnancy p ON p.id = ra.pregnancy_id
WHERE ra.facility_id IN (:facilities) AND ra.assessed_at >= :fromAt AND ra.assessed_at < :toAt
  AND ra.colour IN ('orange', 'red')`,
  fields: [
    {
      column: 'colour',
      label: 'colour',
      labelZh: '风险颜色',
      valuesZh: COLOUR_ZH,
    },
    {
      column: 'graded_at',
      label: 'graded at (UTC)',
      labelZh: '评估时间（UTC）',
    },
    {
      column: 'report_window_hours',
      label: 'report within, hours',
      labelZh: '上报时限（小时）',
    },
    {
      column: 'due_at',
      label: 'report due at (UTC)',
      labelZh: '上报截止时间（UTC）',
    },
    {
      column: 'reported_at',
      label: 'reported at (UTC)',
      labelZh: '上报时间（UTC）',
    },
    {
      column: 'report_minutes_after_grading',
      label: 'reported, minutes after grading',
      labelZh: '评估后上报（分钟）',
    },
    {
      column: 'report_state',
      label: 'report state',
      labelZh: '上报状态',
      valuesZh: REPORT_STATE_ZH,
    },
  ],
};
