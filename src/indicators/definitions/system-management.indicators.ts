import { BASIC_SCHEDULE } from '../../antenatal/rules/visit-schedule';
import { POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS } from '../../breastfeeding/rules/postpartum-schedule';
import {
  EARLY_NEONATAL_DEATH_MAX_DAYS,
  isPerinatal,
  LOW_BIRTH_WEIGHT_BELOW_G,
  MACROSOMIA_FROM_G,
  PRETERM_BELOW_GA_DAYS,
} from '../../delivery/rules/newborn-outcomes';
import { colourRank, RISK_COLOURS, type RiskColour } from '../../risk/rules/risk-colour';
import {
  countsAsMaternalDeath,
  MATERNAL_DEATH_CAUSES,
  MATERNAL_DEATH_WITHIN_DAYS,
} from '../../women/rules/maternal-death';
import { sqlList } from './baby-friendly.indicators';
import type { Criterion, IndicatorDefinition } from './indicator-definition';

/** Causes recorded with a death that do not make it a maternal death, read off the rule. */
export const NOT_MATERNAL_CAUSES = MATERNAL_DEATH_CAUSES.filter(
  (cause) => !countsAsMaternalDeath(cause),
);

/** The smallest whole number in [from, to] for which a monotone rule turns true. */
export function firstWhere(rule: (n: number) => boolean, from: number, to: number): number {
  for (let n = from; n <= to; n++) if (rule(n)) return n;
  throw new RangeError(`The rule never holds between ${from} and ${to}`);
}

// newborn-outcomes keeps its 28-week / 1000 g thresholds private: read them off isPerinatal, so
// the SQL decides exactly as the rule does.
export const PERINATAL_FROM_GA_DAYS = firstWhere((ga) => isPerinatal(ga, 1), 0, 400);
export const PERINATAL_FROM_WEIGHT_G = firstWhere((g) => isPerinatal(null, g), 1, 10_000);

/** Early registration: registered and first examined in the schedule's first window (< 13+0). */
const FIRST_WINDOW = BASIC_SCHEDULE[0];
export const EARLY_REGISTRATION_MAX_GA_DAYS = FIRST_WINDOW.endDay;
/** 基本公卫 3rd edition: at least one examination per window of the basic schedule, five. */
export const MIN_ANTENATAL_EXAMINATIONS = BASIC_SCHEDULE.length;

/** The colours at or above one, highest last. */
export function coloursFrom(lowest: RiskColour): RiskColour[] {
  return RISK_COLOURS.filter((colour) => colourRank(colour) >= colourRank(lowest));
}

/** A live birth by DOMAIN.md §2: signs of life and ≥ 28+0 (or ≥ 1000 g when GA is unknown). */
export const perinatalSql = (): string =>
  `(c.ga_days >= ${PERINATAL_FROM_GA_DAYS} OR ` +
  `(c.ga_days IS NULL AND c.birth_weight_g >= ${PERINATAL_FROM_WEIGHT_G}))`;

const LIVE_BIRTHS: Criterion = {
  description:
    'Live births of the deliveries recorded by the facility in the period, any place of birth ' +
    `(≥ 28+0 weeks, or ≥ ${PERINATAL_FROM_WEIGHT_G} g when GA is unknown; twins count twice).`,
  sql: `c.vital_status = 'live_birth' AND ${perinatalSql()}`,
};

const EARLY_REGISTRATION =
  `c.registration_ga_days <= ${EARLY_REGISTRATION_MAX_GA_DAYS} ` +
  `AND c.first_anc_ga_days <= ${EARLY_REGISTRATION_MAX_GA_DAYS}`;
const FIVE_EXAMINATIONS = `c.anc_visits >= ${MIN_ANTENATAL_EXAMINATIONS}`;
const POSTPARTUM_VISIT = `c.postpartum_visit_days <= ${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS}`;

const BIRTH_ATTRIBUTION = 'birth time of the baby, hospital calendar day';
const DELIVERY_ATTRIBUTION = 'delivery time, hospital calendar day';

function perLiveBirth(
  fields: Pick<IndicatorDefinition, 'code' | 'nameZh' | 'nameEn' | 'numerator'> & {
    target: number | null;
    /** A district indicator: each woman counted in the region she is attributed to. */
    district?: boolean;
  },
): IndicatorDefinition {
  return {
    code: fields.code,
    nameZh: fields.nameZh,
    nameEn: fields.nameEn,
    group: 'SM',
    unit: 'percent',
    cohort: 'live_births',
    attribution: BIRTH_ATTRIBUTION,
    denominator: LIVE_BIRTHS,
    numerator: fields.numerator,
    target: fields.target === null ? null : { direction: 'at_least', value: fields.target },
    ...(fields.district ? { counting: 'district' as const } : {}),
    version: 1,
  };
}

const MOTHERS: Criterion = {
  description: 'Mothers who delivered in the period (deliveries recorded by the facility).',
  sql: 'TRUE',
};
const colourAtLeast = (lowest: RiskColour): string =>
  `c.highest_colour IN ${sqlList(coloursFrom(lowest))}`;

/** SM-08: mothers graded at least once, up to delivery, in a colour or above. */
function highRiskShare(code: string, colourZh: string, lowest: RiskColour): IndicatorDefinition {
  const colours = coloursFrom(lowest).map((colour) => colour.toUpperCase());
  return {
    code,
    nameZh: `高危产妇比例（${colourZh}及以上）`,
    nameEn: `High-risk share, ${lowest.toUpperCase()} or above`,
    group: 'SM',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: DELIVERY_ATTRIBUTION,
    denominator: MOTHERS,
    numerator: {
      description: `Graded ${colours.join(', ')} at least once up to delivery.`,
      sql: colourAtLeast(lowest),
    },
    target: null,
    version: 1,
  };
}

export const SYSTEM_MANAGEMENT_INDICATORS: readonly IndicatorDefinition[] = [
  perLiveBirth({
    code: 'SM-01',
    nameZh: '早孕建册率',
    nameEn: 'Early registration',
    numerator: {
      description:
        'The mother was registered and had her first antenatal examination before 13+0 weeks ' +
        `(GA ≤ ${EARLY_REGISTRATION_MAX_GA_DAYS} days).`,
      sql: EARLY_REGISTRATION,
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-02',
    nameZh: '产前检查率',
    nameEn: 'Antenatal care coverage',
    numerator: {
      description: 'The mother had at least one antenatal examination before delivery.',
      sql: 'c.anc_visits >= 1',
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-03',
    nameZh: '产前检查≥5次率',
    nameEn: 'Five or more antenatal examinations',
    numerator: {
      description:
        `The mother was examined on at least ${MIN_ANTENATAL_EXAMINATIONS} different days ` +
        'before delivery.',
      sql: FIVE_EXAMINATIONS,
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-04',
    nameZh: '产后访视率',
    nameEn: 'Postpartum visit',
    numerator: {
      description:
        `The mother had a postpartum visit 0–${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS} days after ` +
        'her discharge day.',
      sql: POSTPARTUM_VISIT,
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-05',
    nameZh: '孕产妇系统管理率',
    nameEn: 'Systematic management',
    numerator: {
      description:
        'Early registration, at least five antenatal examinations and a postpartum visit, all three.',
      sql: `${EARLY_REGISTRATION} AND ${FIVE_EXAMINATIONS} AND ${POSTPARTUM_VISIT}`,
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-06',
    nameZh: '住院分娩率',
    nameEn: 'Facility delivery',
    numerator: {
      description: 'Born in a health facility (this one or another), not at home or en route.',
      sql: `c.delivery_place IN ${sqlList(['this_facility', 'other_facility'])}`,
    },
    target: 98,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-07',
    nameZh: '剖宫产率',
    nameEn: 'Caesarean rate',
    numerator: { description: 'Born by caesarean section.', sql: "c.delivery_mode = 'caesarean'" },
    target: null,
  }),
  highRiskShare('SM-08a', '黄色', 'yellow'),
  highRiskShare('SM-08b', '橙色', 'orange'),
  {
    code: 'SM-09',
    nameZh: '高危产妇管理率',
    nameEn: 'High-risk management',
    group: 'SM',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: DELIVERY_ATTRIBUTION,
    denominator: {
      description: 'Mothers graded ORANGE, RED or PURPLE at least once up to delivery.',
      sql: `${colourAtLeast('orange')} OR c.ever_purple = 1`,
    },
    numerator: {
      description:
        'A high-risk case opened by delivery with a named responsible clinician and a plan, and ' +
        'every ORANGE/RED grading reported to the district by its deadline.',
      sql: 'c.case_with_clinician_and_plan = 1 AND c.reports_on_time = c.orange_red_reports',
    },
    target: { direction: 'at_least', value: 90 },
    version: 1,
  },
  perLiveBirth({
    code: 'SM-10a',
    nameZh: '低出生体重率',
    nameEn: 'Low birth weight',
    numerator: {
      description: `Birth weight below ${LOW_BIRTH_WEIGHT_BELOW_G} g.`,
      sql: `c.birth_weight_g < ${LOW_BIRTH_WEIGHT_BELOW_G}`,
    },
    target: null,
  }),
  perLiveBirth({
    code: 'SM-10b',
    nameZh: '早产率',
    nameEn: 'Preterm birth',
    numerator: {
      description: `Born before 37+0 weeks (GA < ${PRETERM_BELOW_GA_DAYS} days).`,
      sql: `c.ga_days < ${PRETERM_BELOW_GA_DAYS}`,
    },
    target: null,
  }),
  perLiveBirth({
    code: 'SM-10c',
    nameZh: '巨大儿率',
    nameEn: 'Macrosomia',
    numerator: {
      description: `Birth weight ${MACROSOMIA_FROM_G} g or more.`,
      sql: `c.birth_weight_g >= ${MACROSOMIA_FROM_G}`,
    },
    target: null,
  }),
  {
    code: 'SM-11',
    nameZh: '围产儿死亡率',
    nameEn: 'Perinatal mortality',
    group: 'SM',
    unit: 'per_mille',
    cohort: 'perinatal_births',
    attribution: BIRTH_ATTRIBUTION,
    denominator: {
      description:
        'Stillbirths and live births of the period at ≥ 28+0 weeks (or ≥ ' +
        `${PERINATAL_FROM_WEIGHT_G} g when GA is unknown).`,
      sql: perinatalSql(),
    },
    numerator: {
      description:
        'Stillbirths, and live-born babies who died in the first week: at ' +
        `0–${EARLY_NEONATAL_DEATH_MAX_DAYS} completed days (whole 24-hour periods from the birth).`,
      sql:
        "c.vital_status = 'stillbirth' OR " +
        `c.age_at_death_days <= ${EARLY_NEONATAL_DEATH_MAX_DAYS}`,
    },
    target: null,
    counting: 'district',
    // 2: deaths by completed days (0–6), no longer by calendar days up to 7.
    version: 2,
  },
  {
    code: 'SM-12',
    nameZh: '孕产妇死亡率',
    nameEn: 'Maternal mortality',
    group: 'SM',
    unit: 'per_100000',
    cohort: 'maternal_mortality',
    attribution:
      "live births: birth time of the baby; maternal deaths: the day of the mother's death " +
      '(hospital calendar days)',
    denominator: {
      description: 'Live births of the period (as SM-01..SM-07).',
      sql: `c.row_kind = 'live_birth' AND ${perinatalSql()}`,
    },
    numerator: {
      description:
        'Women of the facility who died in the period during pregnancy or within ' +
        `${MATERNAL_DEATH_WITHIN_DAYS} days of its end, however it ended (delivery, miscarriage, ` +
        'termination, ectopic pregnancy), of any cause but an accident (意外).',
      sql:
        "c.row_kind = 'maternal_death' AND (c.days_after_pregnancy_end IS NULL " +
        `OR c.days_after_pregnancy_end <= ${MATERNAL_DEATH_WITHIN_DAYS}) ` +
        `AND (c.death_cause IS NULL OR c.death_cause NOT IN ${sqlList(NOT_MATERNAL_CAUSES)})`,
    },
    numeratorOutsideDenominator: true,
    target: null,
    counting: 'district',
    // 2: accidental deaths leave the numerator.
    version: 2,
  },
];
