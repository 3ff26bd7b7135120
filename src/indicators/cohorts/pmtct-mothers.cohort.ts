import {
  coursesRequired,
  DISEASES,
  type Disease,
  EARLY_TESTING_MAX_GA_DAYS,
  SYPHILIS_DOSE_INTERVAL_MAX_DAYS,
  SYPHILIS_DOSES_PER_COURSE,
} from '../../pmtct/rules/pmtct-rules';
import type { CohortDefinition } from './cohort-definition';
import { gaDaysOn, hospitalDaySql, notPregnancyLossSql } from './sql-fragments';

/**
 * The first GA day at which coursesRequired() asks for two syphilis courses (13+0). Read from the
 * rule itself, so the SQL cannot drift from it.
 */
export const TWO_SYPHILIS_COURSES_FROM_GA_DAYS = Array.from({ length: 300 }, (_, ga) => ga).find(
  (ga) => coursesRequired(ga) === 2,
)!;

const gaDays = (date: string) => gaDaysOn(date, 'm.edd');

/** A resulted test of her own, sampled on or before the delivery day (PmtctService.status()). */
const resultedByDelivery = (disease: Disease) =>
  `t.disease = '${disease}' AND t.result IS NOT NULL AND t.sample_date <= m.delivered_on`;

const testColumns = (disease: Disease) => `
    MAX(${resultedByDelivery(disease)}) AS ${disease}_tested,
    MAX(${resultedByDelivery(disease)} AND t.setting = 'antenatal') AS ${disease}_tested_antenatal,
    MIN(CASE WHEN ${resultedByDelivery(disease)} AND ${gaDays('t.sample_date')} >= 0
        THEN ${gaDays('t.sample_date')} END) AS ${disease}_first_test_ga_days,
    MAX(t.disease = '${disease}' AND t.kind = 'confirmatory' AND t.result = 'positive') AS ${disease}_positive`;

const selectedTestColumns = (disease: Disease) => `
       COALESCE(t.${disease}_tested, 0) AS ${disease}_tested,
       COALESCE(t.${disease}_tested_antenatal, 0) AS ${disease}_tested_antenatal,
       t.${disease}_first_test_ga_days,
       COALESCE(t.${disease}_positive, 0) AS ${disease}_positive,`;

/**
 * Women who delivered at the facility in the period, one row per delivery, with what decides
 * PM-01..PM-06 and PM-08: per disease whether she had a resulted test by the delivery day (any
 * setting, and antenatal), the GA of her first test on or after GA 0, and whether she is
 * confirmed positive (a positive confirmatory test of her own, as diseaseStatus() decides); the
 * start of antiretroviral therapy; and for syphilis the courses the rule requires (by the GA of
 * her first positive test) and the complete courses (≥ 3 doses, consecutive doses 1..9 days
 * apart) among those started by the delivery day.
 */
export const PMTCT_MOTHERS_COHORT: CohortDefinition = {
  code: 'pmtct_mothers',
  caseKind: 'mother',
  description:
    'Women who delivered at the facility in the period (one row per delivery), at 28+0 or ' +
    'later: an earlier birth is a pregnancy loss, not a delivery',
  sql: `
WITH m AS (
  SELECT dl.id AS delivery_id, dl.facility_id, dl.pregnancy_id, p.woman_id, p.edd,
         ${hospitalDaySql('dl.delivered_at')} AS delivered_on
  FROM delivery dl
  JOIN pregnancy p ON p.id = dl.pregnancy_id
  WHERE dl.facility_id IN (:facilities) AND dl.delivered_at >= :fromAt AND dl.delivered_at < :toAt
    AND ${notPregnancyLossSql('dl.delivered_at', 'p.edd')}
),
tests AS (
  SELECT m.delivery_id,${DISEASES.map(testColumns).join(',')},
    MIN(CASE WHEN t.disease = 'syphilis' AND t.result = 'positive' THEN t.sample_date END)
      AS syphilis_first_positive_on
  FROM m
  JOIN pmtct_test t ON t.pregnancy_id = m.pregnancy_id AND t.subject = 'woman'
  GROUP BY m.delivery_id
),
treatments AS (
  SELECT m.delivery_id,
    MIN(CASE WHEN mt.kind = 'art' THEN mt.started_on END) AS art_started_on,
    MIN(CASE WHEN mt.kind = 'syphilis_course' THEN mt.started_on END) AS syphilis_treatment_started_on
  FROM m
  JOIN maternal_treatment mt ON mt.pregnancy_id = m.pregnancy_id
  GROUP BY m.delivery_id
),
course_doses AS (
  SELECT m.delivery_id, d.treatment_id,
    DATEDIFF(d.given_on, LAG(d.given_on) OVER (PARTITION BY d.treatment_id ORDER BY d.given_on)) AS gap_days
  FROM m
  JOIN maternal_treatment mt ON mt.pregnancy_id = m.pregnancy_id
   AND mt.kind = 'syphilis_course' AND mt.started_on <= m.delivered_on
  JOIN treatment_dose d ON d.treatment_id = mt.id
),
courses AS (
  SELECT delivery_id, SUM(complete) AS complete_courses
  FROM (
    SELECT delivery_id, treatment_id,
      COUNT(*) >= ${SYPHILIS_DOSES_PER_COURSE}
        AND MIN(gap_days) >= 1 AND MAX(gap_days) <= ${SYPHILIS_DOSE_INTERVAL_MAX_DAYS} AS complete
    FROM course_doses
    GROUP BY delivery_id, treatment_id
  ) per_course
  GROUP BY delivery_id
)
SELECT m.delivery_id AS case_id, m.facility_id, m.woman_id, m.pregnancy_id, NULL AS newborn_id,
       m.delivered_on AS attributed_on,${DISEASES.map(selectedTestColumns).join('')}
       tr.art_started_on,
       tr.syphilis_treatment_started_on,
       CASE WHEN t.syphilis_positive = 1 THEN
         CASE WHEN GREATEST(0, ${gaDays('t.syphilis_first_positive_on')}) >= ${TWO_SYPHILIS_COURSES_FROM_GA_DAYS}
           THEN 2 ELSE 1 END
       END AS syphilis_courses_required,
       CAST(COALESCE(c.complete_courses, 0) AS SIGNED) AS syphilis_complete_courses
FROM m
LEFT JOIN tests t ON t.delivery_id = m.delivery_id
LEFT JOIN treatments tr ON tr.delivery_id = m.delivery_id
LEFT JOIN courses c ON c.delivery_id = m.delivery_id`,
  fields: [
    ...DISEASES.flatMap((disease) => {
      const name = { hiv: 'HIV', syphilis: 'syphilis', hbsag: 'HBsAg' }[disease];
      return [
        { column: `${disease}_tested`, label: `${name}: resulted test by the delivery day` },
        { column: `${disease}_tested_antenatal`, label: `${name}: resulted antenatal test` },
        {
          column: `${disease}_first_test_ga_days`,
          label: `${name}: GA of the first test, days (early ≤ ${EARLY_TESTING_MAX_GA_DAYS})`,
        },
        { column: `${disease}_positive`, label: `${name}: confirmed positive` },
      ];
    }),
    { column: 'art_started_on', label: 'antiretroviral therapy started on' },
    { column: 'syphilis_treatment_started_on', label: 'first syphilis course started on' },
    { column: 'syphilis_courses_required', label: 'syphilis courses required' },
    {
      column: 'syphilis_complete_courses',
      label: 'complete syphilis courses started by delivery',
    },
  ],
};
