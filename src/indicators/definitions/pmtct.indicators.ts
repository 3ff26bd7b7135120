import {
  DISEASES,
  type Disease,
  EARLY_TESTING_MAX_GA_DAYS,
  HBIG_WITHIN_MINUTES,
  HEPB_VACCINE_WITHIN_MINUTES_EXPOSED,
  HIV_PROPHYLAXIS_WITHIN_MINUTES,
} from '../../pmtct/rules/pmtct-rules';
import { HEPB_BIRTH_DOSE_WITHIN_MINUTES } from '../../delivery/rules/birth-doses';
import { EXPOSED_BABIES_COHORT } from '../cohorts/exposed-babies.cohort';
import { LIVE_BIRTHS_COHORT } from '../cohorts/live-births.cohort';
import { PMTCT_MOTHERS_COHORT } from '../cohorts/pmtct-mothers.cohort';
import type { IndicatorDefinition } from './indicator-definition';
import { perinatalSql } from './system-management.indicators';

const MOTHERS = PMTCT_MOTHERS_COHORT.code;
const BABIES = EXPOSED_BABIES_COHORT.code;
const DELIVERY_DAY = 'delivery day, hospital time zone';

// DOMAIN.md §9: the PMTCT cohort is the women who delivered in the period, any place of birth (as
// the system-management live births): a woman who gave birth at home or en route and was admitted
// after is one of the facility's deliveries, and the one whose test at delivery matters most.
const allMothers = {
  description:
    'Women whose delivery the facility recorded in the period, any place of birth (at the ' +
    'facility, at another facility, en route or at home before admission)',
  sql: 'TRUE',
};

const syphilisPositive = {
  description: 'Women who delivered, confirmed syphilis-positive (positive confirmatory test)',
  sql: 'c.syphilis_positive = 1',
};

const hbsagExposed = {
  description:
    'Babies delivered in the period whose mother is HBsAg-positive (a positive HBsAg test needs no confirmation)',
  sql: 'c.mother_hbsag_positive = 1',
};

const stillbirth = {
  description: 'Stillbirths: no dose is due; counted and shown beside the value',
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
  denominator: allMothers,
  numerator: {
    description:
      'A resulted test of her own (negative, positive or indeterminate), sampled in pregnancy or at delivery (on or before the delivery day)',
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
    denominator: allMothers,
    numerator: {
      description:
        'A resulted antenatal test (setting antenatal, sampled by the delivery day) for each of the three',
      sql: DISEASES.map((d) => `c.${d}_tested_antenatal = 1`).join(' AND '),
    },
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
    denominator: allMothers,
    numerator: {
      description: `For each of the three, a resulted test sampled at GA 0 to ${EARLY_TESTING_MAX_GA_DAYS} days (12+6) by the final EDD`,
      sql: DISEASES.map((d) => `c.${d}_first_test_ga_days <= ${EARLY_TESTING_MAX_GA_DAYS}`).join(
        ' AND ',
      ),
    },
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
    denominator: {
      description: 'Women who delivered, confirmed HIV-positive (positive confirmatory test)',
      sql: 'c.hiv_positive = 1',
    },
    numerator: {
      description: 'Antiretroviral therapy started on or before the delivery day',
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
    denominator: {
      description: 'Babies delivered in the period whose mother is confirmed HIV-positive',
      sql: 'c.mother_hiv_positive = 1',
    },
    numerator: {
      description: `Prophylaxis started ≤ ${HIV_PROPHYLAXIS_WITHIN_MINUTES} whole minutes after birth (6 h 00 min counts, 6 h 01 min does not)`,
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
    denominator: syphilisPositive,
    numerator: {
      description:
        'At least one dose of a syphilis course (benzathine penicillin) given on or before the delivery day',
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
    denominator: syphilisPositive,
    numerator: {
      description:
        'As many complete courses (≥ 3 doses, consecutive doses 7 ± 2 days apart) as syphilisTreatment() requires (1, or 2 when first found positive at GA 13+0 or later), each ending at least 28 days before the delivery day, and two courses at least 14 days apart (the configured PMTCT_* days)',
      sql: '(c.syphilis_courses_required = 1 AND c.syphilis_timely_courses >= 1) OR (c.syphilis_courses_required = 2 AND c.syphilis_courses_apart = 1)',
    },
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
    denominator: {
      description: 'Babies delivered in the period whose mother is confirmed syphilis-positive',
      sql: 'c.mother_syphilis_positive = 1',
    },
    numerator: {
      description: 'Benzathine penicillin prophylaxis recorded, at or after birth',
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
    denominator: hbsagExposed,
    numerator: {
      description: `HBIG ≤ ${HBIG_WITHIN_MINUTES} whole minutes after birth (12 h 00 min 59 s counts, 12 h 01 min does not)`,
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
    denominator: hbsagExposed,
    numerator: {
      description: `First vaccine dose ≤ ${HEPB_VACCINE_WITHIN_MINUTES_EXPOSED} whole minutes after birth`,
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
    denominator: {
      description:
        'Every live birth of the deliveries recorded by the facility in the period, exposed or ' +
        'not, any place of birth (as SM-01..SM-07; twins count twice)',
      sql: `c.vital_status = 'live_birth' AND ${perinatalSql()}`,
    },
    numerator: {
      description: `Hepatitis B birth dose ≤ ${HEPB_BIRTH_DOSE_WITHIN_MINUTES} whole minutes after birth (23 h 59 min counts, 24 h 01 min does not)`,
      sql: withinMinutes('hepb_birth_dose_minutes', HEPB_BIRTH_DOSE_WITHIN_MINUTES),
    },
    target: { direction: 'at_least', value: 95 },
    version: 1,
  },
];
