import type { CohortDefinition } from './cohort-definition';

/**
 * Prenatal-class sessions of the facility in the period (by the hospital day they start), with
 * whether they have been held (started by the instant the cohort is evaluated as of: now during
 * the period, its end once it has passed, as the monthly statistics count them) and their
 * attendances (lines of the register: a woman with her partner is one attendance, the companion
 * shown beside).
 */
export const CLASS_SESSIONS_COHORT: CohortDefinition = {
  code: 'class_sessions',
  caseKind: 'session',
  description: 'Prenatal-class sessions (孕妇学校) of the facility in the period',
  descriptionZh: '本机构本期的孕妇学校课次',
  sql: `
SELECT s.id AS case_id, s.facility_id, NULL AS woman_id, NULL AS pregnancy_id, NULL AS newborn_id,
       s.session_date AS attributed_on,
       t.code AS topic_code,
       t.breastfeeding,
       s.starts_at,
       s.starts_at <= :evaluatedAt AS held,
       (SELECT COUNT(*) FROM class_attendance a WHERE a.session_id = s.id) AS attendances,
       (SELECT COUNT(a.companion) FROM class_attendance a WHERE a.session_id = s.id) AS companions
FROM class_session s
JOIN class_topic t ON t.id = s.topic_id
WHERE s.facility_id IN (:facilities) AND s.starts_at >= :fromAt AND s.starts_at < :toAt`,
  fields: [
    {
      column: 'topic_code',
      label: 'topic',
      labelZh: '课程主题',
    },
    {
      column: 'breastfeeding',
      label: 'breastfeeding topic',
      labelZh: '母乳喂养主题',
    },
    {
      column: 'starts_at',
      label: 'starts at (UTC)',
      labelZh: '开课时间（UTC）',
    },
    {
      column: 'held',
      label: 'held (started by the as-of instant)',
      labelZh: '已开课（截至评估时刻已开始）',
    },
    {
      column: 'attendances',
      label: 'attendances (women on the register)',
      labelZh: '听课人次（登记的孕产妇）',
    },
    {
      column: 'companions',
      label: 'companions',
      labelZh: '陪同家属',
    },
  ],
};
