import { EXCLUSIVE_UNDER_MONTHS } from '../../breastfeeding/rules/feeding-recall';
import type { CohortDefinition } from './cohort-definition';
import { hospitalDaySql } from './sql-fragments';
import { FOLLOW_UP_CONTACT_ZH, RECALL_BASIS_ZH, RECALL_CLASS_ZH } from './field-values';

/**
 * Completed months of age on a day, as breastfeeding/rules/postpartum-schedule
 * completedMonthsOfAge: a month is completed on its anniversary, clamped to the month's last day
 * (born 31 January → 1 month old on 28 February). MariaDB's DATE_ADD clamps the same way.
 */
const completedMonthsOfAgeSql = (birthDay: string, onDay: string): string => {
  const months = `PERIOD_DIFF(DATE_FORMAT(${onDay}, '%Y%m'), DATE_FORMAT(${birthDay}, '%Y%m'))`;
  return `(${months} - CASE WHEN DATE_ADD(${birthDay}, INTERVAL ${months} MONTH) > ${onDay} THEN 1 ELSE 0 END)`;
};

const birthDay = hospitalDaySql('n.born_at');
const underMonths = (onDay: string) =>
  `${completedMonthsOfAgeSql(birthDay, onDay)} < ${EXCLUSIVE_UNDER_MONTHS}`;

// BF-10, one status per child (WHO/UNICEF 2021): of the recalls of a baby made by the facility in
// the period at 0–5 completed months, the one nearest the period's end (of two on one day, the
// one recorded last). The follow-up rows below are exactly the facility's recalls of the period,
// so a window over them finds it without a lookup per recall.
const inBand = underMonths('f.followed_up_on');
const nearestInBand = `CASE WHEN ${inBand} AND ROW_NUMBER() OVER (
    PARTITION BY f.newborn_id, f.facility_id, ${inBand}
    ORDER BY f.followed_up_on DESC, f.id DESC) = 1 THEN 1 ELSE 0 END`;

const recallColumns = `f.contact, f.followed_up_on,
  ${completedMonthsOfAgeSql(birthDay, 'f.followed_up_on')} AS age_months,
  f.classification AS recall_class, f.breast_milk, f.water, f.formula_or_other_milk,
  f.other_liquids, f.solids`;

export const FEEDING_RECALLS_COHORT: CohortDefinition = {
  code: 'feeding_recalls',
  caseKind: 'follow_up',
  description:
    '24-hour feeding recalls (breastfeeding follow-ups), in two sets. basis = birth: the first ' +
    'postpartum-visit recall and the first 42-day recall of each live-born baby of the facility ' +
    'born in the period (birth time, hospital calendar day). basis = follow_up: every recall ' +
    'made by the facility in the period (follow-up day), with the baby\u2019s completed months of age ' +
    'and whether it is the baby\u2019s recall nearest the period\u2019s end at 0\u20135 months.',
  descriptionZh:
    '24小时喂养回顾（母乳喂养随访），分两组。basis = birth：本机构本期出生的每名活产儿的首次产后访视回顾和' +
    '首次42天检查回顾（按出生时间、医院日历日）。basis = follow_up：本机构本期做的每次回顾（按随访日），' +
    `附婴儿满月龄，以及是否为该婴儿0–${EXCLUSIVE_UNDER_MONTHS - 1}月龄内最接近统计期末的一次回顾。`,
  // The second part is driven by the follow-ups' facility-and-day index (STRAIGHT_JOIN): left to
  // itself, for a year of many facilities the optimiser walks every newborn instead.
  sql: `SELECT CONCAT('birth:', f.id) AS case_id, n.facility_id, p.woman_id, n.pregnancy_id,
  n.id AS newborn_id, ${birthDay} AS attributed_on, 'birth' AS basis, ${recallColumns},
  NULL AS nearest_in_band
FROM newborn n
JOIN pregnancy p ON p.id = n.pregnancy_id
JOIN breastfeeding_follow_up f ON f.newborn_id = n.id
  AND f.contact IN ('postpartum_visit', 'day42_check')
  AND NOT EXISTS (
    SELECT 1 FROM breastfeeding_follow_up earlier
    WHERE earlier.newborn_id = n.id AND earlier.contact = f.contact
      AND (earlier.followed_up_on < f.followed_up_on
        OR (earlier.followed_up_on = f.followed_up_on AND earlier.id < f.id)))
WHERE n.facility_id IN (:facilities) AND n.born_at >= :fromAt AND n.born_at < :toAt
  AND n.vital_status = 'live_birth' AND n.voided_at IS NULL
UNION ALL
SELECT CONCAT('follow_up:', f.id) AS case_id, f.facility_id, p.woman_id, f.pregnancy_id,
  f.newborn_id, f.followed_up_on AS attributed_on, 'follow_up' AS basis, ${recallColumns},
  ${nearestInBand} AS nearest_in_band
FROM breastfeeding_follow_up f
STRAIGHT_JOIN newborn n ON n.id = f.newborn_id
STRAIGHT_JOIN pregnancy p ON p.id = f.pregnancy_id
WHERE f.facility_id IN (:facilities) AND f.followed_up_on >= :from AND f.followed_up_on < :to
  AND n.voided_at IS NULL`,
  fields: [
    {
      column: 'basis',
      label: 'birth = baby born in the period; follow_up = recall made in the period',
      labelZh: '统计口径（birth=本期出生；follow_up=本期回顾）',
      valuesZh: RECALL_BASIS_ZH,
    },
    {
      column: 'contact',
      label: 'follow-up contact',
      labelZh: '随访类型',
      valuesZh: FOLLOW_UP_CONTACT_ZH,
    },
    {
      column: 'followed_up_on',
      label: 'day of the recall',
      labelZh: '回顾日期',
    },
    {
      column: 'age_months',
      label: 'age at the recall, completed months',
      labelZh: '回顾时月龄（满月数）',
    },
    {
      column: 'recall_class',
      label: '24-hour recall: exclusive / predominant / complementary / mixed / none',
      labelZh: '24小时回顾：纯母乳/基本纯母乳/母乳加辅食/混合喂养/无母乳',
      valuesZh: RECALL_CLASS_ZH,
    },
    {
      column: 'breast_milk',
      label: 'breast milk (1 = yes)',
      labelZh: '母乳（1=是）',
    },
    {
      column: 'water',
      label: 'water (1 = yes)',
      labelZh: '水（1=是）',
    },
    {
      column: 'formula_or_other_milk',
      label: 'formula or other milk (1 = yes)',
      labelZh: '配方奶或其他乳类（1=是）',
    },
    {
      column: 'other_liquids',
      label: 'other liquids (1 = yes)',
      labelZh: '其他液体（1=是）',
    },
    {
      column: 'solids',
      label: 'solid or semi-solid food (1 = yes)',
      labelZh: '固体或半固体食物（1=是）',
    },
    {
      column: 'nearest_in_band',
      label: `the baby's recall nearest the period's end at 0–${EXCLUSIVE_UNDER_MONTHS - 1} completed months (1 = yes)`,
      labelZh: `0–${EXCLUSIVE_UNDER_MONTHS - 1}月龄内最接近统计期末的回顾（1=是）`,
    },
  ],
};
