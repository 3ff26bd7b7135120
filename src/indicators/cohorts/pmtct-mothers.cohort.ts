import {
  coursesRequired,
  DEFAULT_SYPHILIS_POLICY,
  DISEASES,
  type Disease,
  EARLY_TESTING_MAX_GA_DAYS,
  SYPHILIS_DOSES_PER_COURSE,
} from '../../pmtct/rules/pmtct-rules';
import type { CohortDefinition } from './cohort-definition';
import {
  gaDaysOn,
  hospitalDaySql,
  notPregnancyLossSql,
  positiveTestSql,
  VIABILITY_ZH,
} from './sql-fragments';

/** The diseases as the 2020 规范 names their tests. */
export const DISEASE_NAMES: Readonly<Record<Disease, { zh: string; en: string }>> = {
  hiv: { zh: '艾滋病', en: 'HIV' },
  syphilis: { zh: '梅毒', en: 'syphilis' },
  hbsag: { zh: '乙肝表面抗原', en: 'HBsAg' },
};

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
    MAX(t.disease = '${disease}' AND t.result = 'positive' AND ${positiveTestSql(disease, 't')}) AS ${disease}_positive`;

const selectedTestColumns = (disease: Disease) => `
       COALESCE(t.${disease}_tested, 0) AS ${disease}_tested,
       COALESCE(t.${disease}_tested_antenatal, 0) AS ${disease}_tested_antenatal,
       t.${disease}_first_test_ga_days,
       COALESCE(t.${disease}_positive, 0) AS ${disease}_positive,`;

/**
 * Women whose delivery the facility recorded in the period (any place of birth), one row per
 * delivery, with what decides
 * PM-01..PM-06 and PM-08: per disease whether she had a resulted test by the delivery day (any
 * setting, and antenatal), the GA of her first test on or after GA 0, and whether she is
 * confirmed positive (a positive confirmatory test of her own, for HBsAg any positive test, as
 * diseaseStatus() decides); the start of antiretroviral therapy; and for syphilis, as
 * syphilisTreatment() decides with the configured policy (:doseGapMin, :doseGapMax,
 * :courseGapMin, :endsBeforeDelivery): the first dose, the courses required (by the GA of her
 * first positive test), the complete courses (≥ 3 doses, consecutive doses 7 ± 2 days apart),
 * those ending at least 4 weeks before the delivery day, and whether two of these are apart
 * enough (the second starting ≥ 14 days after the first ended).
 */
export const PMTCT_MOTHERS_COHORT: CohortDefinition = {
  code: 'pmtct_mothers',
  caseKind: 'mother',
  description:
    'Women whose delivery the facility recorded in the period, any place of birth (one row per ' +
    'delivery), at 28+0 or ' +
    'later: an earlier birth is a pregnancy loss, not a delivery',
  descriptionZh:
    '本机构本期记录分娩的产妇，不论分娩地点（每次分娩一行），' +
    `${VIABILITY_ZH}及以后：更早的分娩为妊娠丢失，不是分娩`,
  sql: `
WITH m AS (
  SELECT dl.id AS delivery_id, dl.facility_id, dl.pregnancy_id, p.woman_id, p.edd,
         ${hospitalDaySql('dl.delivered_at')} AS delivered_on
  FROM delivery dl
  JOIN pregnancy p ON p.id = dl.pregnancy_id
  WHERE dl.facility_id IN (:facilities) AND dl.delivered_at >= :fromAt AND dl.delivered_at < :toAt
    AND dl.voided_at IS NULL AND ${notPregnancyLossSql('dl.delivered_at', 'p.edd')}
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
  SELECT m.delivery_id, m.delivered_on, d.treatment_id, d.given_on,
    DATEDIFF(d.given_on, LAG(d.given_on) OVER (PARTITION BY d.treatment_id ORDER BY d.given_on)) AS gap_days
  FROM m
  JOIN maternal_treatment mt ON mt.pregnancy_id = m.pregnancy_id AND mt.kind = 'syphilis_course'
  JOIN treatment_dose d ON d.treatment_id = mt.id
),
per_course AS (
  SELECT delivery_id, treatment_id, MIN(given_on) AS started_on, MAX(given_on) AS ended_on,
    DATEDIFF(MAX(delivered_on), MAX(given_on)) AS days_before_delivery,
    COUNT(*) >= ${SYPHILIS_DOSES_PER_COURSE}
      AND MIN(gap_days) >= :doseGapMin AND MAX(gap_days) <= :doseGapMax AS complete
  FROM course_doses
  GROUP BY delivery_id, treatment_id
),
timely AS (
  SELECT delivery_id, started_on, ended_on FROM per_course
  WHERE complete AND days_before_delivery >= :endsBeforeDelivery
),
courses AS (
  SELECT pc.delivery_id, SUM(pc.complete) AS complete_courses,
    (SELECT COUNT(*) FROM timely tc WHERE tc.delivery_id = pc.delivery_id) AS timely_courses,
    EXISTS (SELECT 1 FROM timely a JOIN timely b ON b.delivery_id = a.delivery_id
            WHERE a.delivery_id = pc.delivery_id
              AND DATEDIFF(b.started_on, a.ended_on) >= :courseGapMin) AS courses_apart
  FROM per_course pc
  GROUP BY pc.delivery_id
),
first_doses AS (
  SELECT delivery_id, MIN(given_on) AS first_dose_on FROM course_doses GROUP BY delivery_id
)
SELECT m.delivery_id AS case_id, m.facility_id, m.woman_id, m.pregnancy_id, NULL AS newborn_id,
       m.delivered_on AS attributed_on,${DISEASES.map(selectedTestColumns).join('')}
       tr.art_started_on,
       tr.syphilis_treatment_started_on,
       CASE WHEN t.syphilis_positive = 1 THEN
         CASE WHEN GREATEST(0, ${gaDays('t.syphilis_first_positive_on')}) >= ${TWO_SYPHILIS_COURSES_FROM_GA_DAYS}
           THEN 2 ELSE 1 END
       END AS syphilis_courses_required,
       fd.first_dose_on AS syphilis_first_dose_on,
       fd.first_dose_on IS NOT NULL AND fd.first_dose_on <= m.delivered_on AS syphilis_treated,
       CAST(COALESCE(c.complete_courses, 0) AS SIGNED) AS syphilis_complete_courses,
       CAST(COALESCE(c.timely_courses, 0) AS SIGNED) AS syphilis_timely_courses,
       COALESCE(c.courses_apart, 0) AS syphilis_courses_apart
FROM m
LEFT JOIN tests t ON t.delivery_id = m.delivery_id
LEFT JOIN treatments tr ON tr.delivery_id = m.delivery_id
LEFT JOIN courses c ON c.delivery_id = m.delivery_id
LEFT JOIN first_doses fd ON fd.delivery_id = m.delivery_id`,
  fields: [
    ...DISEASES.flatMap((disease) => {
      const name = DISEASE_NAMES[disease].en;
      const zh = DISEASE_NAMES[disease].zh;
      return [
        {
          column: `${disease}_tested`,
          label: `${name}: resulted test by the delivery day`,
          labelZh: `${zh}：分娩当日及以前有检测结果`,
        },
        {
          column: `${disease}_tested_antenatal`,
          label: `${name}: resulted antenatal test`,
          labelZh: `${zh}：孕期有检测结果`,
        },
        {
          column: `${disease}_first_test_ga_days`,
          label: `${name}: GA of the first test, days (early ≤ ${EARLY_TESTING_MAX_GA_DAYS})`,
          labelZh: `${zh}：首次检测孕周（天；孕早期≤${EARLY_TESTING_MAX_GA_DAYS}）`,
        },
        {
          column: `${disease}_positive`,
          label: `${name}: confirmed positive`,
          labelZh: `${zh}：${disease === 'hbsag' ? '阳性' : '确诊阳性'}`,
        },
      ];
    }),
    {
      column: 'art_started_on',
      label: 'antiretroviral therapy started on',
      labelZh: '抗病毒治疗开始日期',
    },
    {
      column: 'syphilis_treatment_started_on',
      label: 'first syphilis course started on',
      labelZh: '首个梅毒治疗疗程开始日期',
    },
    {
      column: 'syphilis_first_dose_on',
      label: 'first syphilis dose given on',
      labelZh: '梅毒治疗首剂日期',
    },
    {
      column: 'syphilis_treated',
      label: 'a syphilis dose by the delivery day (1 = yes)',
      labelZh: '分娩当日及以前已注射梅毒治疗药物（1=是）',
    },
    {
      column: 'syphilis_courses_required',
      label: 'syphilis courses required',
      labelZh: '所需梅毒治疗疗程数',
    },
    {
      column: 'syphilis_complete_courses',
      label: 'complete syphilis courses (weekly doses)',
      labelZh: `完成的梅毒规范疗程数（每疗程≥${SYPHILIS_DOSES_PER_COURSE}剂，每周1剂）`,
    },
    {
      column: 'syphilis_timely_courses',
      label: 'complete courses ending ≥ 4 weeks before delivery',
      labelZh: `分娩前≥${DEFAULT_SYPHILIS_POLICY.endsBeforeDeliveryDays}天结束的规范疗程数`,
    },
    {
      column: 'syphilis_courses_apart',
      label: 'two such courses apart enough (1 = yes)',
      labelZh: '两个上述疗程间隔足够（1=是）',
    },
  ],
};
