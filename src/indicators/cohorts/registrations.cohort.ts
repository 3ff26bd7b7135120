import {
  ADHERENCE_EVALUABLE_FROM_GA_DAYS,
  END_OF_MONTH_3_GA_DAYS,
  LOOKBACK_DAYS,
  tabletsPerDay,
  UPTAKE_DAYS_AFTER_LMP,
  UPTAKE_DAYS_BEFORE_LMP,
} from '../../folic-acid/rules/folic-acid';
import { formatGestationalAge, PREGNANCY_LENGTH_DAYS } from '../../women/rules/gestational-age';
import type { CohortDefinition } from './cohort-definition';

/** RK-01: the registration screening counts when done within this many days of registration. */
export const SCREENING_WITHIN_DAYS = 7;

/**
 * The pregnancies registered at the facility in the period (by the facility that registered her,
 * whoever manages her now); read once per branch below. A copy merged into another record counts
 * there, with its records.
 */
const REGISTERED = `
  SELECT p.id AS pregnancy_id, p.registering_facility_id AS facility_id, p.woman_id, p.registration_date,
         TO_DAYS(p.edd) - ${PREGNANCY_LENGTH_DAYS} AS lmp_day,
         TO_DAYS(:evaluatedOn) AS today_day,
         CASE WHEN p.status = 'open' THEN NULL ELSE COALESCE(p.outcome_date, p.status_date) END AS ended_on
  FROM pregnancy p
  WHERE p.registering_facility_id IN (:facilities)
    AND p.registration_date >= :from AND p.registration_date < :to AND p.status <> 'merged'`;

/** Her records count from LMP − LOOKBACK_DAYS to the day the pregnancy ended, or today if earlier. */
const recordedBetween = (column: string) =>
  `${column} >= FROM_DAYS(b.lmp_day - ${LOOKBACK_DAYS})
     AND ${column} <= LEAST(COALESCE(b.ended_on, FROM_DAYS(b.today_day)), FROM_DAYS(b.today_day))`;

const WINDOW_END = `lmp_day + ${END_OF_MONTH_3_GA_DAYS}`;
const UPTAKE_FROM = `lmp_day - ${UPTAKE_DAYS_BEFORE_LMP}`;
const UPTAKE_TO = `lmp_day + ${UPTAKE_DAYS_AFTER_LMP}`;

/** Her dispensings, with the days each covers (floor(tablets ÷ tablets a day)). */
const DISPENSINGS = `
  SELECT b.pregnancy_id, b.lmp_day, d.id AS dispensing_id, TO_DAYS(d.dispensed_on) AS day,
         (d.bottles * d.tablets_per_bottle)
           DIV CASE d.dose_mg WHEN 0.4 THEN ${tabletsPerDay(0.4)} WHEN 0.8 THEN ${tabletsPerDay(0.8)} END
           AS days_covered
  FROM (${REGISTERED}) b
  JOIN folic_acid_dispensing d ON d.woman_id = b.woman_id AND ${recordedBetween('d.dispensed_on')}`;

/**
 * Supplies stack: each starts on its dispensing day or the day after the previous supply runs
 * out. With day numbers d, days covered c and running totals P (in dispensing order), supply i
 * ends on max over j ≤ i of (d_j − 1 + c_j − P_j), plus P_i: a running MAX over a running SUM.
 * A dispensing covering no day supplies nothing but is still uptake evidence on its day.
 */
const SUPPLY_ORDER =
  'PARTITION BY pregnancy_id ORDER BY days_covered > 0 DESC, day, dispensing_id ROWS UNBOUNDED PRECEDING';
const SUPPLIES = `
  SELECT pregnancy_id, lmp_day, day AS evidence_day,
         CASE WHEN days_covered > 0 THEN MAX(end_term) OVER (${SUPPLY_ORDER}) + running_days - days_covered + 1 END AS range_from,
         CASE WHEN days_covered > 0 THEN MAX(end_term) OVER (${SUPPLY_ORDER}) + running_days END AS range_to,
         0 AS missed_days, NULL AS estimate
  FROM (
    SELECT pregnancy_id, lmp_day, dispensing_id, day, days_covered,
           SUM(days_covered) OVER (${SUPPLY_ORDER}) AS running_days,
           CASE WHEN days_covered > 0
             THEN day - 1 + days_covered - SUM(days_covered) OVER (${SUPPLY_ORDER}) END AS end_term
    FROM (${DISPENSINGS}) d
  ) running`;

/**
 * Her intake reports: the days she says she took it (none when the range is missing or
 * inverted), their missed days up to the end of month 3 (at most the report's own days there;
 * adherence starts on or before any such range), and a range-less report's estimate.
 */
const REPORTS = `
  SELECT pregnancy_id, lmp_day, NULL AS evidence_day, range_from, range_to,
         CASE WHEN range_from IS NOT NULL AND missed IS NOT NULL
           THEN LEAST(missed, GREATEST(0, LEAST(range_to, ${WINDOW_END}) - range_from + 1))
           ELSE 0 END AS missed_days,
         CASE WHEN started IS NULL THEN estimated END AS estimate
  FROM (
    SELECT b.pregnancy_id, b.lmp_day, r.started_on AS started,
           r.missed_days AS missed, r.estimated_days_taken AS estimated,
           CASE WHEN r.started_on <= COALESCE(r.stopped_on, r.reported_on)
             THEN TO_DAYS(r.started_on) END AS range_from,
           CASE WHEN r.started_on <= COALESCE(r.stopped_on, r.reported_on)
             THEN TO_DAYS(COALESCE(r.stopped_on, r.reported_on)) END AS range_to
    FROM (${REGISTERED}) b
    JOIN folic_acid_intake_report r ON r.woman_id = b.woman_id AND ${recordedBetween('r.reported_on')}
  ) reported`;

/**
 * Per intake range: the days it adds to the union of ranges up to the end of month 3 (sorted by
 * start, the days past the furthest end so far), and its uptake evidence.
 */
const UNION_ORDER = `PARTITION BY pregnancy_id ORDER BY in_window DESC, range_from, clipped_to
  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING`;
const PER_RANGE = `
  SELECT pregnancy_id, in_window, range_from, missed_days, estimate,
         CASE WHEN in_window = 1 THEN GREATEST(0, clipped_to - GREATEST(range_from - 1,
           COALESCE(MAX(CASE WHEN in_window = 1 THEN clipped_to END) OVER (${UNION_ORDER}), range_from - 1)))
         END AS new_days,
         -- A supply starts on or after its dispensing day, so that day, when in the window, comes first.
         COALESCE(
           CASE WHEN evidence_day BETWEEN ${UPTAKE_FROM} AND ${UPTAKE_TO} THEN evidence_day END,
           CASE WHEN range_from <= ${UPTAKE_TO} AND range_to >= ${UPTAKE_FROM}
             THEN GREATEST(range_from, ${UPTAKE_FROM}) END) AS evidence
  FROM (
    SELECT i.*, COALESCE(range_from <= ${WINDOW_END}, 0) AS in_window,
           LEAST(range_to, ${WINDOW_END}) AS clipped_to
    FROM (${SUPPLIES} UNION ALL ${REPORTS}) i
  ) r`;

const FOLIC_ACID = `
  SELECT pregnancy_id,
         MIN(evidence) AS first_day,
         MIN(CASE WHEN in_window = 1 THEN range_from END) AS start_day,
         COALESCE(SUM(new_days), 0) AS union_days,
         SUM(missed_days) AS missed_days,
         COALESCE(MAX(estimate), 0) AS estimate
  FROM (${PER_RANGE}) x
  GROUP BY pregnancy_id`;

const EVALUABLE = `r.today_day - r.lmp_day >= ${ADHERENCE_EVALUABLE_FROM_GA_DAYS}`;
const DAYS_IN_WINDOW = `r.lmp_day + ${END_OF_MONTH_3_GA_DAYS} - f.start_day + 1`;

/**
 * Pregnancies registered at the facility in the period, with what decides FA-01, FA-02 and RK-01.
 *
 * Folic acid is decided as FolicAcidService.summary() decides it on an evaluation day, here
 * :evaluatedOn ("today" below: the period's last day + 91, or the computation day before that): LMP = EDD − 280, her records from LMP − LOOKBACK_DAYS to the end of
 * the pregnancy or today, then uptake() and adherence() of src/folic-acid/rules/folic-acid.ts,
 * set-based (window functions, one pass over her records):
 * - uptake: a dispensing day, supplied day or reported day in [LMP − 90, LMP + 90];
 * - adherence: start = the first supplied or reported day, if ≤ LMP + 90; window [start,
 *   LMP + 90]; days taken = max(union of supplied and reported days in the window − missed days,
 *   the largest range-less estimate capped at the window); evaluable from GA 13+0 today. The
 *   80 % threshold is applied by FA-02 itself.
 * RK-01: the first registration screening (kind registration_screening), in days after
 * registration.
 */
export const REGISTRATIONS_COHORT: CohortDefinition = {
  code: 'registrations',
  caseKind: 'pregnancy',
  description: 'Pregnancies registered (建册) at the facility in the period',
  descriptionZh: '本期在本机构建册的孕妇',
  sql: `
SELECT r.pregnancy_id AS case_id, r.facility_id, r.woman_id, r.pregnancy_id, NULL AS newborn_id,
       r.registration_date AS attributed_on,
       FROM_DAYS(r.lmp_day) AS lmp,
       TO_DAYS(r.registration_date) - r.lmp_day AS ga_days_at_registration,
       r.today_day - r.lmp_day AS ga_days_today,
       COALESCE(f.first_day IS NOT NULL, 0) AS folic_took,
       FROM_DAYS(f.first_day) AS folic_first_evidence_on,
       FROM_DAYS(f.start_day) AS folic_started_on,
       COALESCE(f.start_day < r.lmp_day, 0) AS folic_started_before_lmp,
       COALESCE(${EVALUABLE} AND f.start_day IS NOT NULL, 0) AS folic_evaluable,
       CASE WHEN ${EVALUABLE} THEN ${DAYS_IN_WINDOW} END AS folic_days_in_window,
       CASE WHEN ${EVALUABLE} THEN CAST(GREATEST(GREATEST(0, f.union_days - f.missed_days),
         LEAST(f.estimate, ${DAYS_IN_WINDOW})) AS SIGNED) END AS folic_days_taken,
       r.registration_date + INTERVAL r.screening_days DAY AS screened_on,
       r.screening_days AS screening_days_after_registration,
       r.today_day - TO_DAYS(r.registration_date) <= ${SCREENING_WITHIN_DAYS} AS screening_window_open
FROM (
  SELECT b.*,
         (SELECT DATEDIFF(MIN(ra.assessed_on), b.registration_date) FROM risk_assessment ra
           WHERE ra.pregnancy_id = b.pregnancy_id AND ra.kind = 'registration_screening')
           AS screening_days
  FROM (${REGISTERED}) b
) r
LEFT JOIN (${FOLIC_ACID}) f ON f.pregnancy_id = r.pregnancy_id`,
  fields: [
    {
      column: 'lmp',
      label: 'LMP (EDD − 280 days)',
      labelZh: `末次月经（预产期前${PREGNANCY_LENGTH_DAYS}天）`,
    },
    {
      column: 'ga_days_at_registration',
      label: 'GA at registration, days',
      labelZh: '建册孕周（天）',
    },
    {
      column: 'ga_days_today',
      label: 'GA on the as-of day, days (adherence evaluable from 91)',
      labelZh: `评估日孕周（天；满${ADHERENCE_EVALUABLE_FROM_GA_DAYS}天可评价依从性）`,
    },
    {
      column: 'folic_took',
      label: 'folic acid taken in [LMP − 90 d, LMP + 90 d]',
      labelZh: `末次月经前${UPTAKE_DAYS_BEFORE_LMP}天至后${UPTAKE_DAYS_AFTER_LMP}天内服用叶酸`,
    },
    {
      column: 'folic_first_evidence_on',
      label: 'first folic-acid day in that window',
      labelZh: '该期间首个服用叶酸日',
    },
    {
      column: 'folic_started_on',
      label: 'folic acid started on',
      labelZh: '开始服用叶酸日期',
    },
    {
      column: 'folic_started_before_lmp',
      label: 'started before LMP',
      labelZh: '末次月经前开始服用',
    },
    {
      column: 'folic_evaluable',
      label: 'adherence evaluable (GA ≥ 13+0 on the as-of day, intake recorded)',
      labelZh: `依从性可评价（评估日孕周≥${formatGestationalAge(ADHERENCE_EVALUABLE_FROM_GA_DAYS)}，有服用记录）`,
    },
    {
      column: 'folic_days_in_window',
      label: 'days from start to end of month 3',
      labelZh: '开始服用至孕3个月末的天数',
    },
    {
      column: 'folic_days_taken',
      label: 'days taken in that window',
      labelZh: '其中服用天数',
    },
    {
      column: 'screened_on',
      label: 'registration risk screening on',
      labelZh: '建册时妊娠风险筛查日期',
    },
    {
      column: 'screening_days_after_registration',
      label: 'screening, days after registration',
      labelZh: '筛查距建册（天）',
    },
    {
      column: 'screening_window_open',
      label: `${SCREENING_WITHIN_DAYS}-day screening window still open on the as-of day`,
      labelZh: `评估日${SCREENING_WITHIN_DAYS}天筛查期限尚未届满`,
    },
  ],
};
