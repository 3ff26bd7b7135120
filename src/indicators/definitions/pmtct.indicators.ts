import {
  DEFAULT_SYPHILIS_POLICY,
  DISEASES,
  type Disease,
  doseGapRange,
  EARLY_TESTING_MAX_GA_DAYS,
  HBIG_WITHIN_MINUTES,
  HEPB_VACCINE_WITHIN_MINUTES_EXPOSED,
  HIV_PROPHYLAXIS_WITHIN_MINUTES,
  SYPHILIS_DOSES_PER_COURSE,
} from '../../pmtct/rules/pmtct-rules';
import { HEPB_BIRTH_DOSE_WITHIN_MINUTES } from '../../delivery/rules/birth-doses';
import { formatGestationalAge } from '../../women/rules/gestational-age';
import { EXPOSED_BABIES_COHORT } from '../cohorts/exposed-babies.cohort';
import { LIVE_BIRTHS_COHORT } from '../cohorts/live-births.cohort';
import {
  DISEASE_NAMES,
  PMTCT_MOTHERS_COHORT,
  TWO_SYPHILIS_COURSES_FROM_GA_DAYS,
} from '../cohorts/pmtct-mothers.cohort';
import { allOf, type Criterion, type IndicatorDefinition } from './indicator-definition';
import { PERINATAL_ZH, perinatalSql } from './system-management.indicators';

const MOTHERS = PMTCT_MOTHERS_COHORT.code;
const BABIES = EXPOSED_BABIES_COHORT.code;
const DELIVERY_DAY = 'delivery day, hospital time zone';
const DELIVERY_DAY_ZH = '按分娩日期归属（医院时区）';

const ALL_THREE_ZH = DISEASES.map((d) => DISEASE_NAMES[d].zh).join('、');

/** A whole-minute window in hours and minutes: 720 → 12小时00分. */
const hoursZh = (minutes: number): string =>
  `${Math.floor(minutes / 60)}小时${String(minutes % 60).padStart(2, '0')}分`;

/** "≤ n whole minutes after birth", with the minute that counts and the one that does not. */
const withinMinutesZh = (window: number): string => {
  const within = window % 60 === 0 ? `${window / 60}小时` : hoursZh(window);
  return `出生后${within}内（按整分钟计：${hoursZh(window)}计入，${hoursZh(window + 1)}不计入）`;
};

const EARLY_TESTING_ZH =
  `孕早期（孕周0–${EARLY_TESTING_MAX_GA_DAYS}天，即${formatGestationalAge(EARLY_TESTING_MAX_GA_DAYS)}周及以前，` +
  '按最终预产期推算）';

// The syphilis course rule's days as shipped; a province may configure others (PMTCT_*).
const DOSE_GAPS = doseGapRange(DEFAULT_SYPHILIS_POLICY);
const DOSE_INTERVAL = DEFAULT_SYPHILIS_POLICY.doseIntervalDays;
const DOSE_GRACE = DEFAULT_SYPHILIS_POLICY.doseGraceDays;
const TWO_COURSES_FROM_ZH = `孕${formatGestationalAge(TWO_SYPHILIS_COURSES_FROM_GA_DAYS)}周`;
const COMPLETE_COURSE_ZH =
  `规范疗程（≥${SYPHILIS_DOSES_PER_COURSE}剂苄星青霉素，相邻两剂间隔${DOSE_INTERVAL}±${DOSE_GRACE}天，` +
  `即${DOSE_GAPS.min}–${DOSE_GAPS.max}天）`;

// DOMAIN.md §9: the PMTCT cohort is the women who delivered in the period, any place of birth (as
// the system-management live births): a woman who gave birth at home or en route and was admitted
// after is one of the facility's deliveries, and the one whose test at delivery matters most.
const allMothers = {
  description:
    'Women whose delivery the facility recorded in the period, any place of birth (at the ' +
    'facility, at another facility, en route or at home before admission)',
  descriptionZh: '本机构本期记录分娩的产妇，不论分娩地点（本机构、其他机构、途中或入院前在家中）',
  sql: 'TRUE',
};

const syphilisPositive = {
  description: 'Women who delivered, confirmed syphilis-positive (positive confirmatory test)',
  descriptionZh: '本期分娩、梅毒感染确诊（确证试验阳性）的产妇',
  sql: 'c.syphilis_positive = 1',
};

const hbsagExposed = {
  description:
    'Babies delivered in the period whose mother is HBsAg-positive (a positive HBsAg test needs no confirmation)',
  descriptionZh: '本期分娩、母亲乙肝表面抗原阳性（无需确证）的新生儿',
  sql: 'c.mother_hbsag_positive = 1',
};

const stillbirth = {
  description: 'Stillbirths: no dose is due; counted and shown beside the value',
  descriptionZh: '死产：无需用药或接种，单独计数并在指标旁显示',
  sql: 'c.stillbirth = 1',
};

/** Given between birth and the window's last minute (a dose before birth is a data error). */
const withinMinutes = (column: string, window: number) => `c.${column} BETWEEN 0 AND ${window}`;

const TESTED: Record<Disease, { code: string; zh: string; en: string }> = {
  hiv: { code: 'PM-01', zh: '孕产妇艾滋病检测率', en: 'HIV testing of women who delivered' },
  syphilis: {
    code: 'PM-02',
    zh: '孕产妇梅毒检测率',
    en: 'Syphilis testing of women who delivered',
  },
  hbsag: {
    code: 'PM-03',
    zh: '孕产妇乙肝表面抗原检测率',
    en: 'HBsAg testing of women who delivered',
  },
};

const testedIndicators: IndicatorDefinition[] = DISEASES.map((disease) => ({
  code: TESTED[disease].code,
  nameZh: TESTED[disease].zh,
  nameEn: TESTED[disease].en,
  group: 'PM',
  unit: 'percent',
  cohort: MOTHERS,
  attribution: DELIVERY_DAY,
  attributionZh: DELIVERY_DAY_ZH,
  denominator: allMothers,
  numerator: {
    description:
      'A resulted test of her own (negative, positive or indeterminate), sampled in pregnancy or at delivery (on or before the delivery day)',
    descriptionZh: `孕期或产时（分娩当日及以前采样）本人接受${DISEASE_NAMES[disease].zh}检测并有结果（阴性、阳性或不确定）`,
    sql: `c.${disease}_tested = 1`,
  },
  target: { direction: 'at_least', value: 95 },
  version: 1,
}));

/** PMTCT — cohort: women who delivered in the period, and their babies (DOMAIN.md §7, §9). */
export const PMTCT_INDICATORS: readonly IndicatorDefinition[] = [
  ...testedIndicators,
  {
    code: 'PM-04',
    nameZh: '孕期艾滋病、梅毒和乙肝检测率',
    nameEn: 'Tested in pregnancy for HIV, syphilis and HBsAg',
    group: 'PM',
    unit: 'percent',
    cohort: MOTHERS,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: allMothers,
    ...allOf(
      DISEASES.map((d): Criterion => ({
        description: `A resulted antenatal ${DISEASE_NAMES[d].en} test (setting antenatal, sampled by the delivery day)`,
        descriptionZh: `孕期接受${DISEASE_NAMES[d].zh}检测并有结果（孕期检测，分娩当日及以前采样）`,
        sql: `c.${d}_tested_antenatal = 1`,
      })),
      {
        description:
          'A resulted antenatal test (setting antenatal, sampled by the delivery day) for each of the three',
        descriptionZh: `${ALL_THREE_ZH}三项均在孕期接受检测并有结果（孕期检测，分娩当日及以前采样）`,
      },
    ),
    target: { direction: 'at_least', value: 90 },
    version: 1,
  },
  {
    code: 'PM-05',
    nameZh: '孕早期艾滋病、梅毒和乙肝检测率',
    nameEn: 'Tested in early pregnancy (GA ≤ 12+6) for HIV, syphilis and HBsAg',
    group: 'PM',
    unit: 'percent',
    cohort: MOTHERS,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: allMothers,
    ...allOf(
      DISEASES.map((d): Criterion => ({
        description: `A resulted ${DISEASE_NAMES[d].en} test sampled at GA 0 to ${EARLY_TESTING_MAX_GA_DAYS} days (12+6) by the final EDD`,
        descriptionZh: `${EARLY_TESTING_ZH}接受${DISEASE_NAMES[d].zh}检测并有结果`,
        sql: `c.${d}_first_test_ga_days <= ${EARLY_TESTING_MAX_GA_DAYS}`,
      })),
      {
        description: `For each of the three, a resulted test sampled at GA 0 to ${EARLY_TESTING_MAX_GA_DAYS} days (12+6) by the final EDD`,
        descriptionZh: `${ALL_THREE_ZH}三项均于${EARLY_TESTING_ZH}接受检测并有结果`,
      },
    ),
    target: { direction: 'at_least', value: 70 },
    version: 1,
  },
  {
    code: 'PM-06',
    nameZh: '艾滋病感染孕产妇抗病毒治疗率',
    nameEn: 'HIV-positive mothers on antiretroviral therapy in pregnancy or at delivery',
    group: 'PM',
    unit: 'percent',
    cohort: MOTHERS,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: {
      description: 'Women who delivered, confirmed HIV-positive (positive confirmatory test)',
      descriptionZh: '本期分娩、艾滋病感染确诊（确证试验阳性）的产妇',
      sql: 'c.hiv_positive = 1',
    },
    numerator: {
      description: 'Antiretroviral therapy started on or before the delivery day',
      descriptionZh: '分娩当日及以前开始抗病毒治疗',
      sql: 'c.art_started_on <= c.attributed_on',
    },
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-07',
    nameZh: '艾滋病暴露儿童6小时内预防用药率',
    nameEn: 'HIV-exposed babies with prophylaxis started within 6 hours of birth',
    group: 'PM',
    unit: 'percent',
    cohort: BABIES,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: {
      description: 'Babies delivered in the period whose mother is confirmed HIV-positive',
      descriptionZh: '本期分娩、母亲艾滋病感染确诊的新生儿（艾滋病暴露儿童）',
      sql: 'c.mother_hiv_positive = 1',
    },
    numerator: {
      description: `Prophylaxis started ≤ ${HIV_PROPHYLAXIS_WITHIN_MINUTES} whole minutes after birth (6 h 00 min counts, 6 h 01 min does not)`,
      descriptionZh: `${withinMinutesZh(HIV_PROPHYLAXIS_WITHIN_MINUTES)}开始抗病毒预防用药`,
      sql: withinMinutes('hiv_prophylaxis_minutes', HIV_PROPHYLAXIS_WITHIN_MINUTES),
    },
    exclusion: stillbirth,
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-08',
    nameZh: '梅毒感染孕产妇治疗率',
    nameEn: 'Syphilis-positive mothers treated',
    group: 'PM',
    unit: 'percent',
    cohort: MOTHERS,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: syphilisPositive,
    numerator: {
      description:
        'At least one dose of a syphilis course (benzathine penicillin) given on or before the delivery day',
      descriptionZh: '分娩当日及以前至少注射1剂梅毒治疗药物（苄星青霉素）',
      sql: 'c.syphilis_treated = 1',
    },
    target: { direction: 'at_least', value: 95 },
    // Version 1 counted adequate treatment here; that is PM-08b now.
    version: 2,
  },
  {
    code: 'PM-08b',
    nameZh: '梅毒感染孕产妇规范治疗率',
    nameEn: 'Syphilis-positive mothers adequately treated',
    group: 'PM',
    unit: 'percent',
    cohort: MOTHERS,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: syphilisPositive,
    numerator: {
      description:
        'As many complete courses (≥ 3 doses, consecutive doses 7 ± 2 days apart) as syphilisTreatment() requires (1, or 2 when first found positive at GA 13+0 or later), each ending at least 28 days before the delivery day, and two courses at least 14 days apart (the configured PMTCT_* days)',
      descriptionZh:
        `完成所需数量的${COMPLETE_COURSE_ZH}：${TWO_COURSES_FROM_ZH}前首次检出阳性需1个疗程，` +
        `${TWO_COURSES_FROM_ZH}及以后需2个疗程；每个疗程均于分娩前≥${DEFAULT_SYPHILIS_POLICY.endsBeforeDeliveryDays}天结束，` +
        `2个疗程间隔≥${DEFAULT_SYPHILIS_POLICY.courseGapMinDays}天（天数可按PMTCT_*配置，此为默认值）`,
      sql: '(c.syphilis_courses_required = 1 AND c.syphilis_timely_courses >= 1) OR (c.syphilis_courses_required = 2 AND c.syphilis_courses_apart = 1)',
    },
    // An OR by the courses required, told as two parts that hold together exactly when it does:
    // the courses are 1 or 2 for every positive mother, and two courses apart are two timely
    // ones (the cohort's courses_apart pairs timely courses only).
    numeratorParts: [
      {
        description:
          'At least one complete course (≥ 3 doses, consecutive doses 7 ± 2 days apart) ending at least 28 days before the delivery day',
        descriptionZh: `至少完成1个${COMPLETE_COURSE_ZH}，且于分娩前≥${DEFAULT_SYPHILIS_POLICY.endsBeforeDeliveryDays}天结束`,
        sql: 'c.syphilis_timely_courses >= 1',
      },
      {
        description:
          'When two courses are required (first found positive at GA 13+0 or later), a second such course starting at least 14 days after the first ended',
        descriptionZh:
          `需2个疗程者（${TWO_COURSES_FROM_ZH}及以后首次检出阳性）：完成第2个上述疗程，` +
          `且在第1个疗程结束≥${DEFAULT_SYPHILIS_POLICY.courseGapMinDays}天后开始`,
        sql: 'c.syphilis_courses_required = 1 OR c.syphilis_courses_apart = 1',
      },
    ],
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-09',
    nameZh: '梅毒暴露儿童预防性治疗率',
    nameEn: 'Syphilis-exposed babies given prophylaxis',
    group: 'PM',
    unit: 'percent',
    cohort: BABIES,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: {
      description: 'Babies delivered in the period whose mother is confirmed syphilis-positive',
      descriptionZh: '本期分娩、母亲梅毒感染确诊的新生儿（梅毒暴露儿童）',
      sql: 'c.mother_syphilis_positive = 1',
    },
    numerator: {
      description: 'Benzathine penicillin prophylaxis recorded, at or after birth',
      descriptionZh: '出生后（含出生时）有苄星青霉素预防性治疗记录',
      sql: 'c.syphilis_prophylaxis_minutes >= 0',
    },
    exclusion: stillbirth,
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-10',
    nameZh: '乙肝暴露新生儿12小时内乙肝免疫球蛋白注射率',
    nameEn: 'HBsAg-exposed babies given HBIG within 12 hours of birth',
    group: 'PM',
    unit: 'percent',
    cohort: BABIES,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: hbsagExposed,
    numerator: {
      description: `HBIG ≤ ${HBIG_WITHIN_MINUTES} whole minutes after birth (12 h 00 min 59 s counts, 12 h 01 min does not)`,
      descriptionZh: `${withinMinutesZh(HBIG_WITHIN_MINUTES)}注射乙肝免疫球蛋白`,
      sql: withinMinutes('hbig_minutes', HBIG_WITHIN_MINUTES),
    },
    exclusion: stillbirth,
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-11',
    nameZh: '乙肝暴露新生儿12小时内首针乙肝疫苗接种率',
    nameEn: 'HBsAg-exposed babies given the first hepatitis B vaccine within 12 hours of birth',
    group: 'PM',
    unit: 'percent',
    cohort: BABIES,
    attribution: DELIVERY_DAY,
    attributionZh: DELIVERY_DAY_ZH,
    denominator: hbsagExposed,
    numerator: {
      description: `First vaccine dose ≤ ${HEPB_VACCINE_WITHIN_MINUTES_EXPOSED} whole minutes after birth`,
      descriptionZh: `${withinMinutesZh(HEPB_VACCINE_WITHIN_MINUTES_EXPOSED)}接种首针乙肝疫苗`,
      sql: withinMinutes('hepb_vaccine1_minutes', HEPB_VACCINE_WITHIN_MINUTES_EXPOSED),
    },
    exclusion: stillbirth,
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
  {
    code: 'PM-12',
    nameZh: '新生儿24小时内乙肝疫苗首针接种率',
    nameEn: 'Live births given the hepatitis B birth dose within 24 hours',
    group: 'PM',
    unit: 'percent',
    cohort: LIVE_BIRTHS_COHORT.code,
    attribution: 'birth time of the baby, hospital calendar day',
    attributionZh: '按婴儿出生时间归属（医院时区的日历日）',
    denominator: {
      description:
        'Every live birth of the deliveries recorded by the facility in the period, exposed or ' +
        'not, any place of birth (as SM-01..SM-07; twins count twice)',
      descriptionZh: `本机构本期记录的分娩中的全部活产，不论是否暴露、不论分娩地点（同SM-01至SM-07：${PERINATAL_ZH}；双胎计2例）`,
      sql: `c.vital_status = 'live_birth' AND ${perinatalSql()}`,
    },
    numerator: {
      description: `Hepatitis B birth dose ≤ ${HEPB_BIRTH_DOSE_WITHIN_MINUTES} whole minutes after birth (23 h 59 min counts, 24 h 01 min does not)`,
      descriptionZh: `${withinMinutesZh(HEPB_BIRTH_DOSE_WITHIN_MINUTES)}接种乙肝疫苗首针`,
      sql: withinMinutes('hepb_birth_dose_minutes', HEPB_BIRTH_DOSE_WITHIN_MINUTES),
    },
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
];
