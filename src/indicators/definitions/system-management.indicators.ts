import { BASIC_SCHEDULE } from '../../antenatal/rules/visit-schedule';
import { POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS } from '../../breastfeeding/rules/postpartum-schedule';
import {
  EARLY_NEONATAL_DEATH_MAX_DAYS,
  isPerinatal,
  LOW_BIRTH_WEIGHT_BELOW_G,
  MACROSOMIA_FROM_G,
  PRETERM_BELOW_GA_DAYS,
} from '../../delivery/rules/newborn-outcomes';
import { REPORT_WINDOW_HOURS } from '../../risk/rules/report-deadline';
import {
  colourRank,
  RISK_COLOUR_NAMES,
  RISK_COLOURS,
  type RiskColour,
} from '../../risk/rules/risk-colour';
import {
  countsAsMaternalDeath,
  MATERNAL_DEATH_CAUSE_NAMES,
  MATERNAL_DEATH_CAUSES,
  MATERNAL_DEATH_WITHIN_DAYS,
} from '../../women/rules/maternal-death';
import { formatGestationalAge } from '../../women/rules/gestational-age';
import { sqlList } from './baby-friendly.indicators';
import { allOf, type Criterion, type IndicatorDefinition } from './indicator-definition';

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

/** 孕满28周（孕周不详时出生体重≥1000克）, from the same thresholds as perinatalSql(). */
export const PERINATAL_ZH =
  `孕周≥${formatGestationalAge(PERINATAL_FROM_GA_DAYS)}，` +
  `孕周不详时出生体重≥${PERINATAL_FROM_WEIGHT_G}克`;

const LIVE_BIRTHS: Criterion = {
  description:
    'Live births of the deliveries recorded by the facility in the period, any place of birth ' +
    `(≥ 28+0 weeks, or ≥ ${PERINATAL_FROM_WEIGHT_G} g when GA is unknown; twins count twice).`,
  descriptionZh: `本机构本期记录的分娩中的活产，不论分娩地点（${PERINATAL_ZH}；双胎计2例）`,
  sql: `c.vital_status = 'live_birth' AND ${perinatalSql()}`,
};

/** 孕13周前: GA 0 to the last day of the schedule's first window. */
const BEFORE_13_WEEKS_ZH =
  `孕${formatGestationalAge(EARLY_REGISTRATION_MAX_GA_DAYS + 1)}周前` +
  `（孕周≤${EARLY_REGISTRATION_MAX_GA_DAYS}天）`;

// SM-01 and SM-05: the register's early registration is registered and first examined early.
const REGISTERED_EARLY: Criterion = {
  description: `The mother was registered before 13+0 weeks (GA ≤ ${EARLY_REGISTRATION_MAX_GA_DAYS} days).`,
  descriptionZh: `${BEFORE_13_WEEKS_ZH}建册`,
  sql: `c.registration_ga_days <= ${EARLY_REGISTRATION_MAX_GA_DAYS}`,
};
const FIRST_EXAMINED_EARLY: Criterion = {
  description: `The mother had her first antenatal examination before 13+0 weeks (GA ≤ ${EARLY_REGISTRATION_MAX_GA_DAYS} days).`,
  descriptionZh: `${BEFORE_13_WEEKS_ZH}接受第1次产前检查`,
  sql: `c.first_anc_ga_days <= ${EARLY_REGISTRATION_MAX_GA_DAYS}`,
};
const FIVE_EXAMINATIONS: Criterion = {
  description:
    `The mother was examined on at least ${MIN_ANTENATAL_EXAMINATIONS} different days ` +
    'before delivery.',
  descriptionZh: `分娩前接受产前检查≥${MIN_ANTENATAL_EXAMINATIONS}次（按不同检查日计，同日多次计1次）`,
  sql: `c.anc_visits >= ${MIN_ANTENATAL_EXAMINATIONS}`,
};
const POSTPARTUM_VISIT: Criterion = {
  description:
    `The mother had a postpartum visit 0–${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS} days after ` +
    'her discharge day.',
  descriptionZh: `产妇出院后${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS}天内接受产后访视（出院当天起第0–${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS}天）`,
  sql: `c.postpartum_visit_days <= ${POSTPARTUM_VISIT_COUNTS_WITHIN_DAYS}`,
};

const BIRTH_ATTRIBUTION = 'birth time of the baby, hospital calendar day';
const BIRTH_ATTRIBUTION_ZH = '按婴儿出生时间归属（医院时区的日历日）';
const DELIVERY_ATTRIBUTION = 'delivery time, hospital calendar day';
const DELIVERY_ATTRIBUTION_ZH = '按分娩时间归属（医院时区的日历日）';

function perLiveBirth(
  fields: Pick<
    IndicatorDefinition,
    'code' | 'nameZh' | 'nameEn' | 'numerator' | 'numeratorParts'
  > & {
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
    attributionZh: BIRTH_ATTRIBUTION_ZH,
    denominator: LIVE_BIRTHS,
    numerator: fields.numerator,
    ...(fields.numeratorParts ? { numeratorParts: fields.numeratorParts } : {}),
    target: fields.target === null ? null : { direction: 'at_least', value: fields.target },
    ...(fields.district ? { counting: 'district' as const } : {}),
    version: 1,
  };
}

const MOTHERS: Criterion = {
  description: 'Mothers who delivered in the period (deliveries recorded by the facility).',
  descriptionZh: '本期分娩的产妇（本机构记录的分娩）',
  sql: 'TRUE',
};
const colourAtLeast = (lowest: RiskColour): string =>
  `c.highest_colour IN ${sqlList(coloursFrom(lowest))}`;

/** The colours at or above one, named in Chinese: 橙色、红色. */
const coloursFromZh = (lowest: RiskColour): string =>
  coloursFrom(lowest)
    .map((colour) => RISK_COLOUR_NAMES[colour].zh)
    .join('、');

/** SM-08: mothers graded at least once, up to delivery, in a colour or above. */
function highRiskShare(code: string, lowest: RiskColour): IndicatorDefinition {
  const colours = coloursFrom(lowest).map((colour) => colour.toUpperCase());
  return {
    code,
    nameZh: `高危产妇比例（${RISK_COLOUR_NAMES[lowest].zh}及以上）`,
    nameEn: `High-risk share, ${lowest.toUpperCase()} or above`,
    group: 'SM',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: DELIVERY_ATTRIBUTION,
    attributionZh: DELIVERY_ATTRIBUTION_ZH,
    denominator: MOTHERS,
    numerator: {
      description: `Graded ${colours.join(', ')} at least once up to delivery.`,
      descriptionZh: `分娩前至少有1次妊娠风险评估为${coloursFromZh(lowest)}`,
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
    ...allOf([REGISTERED_EARLY, FIRST_EXAMINED_EARLY], {
      description:
        'The mother was registered and had her first antenatal examination before 13+0 weeks ' +
        `(GA ≤ ${EARLY_REGISTRATION_MAX_GA_DAYS} days).`,
      descriptionZh: `${BEFORE_13_WEEKS_ZH}建册并接受第1次产前检查`,
    }),
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-02',
    nameZh: '产前检查率',
    nameEn: 'Antenatal care coverage',
    numerator: {
      description: 'The mother had at least one antenatal examination before delivery.',
      descriptionZh: '分娩前至少接受1次产前检查',
      sql: 'c.anc_visits >= 1',
    },
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-03',
    nameZh: '产前检查≥5次率',
    nameEn: 'Five or more antenatal examinations',
    numerator: FIVE_EXAMINATIONS,
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-04',
    nameZh: '产后访视率',
    nameEn: 'Postpartum visit',
    numerator: POSTPARTUM_VISIT,
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-05',
    nameZh: '孕产妇系统管理率',
    nameEn: 'Systematic management',
    ...allOf([REGISTERED_EARLY, FIRST_EXAMINED_EARLY, FIVE_EXAMINATIONS, POSTPARTUM_VISIT], {
      description:
        'Early registration, at least five antenatal examinations and a postpartum visit, all three.',
      descriptionZh: `早孕建册、产前检查≥${MIN_ANTENATAL_EXAMINATIONS}次和产后访视，三项均满足`,
    }),
    target: 90,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-06',
    nameZh: '住院分娩率',
    nameEn: 'Facility delivery',
    numerator: {
      description: 'Born in a health facility (this one or another), not at home or en route.',
      descriptionZh: '在医疗卫生机构分娩（本机构或其他机构），非家中或途中分娩',
      sql: `c.delivery_place IN ${sqlList(['this_facility', 'other_facility'])}`,
    },
    target: 98,
    district: true,
  }),
  perLiveBirth({
    code: 'SM-07',
    nameZh: '剖宫产率',
    nameEn: 'Caesarean rate',
    numerator: {
      description: 'Born by caesarean section.',
      descriptionZh: '剖宫产分娩',
      sql: "c.delivery_mode = 'caesarean'",
    },
    target: null,
  }),
  highRiskShare('SM-08a', 'yellow'),
  highRiskShare('SM-08b', 'orange'),
  {
    code: 'SM-09',
    nameZh: '高危产妇管理率',
    nameEn: 'High-risk management',
    group: 'SM',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: DELIVERY_ATTRIBUTION,
    attributionZh: DELIVERY_ATTRIBUTION_ZH,
    denominator: {
      description: 'Mothers graded ORANGE, RED or PURPLE at least once up to delivery.',
      descriptionZh: `分娩前至少有1次妊娠风险评估为${coloursFromZh('orange')}或紫色的产妇`,
      sql: `${colourAtLeast('orange')} OR c.ever_purple = 1`,
    },
    ...allOf(
      [
        {
          description:
            'A high-risk case opened by delivery with a named responsible clinician and a plan.',
          descriptionZh: '分娩前已纳入高危专案管理，且有指定的责任医生和管理计划',
          sql: 'c.case_with_clinician_and_plan = 1',
        },
        {
          description:
            'Every ORANGE/RED grading up to delivery reported to the district by its deadline ' +
            `(RED ${REPORT_WINDOW_HOURS.red} h, ORANGE ${REPORT_WINDOW_HOURS.orange} h; none due counts).`,
          descriptionZh:
            `分娩前每次${coloursFromZh('orange')}评估均按时上报辖区妇幼保健机构` +
            `（${RISK_COLOUR_NAMES.red.zh}${REPORT_WINDOW_HOURS.red}小时内、` +
            `${RISK_COLOUR_NAMES.orange.zh}${REPORT_WINDOW_HOURS.orange}小时内；无需上报者视为满足）`,
          sql: 'c.reports_on_time = c.orange_red_reports',
        },
      ],
      {
        description:
          'A high-risk case opened by delivery with a named responsible clinician and a plan, and ' +
          'every ORANGE/RED grading reported to the district by its deadline.',
        descriptionZh:
          '分娩前已纳入高危专案管理、有指定的责任医生和管理计划，' +
          `且每次${coloursFromZh('orange')}评估均按时上报辖区妇幼保健机构`,
      },
    ),
    target: { direction: 'at_least', value: 90 },
    version: 1,
  },
  perLiveBirth({
    code: 'SM-10a',
    nameZh: '低出生体重率',
    nameEn: 'Low birth weight',
    numerator: {
      description: `Birth weight below ${LOW_BIRTH_WEIGHT_BELOW_G} g.`,
      descriptionZh: `出生体重<${LOW_BIRTH_WEIGHT_BELOW_G}克`,
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
      descriptionZh: `孕${formatGestationalAge(PRETERM_BELOW_GA_DAYS)}周前出生（孕周<${PRETERM_BELOW_GA_DAYS}天）`,
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
      descriptionZh: `出生体重≥${MACROSOMIA_FROM_G}克`,
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
    attributionZh: BIRTH_ATTRIBUTION_ZH,
    denominator: {
      description:
        'Stillbirths and live births of the period at ≥ 28+0 weeks (or ≥ ' +
        `${PERINATAL_FROM_WEIGHT_G} g when GA is unknown).`,
      descriptionZh: `本期出生的死产和活产（${PERINATAL_ZH}）`,
      sql: perinatalSql(),
    },
    numerator: {
      description:
        'Stillbirths, and live-born babies who died in the first week: at ' +
        `0–${EARLY_NEONATAL_DEATH_MAX_DAYS} completed days (whole 24-hour periods from the birth).`,
      descriptionZh:
        `死产，以及出生后${EARLY_NEONATAL_DEATH_MAX_DAYS + 1}天内死亡的活产儿：死亡时日龄` +
        `0–${EARLY_NEONATAL_DEATH_MAX_DAYS}天（自出生起每满24小时计1天）`,
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
    attributionZh: '活产按婴儿出生时间、孕产妇死亡按死亡日期归属（医院时区的日历日）',
    denominator: {
      description: 'Live births of the period (as SM-01..SM-07).',
      descriptionZh: '本期活产数（同SM-01至SM-07）',
      sql: `c.row_kind = 'live_birth' AND ${perinatalSql()}`,
    },
    numerator: {
      description:
        'Women of the facility who died in the period during pregnancy or within ' +
        `${MATERNAL_DEATH_WITHIN_DAYS} days of its end, however it ended (delivery, miscarriage, ` +
        'termination, ectopic pregnancy), of any cause but an accident (意外).',
      descriptionZh:
        `本机构孕产妇于本期在妊娠期或妊娠终止后${MATERNAL_DEATH_WITHIN_DAYS}天内死亡，` +
        '不论妊娠如何终止（分娩、流产、引产、异位妊娠）；' +
        `${NOT_MATERNAL_CAUSES.map((cause) => MATERNAL_DEATH_CAUSE_NAMES[cause]).join('、')}死亡除外`,
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
