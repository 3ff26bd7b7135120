import type { CohortDefinition } from './cohort-definition';
import { DELIVERY_PLACE_FIELD } from './shared-fields';
import { hospitalDaySql } from './sql-fragments';

/**
 * One row per woman of the facility who was asked the folic-acid knowledge survey there in the
 * period, or who delivered there in the period, or both (FA-03 counts the first kind, FA-03b
 * compares the first with the second). Her latest survey of the period at the facility decides,
 * as awareness() lets the latest answer supersede (of two on one day, the one recorded last):
 * aware = knows that it prevents neural-tube defects and when to take it.
 */
export const FOLIC_ACID_SURVEYS_COHORT: CohortDefinition = {
  code: 'folic_acid_surveys',
  caseKind: 'survey',
  description:
    'Women surveyed on folic acid at the facility in the period, and women who delivered there in the period',
  descriptionZh: '本期在本机构接受叶酸知识调查的妇女，以及本期在本机构分娩的妇女',
  sql: `
SELECT x.woman_id AS case_id, x.facility_id, x.woman_id, MAX(x.pregnancy_id) AS pregnancy_id,
       NULL AS newborn_id,
       COALESCE(MAX(x.asked_on), MAX(x.delivered_on)) AS attributed_on,
       MAX(x.surveyed) AS surveyed,
       MAX(x.asked_on) AS asked_on,
       MAX(x.knows_prevents_ntd) AS knows_prevents_ntd,
       MAX(x.knows_when_to_take) AS knows_when_to_take,
       MAX(x.aware) AS aware,
       MAX(x.delivered) AS delivered,
       MAX(x.delivered_on) AS delivered_on,
       MAX(x.delivery_place) AS delivery_place
FROM (
  SELECT s.facility_id, s.woman_id, NULL AS pregnancy_id, 1 AS surveyed, s.asked_on,
         s.knows_prevents_neural_tube_defects AS knows_prevents_ntd,
         s.knows_when_to_take,
         s.knows_prevents_neural_tube_defects = 1 AND s.knows_when_to_take = 1 AS aware,
         0 AS delivered, NULL AS delivered_on, NULL AS delivery_place
  FROM folic_acid_survey s
  WHERE s.facility_id IN (:facilities) AND s.asked_on >= :from AND s.asked_on < :to
    AND NOT EXISTS (
      SELECT 1 FROM folic_acid_survey later
      WHERE later.woman_id = s.woman_id AND later.facility_id = s.facility_id AND later.asked_on < :to
        AND (later.asked_on > s.asked_on OR (later.asked_on = s.asked_on AND later.id > s.id)))
  UNION ALL
  SELECT dl.facility_id, p.woman_id, p.id, 0, NULL, NULL, NULL, NULL,
         1, ${hospitalDaySql('dl.delivered_at')}, dl.place
  FROM delivery dl
  JOIN pregnancy p ON p.id = dl.pregnancy_id
  WHERE dl.facility_id IN (:facilities) AND dl.delivered_at >= :fromAt AND dl.delivered_at < :toAt
    AND dl.voided_at IS NULL
) x
GROUP BY x.facility_id, x.woman_id`,
  fields: [
    {
      column: 'surveyed',
      label: 'surveyed in the period',
      labelZh: '本期接受调查',
    },
    {
      column: 'asked_on',
      label: 'latest survey on',
      labelZh: '最近一次调查日期',
    },
    {
      column: 'knows_prevents_ntd',
      label: 'knows it prevents neural-tube defects',
      labelZh: '知道可预防神经管缺陷',
    },
    {
      column: 'knows_when_to_take',
      label: 'knows when to take it',
      labelZh: '知道何时服用',
    },
    {
      column: 'aware',
      label: 'aware (knows both)',
      labelZh: '知晓（两项均知道）',
    },
    {
      column: 'delivered',
      label: 'delivered in the period',
      labelZh: '本期分娩',
    },
    {
      column: 'delivered_on',
      label: 'delivered on',
      labelZh: '分娩日期',
    },
    DELIVERY_PLACE_FIELD,
  ],
};
