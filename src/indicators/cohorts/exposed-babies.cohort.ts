import type { CohortDefinition } from './cohort-definition';
import {
  hospitalDaySql,
  notPregnancyLossSql,
  positiveTestSql,
  VIABILITY_ZH,
  wholeMinutesSql,
} from './sql-fragments';

/** The instant the exposed-baby record times the first-hours doses from, as the PMTCT module does. */
const BORN_AT = 'COALESCE(ei.born_at, n.born_at)';

/**
 * Driven by the deliveries the facility recorded in the period (idx_delivery_facility_time) and
 * her tests by pregnancy (idx_pmtct_test_pregnancy), wherever they were made: the community
 * centre that manages her tests her in pregnancy, the hospital that delivers her counts her.
 *
 * Babies (live births and stillbirths, twins each a row) of the deliveries of the period whose
 * mother is confirmed positive (a positive confirmatory test of her own, for HBsAg any positive
 * test, as diseaseStatus() decides) for HIV, syphilis or HBsAg, with the minutes from birth to each first-hours dose.
 */
export const EXPOSED_BABIES_COHORT: CohortDefinition = {
  code: 'exposed_babies',
  caseKind: 'newborn',
  description:
    'Babies of the deliveries the facility recorded in the period, any place of birth (at 28+0 or later) whose mother is confirmed positive for HIV, syphilis or HBsAg; the first vaccine is the newborn\u2019s hepatitis B birth dose',
  descriptionZh:
    `本机构本期记录的分娩（不论分娩地点，${VIABILITY_ZH}及以后）中，母亲艾滋病、梅毒或乙肝表面抗原` +
    '确诊阳性的婴儿；首针疫苗即新生儿乙肝疫苗首针',
  sql: `
WITH positive AS (
  SELECT dl.id AS delivery_id, dl.facility_id, dl.pregnancy_id, dl.delivered_at,
         MAX(t.disease = 'hiv') AS hiv,
         MAX(t.disease = 'syphilis') AS syphilis,
         MAX(t.disease = 'hbsag') AS hbsag
  FROM delivery dl
  JOIN pmtct_test t ON t.pregnancy_id = dl.pregnancy_id
  WHERE dl.facility_id IN (:facilities) AND dl.delivered_at >= :fromAt AND dl.delivered_at < :toAt
    AND dl.voided_at IS NULL
    AND t.disease IN ('hiv', 'syphilis', 'hbsag') AND t.result = 'positive' AND t.subject = 'woman'
    AND CASE t.disease WHEN 'hbsag' THEN ${positiveTestSql('hbsag', 't')} ELSE t.kind = 'confirmatory' END
  GROUP BY dl.id, dl.facility_id, dl.pregnancy_id, dl.delivered_at
)
SELECT n.id AS case_id, m.facility_id, p.woman_id, n.pregnancy_id, n.id AS newborn_id,
       ${hospitalDaySql('m.delivered_at')} AS attributed_on,
       n.birth_order,
       n.vital_status = 'stillbirth' AS stillbirth,
       m.hiv AS mother_hiv_positive,
       m.syphilis AS mother_syphilis_positive,
       m.hbsag AS mother_hbsag_positive,
       ${BORN_AT} AS born_at,
       ${wholeMinutesSql(BORN_AT, 'ei.hiv_prophylaxis_started_at')} AS hiv_prophylaxis_minutes,
       ${wholeMinutesSql(BORN_AT, 'ei.syphilis_prophylaxis_at')} AS syphilis_prophylaxis_minutes,
       ${wholeMinutesSql(BORN_AT, 'ei.hbig_at')} AS hbig_minutes,
       ${wholeMinutesSql(BORN_AT, 'n.hep_b_birth_dose_at')} AS hepb_vaccine1_minutes
FROM positive m
JOIN pregnancy p ON p.id = m.pregnancy_id
JOIN newborn n ON n.delivery_id = m.delivery_id
LEFT JOIN exposed_infant ei ON ei.pregnancy_id = n.pregnancy_id AND ei.birth_order = n.birth_order
WHERE n.voided_at IS NULL AND ${notPregnancyLossSql('m.delivered_at', 'p.edd')}`,
  fields: [
    {
      column: 'birth_order',
      label: 'birth order (2 = second twin)',
      labelZh: '出生顺序（2=双胎之二）',
    },
    {
      column: 'stillbirth',
      label: 'stillbirth (1 = yes)',
      labelZh: '死产（1=是）',
    },
    {
      column: 'mother_hiv_positive',
      label: 'mother HIV confirmed positive',
      labelZh: '母亲艾滋病确诊阳性',
    },
    {
      column: 'mother_syphilis_positive',
      label: 'mother syphilis confirmed positive',
      labelZh: '母亲梅毒确诊阳性',
    },
    {
      column: 'mother_hbsag_positive',
      label: 'mother HBsAg confirmed positive',
      labelZh: '母亲乙肝表面抗原阳性',
    },
    {
      column: 'born_at',
      label: 'born at (UTC)',
      labelZh: '出生时间（UTC）',
    },
    {
      column: 'hiv_prophylaxis_minutes',
      label: 'HIV prophylaxis started, minutes after birth',
      labelZh: '艾滋病预防用药开始（出生后分钟数）',
    },
    {
      column: 'syphilis_prophylaxis_minutes',
      label: 'syphilis prophylaxis, minutes after birth',
      labelZh: '梅毒预防性治疗（出生后分钟数）',
    },
    {
      column: 'hbig_minutes',
      label: 'HBIG given, minutes after birth',
      labelZh: '乙肝免疫球蛋白注射（出生后分钟数）',
    },
    {
      column: 'hepb_vaccine1_minutes',
      label: 'first hepatitis B vaccine, minutes after birth',
      labelZh: '乙肝疫苗首针（出生后分钟数）',
    },
  ],
};
