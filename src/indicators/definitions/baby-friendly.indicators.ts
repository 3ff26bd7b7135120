import {
  breastfeedingAtDischarge,
  DISCHARGE_FEEDING,
  EARLY_INITIATION_MINUTES,
  EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES,
  EARLY_SKIN_TO_SKIN_START_MINUTES,
  ROOMING_IN_MAX_SEPARATION_MINUTES,
  type DischargeFeeding,
} from '../../delivery/rules/feeding-flags';
import { EXCLUSIVE_UNDER_MONTHS } from '../../breastfeeding/rules/feeding-recall';
import {
  CAESAREAN_INDICATIONS,
  NON_MEDICAL_CAESAREAN_INDICATIONS,
} from '../../delivery/rules/caesarean-indications';
import {
  allOf,
  BORN_HERE_SQL,
  type Criterion,
  type IndicatorDefinition,
} from './indicator-definition';

/** A SQL list of string literals: ('a', 'b'). */
export function sqlList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('An SQL list needs at least one value');
  return `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}

/** Feedings at discharge that count as breastfeeding (BF-05), decided by the rule itself. */
export const BREASTFEEDING_AT_DISCHARGE = DISCHARGE_FEEDING.filter(
  (feeding) => breastfeedingAtDischarge(feeding).met,
);

export { EXCLUSIVE_UNDER_MONTHS };

/** Feeding at discharge as the Baby-Friendly registers name it. */
export const DISCHARGE_FEEDING_ZH: Record<DischargeFeeding, string> = {
  exclusive: '纯母乳喂养',
  mixed: '混合喂养',
  formula_only: '人工喂养',
  none: '未喂养',
};

const BORN_HERE = BORN_HERE_SQL;

/** The recorded indications that are not medical, in Chinese (BF-06). */
const NON_MEDICAL_ZH = NON_MEDICAL_CAESAREAN_INDICATIONS.map(
  (code) => CAESAREAN_INDICATIONS[code].zh,
).join('、');

// DOMAIN.md §9: stillbirths, deaths before discharge and documented contraindications are set
// aside for BF-01..BF-05 and shown beside the value.
const STAY_POPULATION: Criterion = {
  description: 'Babies born at the facility in the period (live-born and stillborn).',
  descriptionZh: '本期在本机构出生的新生儿（含活产和死产）',
  sql: BORN_HERE,
};
const STAY_EXCLUSION: Criterion = {
  description:
    'Stillbirths, babies who died before discharge, and babies with a documented medical ' +
    'contraindication to breastfeeding.',
  descriptionZh: '死产、出院前死亡的新生儿，以及有记录的母乳喂养医学禁忌证的新生儿',
  sql:
    "c.vital_status = 'stillbirth' OR c.died_before_discharge = 1 OR " +
    'c.contraindication IS NOT NULL',
};
// DOMAIN.md §9: a stay indicator counts a baby only once the stay is complete; a blank is never
// a success. A transfer out is recorded as the baby's discharge (its detail says where to).
const STAY_INCOMPLETE: Criterion = {
  description:
    'The stay is not complete: no discharge (or transfer out) and no death recorded, e.g. still ' +
    'in hospital. Counted when the discharge is recorded.',
  descriptionZh: '住院未结束：未记录出院（或转出），也未记录死亡（如仍在院）；记录出院后计入',
  sql: 'c.stay_complete = 0',
};
const STAY_ATTRIBUTION = 'birth time of the baby, hospital calendar day';
const STAY_ATTRIBUTION_ZH = '按婴儿出生时间归属（医院时区的日历日）';

/** Feedings at discharge that fail BF-04 whatever the stay's records say: other milk was given. */
export const OTHER_MILK_AT_DISCHARGE: readonly DischargeFeeding[] = ['mixed', 'formula_only'];

function stayIndicator(
  fields: Pick<
    IndicatorDefinition,
    'code' | 'nameZh' | 'nameEn' | 'numerator' | 'numeratorParts'
  > & {
    target: number;
  },
): IndicatorDefinition {
  return {
    code: fields.code,
    nameZh: fields.nameZh,
    nameEn: fields.nameEn,
    group: 'BF',
    unit: 'percent',
    cohort: 'live_births',
    attribution: STAY_ATTRIBUTION,
    attributionZh: STAY_ATTRIBUTION_ZH,
    denominator: STAY_POPULATION,
    numerator: fields.numerator,
    ...(fields.numeratorParts ? { numeratorParts: fields.numeratorParts } : {}),
    exclusion: STAY_EXCLUSION,
    incomplete: STAY_INCOMPLETE,
    target: { direction: 'at_least', value: fields.target },
    // 2: a baby counts only once the stay is complete (discharge, transfer or death recorded).
    version: 2,
  };
}

const EXCLUSIVE_AT_DISCHARGE: Criterion = {
  description: 'Exclusive breast milk at discharge.',
  descriptionZh: `出院时${DISCHARGE_FEEDING_ZH.exclusive}`,
  sql: "c.discharge_feeding = 'exclusive'",
};

// BF-01 in the order the delivery room checks it: when the contact started, then how long it lasted.
const EARLY_SKIN_TO_SKIN_START: Criterion = {
  description:
    `Skin-to-skin started within ${EARLY_SKIN_TO_SKIN_START_MINUTES}:00 after birth ` +
    `(${EARLY_SKIN_TO_SKIN_START_MINUTES}:00 counts, ${EARLY_SKIN_TO_SKIN_START_MINUTES}:01 does not).`,
  descriptionZh:
    `出生后${EARLY_SKIN_TO_SKIN_START_MINUTES}分钟内开始母婴皮肤接触` +
    `（${EARLY_SKIN_TO_SKIN_START_MINUTES}分00秒计入，${EARLY_SKIN_TO_SKIN_START_MINUTES}分01秒不计入）`,
  sql: `c.skin_to_skin_start_seconds <= ${EARLY_SKIN_TO_SKIN_START_MINUTES * 60}`,
};
const EARLY_SKIN_TO_SKIN_DURATION: Criterion = {
  description:
    `A contact started within ${EARLY_SKIN_TO_SKIN_START_MINUTES}:00 lasted at least ` +
    `${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES} whole minutes without interruption, by its ` +
    'recorded end.',
  descriptionZh:
    `${EARLY_SKIN_TO_SKIN_START_MINUTES}分钟内开始的皮肤接触中有一次不间断持续至少` +
    `${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES}分钟（按记录的结束时间、整分钟计；未记录结束时间的不计）`,
  sql: `c.skin_to_skin_minutes >= ${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES}`,
};

/** BF-04 and BF-04M: no supplement in the stay (of any kind, or without a medical reason). */
const noSupplement = (column: string, description: string, descriptionZh: string): Criterion => ({
  description,
  descriptionZh,
  sql: `c.${column} = 0`,
});

const roomingIn = (column: string): string =>
  `COALESCE(${column}, 0) <= ${ROOMING_IN_MAX_SEPARATION_MINUTES}`;

function recallIndicator(
  fields: Pick<
    IndicatorDefinition,
    'code' | 'nameZh' | 'nameEn' | 'attribution' | 'attributionZh' | 'denominator'
  > & {
    target: number;
    version?: number;
  },
): IndicatorDefinition {
  return {
    ...fields,
    group: 'BF',
    unit: 'percent',
    cohort: 'feeding_recalls',
    numerator: {
      description:
        'The 24-hour recall was exclusive breastfeeding: breast milk only (ORS, drops and ' +
        'syrups allowed), not even water.',
      descriptionZh:
        '24小时喂养回顾为纯母乳喂养：只喂母乳（可用口服补液盐、滴剂和糖浆类药物），连水也不喂',
      sql: "c.recall_class = 'exclusive'",
    },
    target: { direction: 'at_least', value: fields.target },
    version: fields.version ?? 1,
  };
}

export const BABY_FRIENDLY_INDICATORS: readonly IndicatorDefinition[] = [
  stayIndicator({
    code: 'BF-01',
    nameZh: '早接触率',
    nameEn: 'Early skin-to-skin contact',
    ...allOf([EARLY_SKIN_TO_SKIN_START, EARLY_SKIN_TO_SKIN_DURATION], {
      description:
        `Skin-to-skin started within ${EARLY_SKIN_TO_SKIN_START_MINUTES}:00 after birth and one ` +
        `such contact lasted at least ${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES} whole minutes ` +
        'without interruption, by its recorded end (a contact with no end recorded does not count).',
      descriptionZh:
        `出生后${EARLY_SKIN_TO_SKIN_START_MINUTES}分钟内开始母婴皮肤接触，且其中一次不间断持续至少` +
        `${EARLY_SKIN_TO_SKIN_MIN_DURATION_MINUTES}分钟（按记录的结束时间计；未记录结束时间的不计）`,
    }),
    target: 80,
  }),
  stayIndicator({
    code: 'BF-02',
    nameZh: '早吸吮率',
    nameEn: 'Early initiation of breastfeeding',
    numerator: {
      description: `First breastfeed within ${EARLY_INITIATION_MINUTES} whole minutes of birth.`,
      descriptionZh:
        `出生后${EARLY_INITIATION_MINUTES}分钟内开始首次母乳喂养` +
        `（按整分钟计：${EARLY_INITIATION_MINUTES}分59秒计入，${EARLY_INITIATION_MINUTES + 1}分00秒不计入）`,
      sql: `c.first_breastfeed_minutes <= ${EARLY_INITIATION_MINUTES}`,
    },
    target: 80,
  }),
  stayIndicator({
    code: 'BF-03',
    nameZh: '母婴同室率',
    nameEn: 'Rooming-in',
    numerator: {
      description:
        `No separation from the mother longer than ${ROOMING_IN_MAX_SEPARATION_MINUTES} ` +
        'minutes during the stay, whatever its reason.',
      descriptionZh: `住院期间母婴分离每次均不超过${ROOMING_IN_MAX_SEPARATION_MINUTES}分钟（不论原因）`,
      sql: roomingIn('c.longest_separation_minutes'),
    },
    target: 90,
  }),
  stayIndicator({
    code: 'BF-03M',
    nameZh: '母婴同室率（医学原因分离不计）',
    nameEn: 'Rooming-in, separations with a medical reason not counted',
    numerator: {
      description:
        `No separation without a medical reason longer than ${ROOMING_IN_MAX_SEPARATION_MINUTES} ` +
        'minutes during the stay.',
      descriptionZh: `住院期间无医学原因的母婴分离每次均不超过${ROOMING_IN_MAX_SEPARATION_MINUTES}分钟`,
      sql: roomingIn('c.longest_non_medical_separation_minutes'),
    },
    target: 90,
  }),
  stayIndicator({
    code: 'BF-04',
    nameZh: '住院期间纯母乳喂养率',
    nameEn: 'Exclusive breast milk during the stay',
    ...allOf(
      [
        noSupplement(
          'supplements_in_stay',
          'No supplement recorded from birth to discharge, whatever the reason.',
          '出生至出院未记录任何添加（不论有无医学指征）',
        ),
        EXCLUSIVE_AT_DISCHARGE,
      ],
      {
        description:
          'Nothing but breast milk from birth to discharge, whatever the reason: no supplement ' +
          'recorded and exclusive breast milk at discharge (a discharge on formula or mixed feeding ' +
          'fails, whatever the stay recorded).',
        descriptionZh:
          '出生至出院只喂母乳（不论原因）：未记录任何添加，且出院时纯母乳喂养' +
          '（出院时混合喂养或人工喂养即不计入，不论住院期间记录如何）',
      },
    ),
    target: 80,
  }),
  stayIndicator({
    code: 'BF-04M',
    nameZh: '住院期间纯母乳喂养率（医学指征添加不计）',
    nameEn: 'Exclusive breast milk during the stay, supplements with a medical reason not counted',
    ...allOf(
      [
        noSupplement(
          'supplements_without_medical_reason',
          'No supplement without a medical reason from birth to discharge.',
          '出生至出院未记录无医学指征的添加',
        ),
        EXCLUSIVE_AT_DISCHARGE,
      ],
      {
        description:
          'No supplement without a medical reason from birth to discharge, and exclusive breast ' +
          'milk at discharge (a discharge on formula or mixed feeding fails).',
        descriptionZh:
          '出生至出院未记录无医学指征的添加，且出院时纯母乳喂养（出院时混合喂养或人工喂养即不计入）',
      },
    ),
    target: 80,
  }),
  stayIndicator({
    code: 'BF-05',
    nameZh: '出院时母乳喂养率',
    nameEn: 'Any breastfeeding at discharge',
    numerator: {
      description: 'Fed exclusively or partly with breast milk at discharge.',
      descriptionZh: `出院时${BREASTFEEDING_AT_DISCHARGE.map((f) => DISCHARGE_FEEDING_ZH[f]).join('或')}`,
      sql: `c.discharge_feeding IN ${sqlList(BREASTFEEDING_AT_DISCHARGE)}`,
    },
    target: 90,
  }),
  {
    code: 'BF-06',
    nameZh: '非医学指征剖宫产率',
    nameEn: 'Caesarean sections without medical indication',
    group: 'BF',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: 'delivery time, hospital calendar day',
    attributionZh: '按分娩时间归属（医院时区的日历日）',
    denominator: {
      description: 'Deliveries at the facility in the period.',
      descriptionZh: '本期在本机构分娩的产妇',
      sql: BORN_HERE,
    },
    ...allOf(
      [
        {
          description: 'Delivered by caesarean section.',
          descriptionZh: '剖宫产分娩',
          sql: "c.delivery_mode = 'caesarean'",
        },
        {
          description:
            'No medical indication code: none recorded, or maternal request (社会因素/孕妇要求).',
          descriptionZh: `无医学指征：未记录剖宫产指征，或指征为${NON_MEDICAL_ZH}`,
          sql: `c.caesarean_indication IS NULL OR c.caesarean_indication IN ${sqlList(NON_MEDICAL_CAESAREAN_INDICATIONS)}`,
        },
      ],
      {
        description:
          'Caesarean sections with no medical indication code: none recorded, or maternal request (社会因素/孕妇要求).',
        descriptionZh: `无医学指征的剖宫产：未记录剖宫产指征，或指征为${NON_MEDICAL_ZH}`,
      },
    ),
    target: { direction: 'falling', value: null },
    // 2: coded indications; a maternal request counts as without medical indication.
    version: 2,
  },
  {
    code: 'BF-07',
    nameZh: '孕妇学校母乳喂养课参加率',
    nameEn: 'Breastfeeding class attendance',
    group: 'BF',
    unit: 'percent',
    cohort: 'deliveries',
    attribution: 'delivery time, hospital calendar day',
    attributionZh: '按分娩时间归属（医院时区的日历日）',
    denominator: {
      description: 'Mothers who delivered at the facility in the period.',
      descriptionZh: '本期在本机构分娩的产妇',
      sql: BORN_HERE,
    },
    numerator: {
      description:
        'Attended at least one breastfeeding class (any facility) from the first day of the ' +
        'pregnancy to the day before delivery.',
      descriptionZh:
        '自妊娠第1天（末次月经）至分娩前一天，参加过至少1次孕妇学校母乳喂养课（任一机构）',
      sql: 'c.breastfeeding_classes_before_delivery >= 1',
    },
    target: { direction: 'at_least', value: 80 },
    version: 1,
  },
  recallIndicator({
    code: 'BF-08',
    nameZh: '产后访视纯母乳喂养率',
    nameEn: 'Exclusive breastfeeding at the postpartum visit (24-hour recall)',
    attribution:
      "birth time of the baby, hospital calendar day (the baby's first postpartum-visit recall)",
    attributionZh: '按婴儿出生时间归属（医院时区的日历日；取婴儿首次产后访视时的回顾）',
    denominator: {
      description:
        'Live-born babies born in the period with a feeding recall at the postpartum visit ' +
        '(the first one when there are several).',
      descriptionZh: '本期出生、产后访视时做过24小时喂养回顾的活产儿（多次者取第一次）',
      sql: "c.basis = 'birth' AND c.contact = 'postpartum_visit'",
    },
    target: 80,
  }),
  recallIndicator({
    code: 'BF-09',
    nameZh: '42天纯母乳喂养率',
    nameEn: 'Exclusive breastfeeding at 42 days',
    attribution: "birth time of the baby, hospital calendar day (the baby's first 42-day recall)",
    attributionZh: '按婴儿出生时间归属（医院时区的日历日；取婴儿首次产后42天检查时的回顾）',
    denominator: {
      description:
        'Live-born babies born in the period with a feeding recall at the 42-day check ' +
        '(the first one when there are several).',
      descriptionZh: '本期出生、产后42天检查时做过24小时喂养回顾的活产儿（多次者取第一次）',
      sql: "c.basis = 'birth' AND c.contact = 'day42_check'",
    },
    target: 80,
  }),
  recallIndicator({
    code: 'BF-10',
    nameZh: '6个月内纯母乳喂养率',
    nameEn: 'Exclusive breastfeeding under 6 months',
    attribution:
      "day of the baby's recall nearest the period's end (one status per child and age band)",
    attributionZh: '按最接近期末的一次回顾日期归属（每名儿童每个月龄段一个喂养状态）',
    denominator: {
      description:
        `Babies aged 0–${EXCLUSIVE_UNDER_MONTHS - 1} completed months with a feeding recall ` +
        'made by the facility in the period, one status per child: of the recalls made at that ' +
        "age, the one nearest the period's end (the reporting date) decides, as WHO/UNICEF " +
        'measure it (Indicators for assessing infant and young child feeding practices, 2021).',
      descriptionZh:
        `本机构本期做过24小时喂养回顾、回顾时满0–${EXCLUSIVE_UNDER_MONTHS - 1}月龄的婴儿，每名婴儿计1次：` +
        '取该月龄段内最接近统计期末（报告日）的一次回顾（按WHO/UNICEF 2021年婴幼儿喂养评估指标）',
      sql:
        `c.basis = 'follow_up' AND c.age_months < ${EXCLUSIVE_UNDER_MONTHS} ` +
        'AND c.nearest_in_band = 1',
    },
    target: 50,
    // 2: one status per child (the recall nearest the period's end), no longer every recall.
    version: 2,
  }),
];
