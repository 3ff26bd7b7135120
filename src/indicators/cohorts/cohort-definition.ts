/**
 * A cohort is one SQL query that returns one row per case (a baby, a mother, a grading, a
 * session, …) of the given facilities and period, with the columns that decide every indicator
 * counted over it. Indicators are boolean expressions over these columns (alias `c`), so the
 * numbers and the drill-down lists come from the same rows.
 *
 * Placeholders, replaced by bound parameters (each may appear any number of times):
 * - `:facilities`  the facility ids, for `facility_id IN (:facilities)`
 * - `:from`, `:to` the period's first day and the day after its last (DATE, hospital calendar)
 * - `:fromAt`, `:toAt` the same bounds as UTC instants, for DATETIME columns (instants are UTC)
 * - `:tz`          the hospital's UTC offset, e.g. '+08:00', for CONVERT_TZ(x, '+00:00', :tz)
 * - `:asOf`        the last day of the period (DATE), for states at the period's end
 * - `:evaluatedOn`, `:evaluatedAt` the day (DATE) and instant (UTC) rules that read "today" or
 *                  "now" are evaluated at: the period's end plus its grace (evaluation-day.ts)
 */
export interface CohortDefinition {
  code: string;
  /** What one row is. */
  caseKind: 'newborn' | 'mother' | 'pregnancy' | 'grading' | 'session' | 'survey' | 'follow_up';
  description: string;
  /** The same in Chinese, as the maternal-health office reads it. */
  descriptionZh: string;
  /**
   * Must select at least: `case_id` (unique within the cohort), `facility_id`, `woman_id`,
   * `pregnancy_id` (or NULL), `newborn_id` (or NULL), `attributed_on` (DATE, hospital calendar:
   * the day that puts the case in the period), then the decision columns listed in `fields`.
   */
  sql: string;
  /**
   * The SQL also selects `attributed_region`: the region the case's woman is counted in by
   * district indicators (IndicatorDefinition.counting).
   */
  attributedRegion?: boolean;
  /** Decision columns shown for every case in the drill-down, in this order. */
  fields: readonly CohortField[];
}

export interface CohortField {
  column: string;
  label: string;
  /** The label in Chinese, as the drill-down shows it (a column header: short). */
  labelZh: string;
  /** A coded field's values in Chinese, code by code. */
  valuesZh?: Readonly<Record<string, string>>;
}
