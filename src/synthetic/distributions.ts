import { Banded, type Band, Weighted } from './random';

/**
 * The shape of the synthetic cohort: each figure is a named constant with where it comes from.
 * They are round numbers of the order Chinese hospitals and national reports give, not a fit to
 * one data set; where a figure is the issue's own target it says so. Weights are relative.
 *
 * Abbreviations of the sources:
 *  - 妇幼报告2019: 《中国妇幼健康事业发展报告（2019）》, 国家卫生健康委员会.
 *  - 统计公报2022: 《2022年我国卫生健康事业发展统计公报》, 国家卫生健康委员会.
 *  - NMNMSS: China's National Maternal Near Miss Surveillance System (hospital births), as
 *    summarised in its published reports and papers.
 *  - 人口普查2020: 第七次全国人口普查 (7th national census, 2020).
 *  - Issue 7: the figures the issue asks the cohort to show.
 */

// --- the woman -------------------------------------------------------------------------------

/**
 * Maternal age at the start of pregnancy, years. Mean age at childbirth ≈ 29–30 and about 15 % of
 * births to women ≥ 35 (人口普查2020 births by mother's age; 高龄孕产妇 share in NMNMSS ~15–19 %).
 */
export const MATERNAL_AGE_YEARS: readonly Band[] = [
  [16, 18, 0.6],
  [19, 24, 10],
  [25, 29, 37.4],
  [30, 34, 36],
  [35, 39, 13],
  [40, 45, 3],
];

/** Migrant (流动人口) share among women giving birth in cities, roughly a third (人口普查2020). */
export const MIGRANT_SHARE = 0.3;

/** Women identified by a passport or permit rather than a resident ID (foreigners, HK/Macau/TW). */
export const NON_RESIDENT_DOCUMENTS: readonly (readonly [string, number])[] = [
  ['resident_id', 99.4],
  ['passport', 0.3],
  ['hk_macau_permit', 0.2],
  ['taiwan_permit', 0.1],
];

/** Education of women of childbearing age (人口普查2020, women 20–39, rounded). */
export const EDUCATION: readonly (readonly [string | null, number])[] = [
  [null, 3],
  ['primary', 4],
  ['junior_secondary', 24],
  ['senior_secondary', 15],
  ['vocational', 9],
  ['college', 20],
  ['bachelor', 21],
  ['postgraduate', 4],
];

/** Earlier births (parity) of women giving birth, after the two- and three-child policies (~45 %
 *  first births; 妇幼报告2019 and NMNMSS birth-order shares). */
export const PARITY: readonly (readonly [number, number])[] = [
  [0, 46],
  [1, 42],
  [2, 10],
  [3, 2],
];

/** Earlier pregnancies that did not end in a birth (miscarriage, termination), per woman. */
export const EARLIER_LOSSES: readonly (readonly [number, number])[] = [
  [0, 60],
  [1, 27],
  [2, 10],
  [3, 2.5],
  [4, 0.5],
];

/** Share of parous women with an earlier caesarean: ~12 % of pregnancies carry a scarred uterus
 *  (瘢痕子宫 11–15 % in Chinese hospital series after the two-child policy); of those with ≥ 2
 *  births, some had two caesareans. Kept at the low end so the risk colours land near Issue 7's. */
export const PREVIOUS_CAESAREAN_IF_PAROUS = 0.22;
export const SECOND_CAESAREAN_IF_TWO_BIRTHS = 0.45;

/** Height (cm) and pre-pregnancy BMI of Chinese women of reproductive age: mean height ~158 cm;
 *  BMI < 18.5 ≈ 10 %, > 25 ≈ 10 %, ≥ 28 ≈ 1 % among women aged 20–34 (中国居民营养与慢性病状况
 *  报告（2020）, rounded). */
export const HEIGHT_CM = { mean: 158.5, sd: 5.3, min: 138, max: 182 } as const;
export const PRE_PREGNANCY_BMI = { mean: 21.2, sd: 2.3, min: 15.5, max: 38 } as const;

// --- registration, dating and antenatal care ---------------------------------------------------

/**
 * Gestational age at registration (建册), days. About 80 % before 13+0 weeks (Issue 7; city
 * reports of 早孕建册率 run 75–90 %, 妇幼报告2019 gives system management 89.9 %).
 */
export const REGISTRATION_GA_DAYS: readonly Band[] = [
  [35, 55, 22],
  [56, 76, 36],
  [77, 90, 22],
  [91, 111, 9],
  [112, 139, 6],
  [140, 195, 4],
  [196, 252, 1],
];

/** How the EDD was set: LMP (most), a dating scan when the LMP is unknown or irregular, IVF. */
export const DATING_METHOD: readonly (readonly [string, number])[] = [
  ['lmp', 84],
  ['ultrasound_no_lmp', 9],
  ['lmp_redated_by_scan', 4],
  ['ivf', 3], // ART ≈ 2–3 % of births in large Chinese cities (NMNMSS ART reports)
];

/** Women whose LMP dating also has an agreeing dating scan recorded (most get an early scan). */
export const AGREEING_SCAN_SHARE = 0.55;

/** Days between registration and the risk screening: most the same day; RK-01 counts ≤ 7 days. */
export const SCREENING_DELAY_DAYS: readonly Band[] = [
  [0, 0, 86],
  [1, 7, 11],
  [8, 21, 3],
];

/**
 * The visit plan after the first examination, in GA days: the 中华医学会 2018 guideline's 7–11
 * examinations (16, 20, 24, 28 weeks, then every 2 weeks to 36, weekly to delivery).
 */
export const ANTENATAL_PLAN_GA_DAYS: readonly number[] = [
  112, 140, 168, 196, 210, 224, 238, 252, 259, 266, 273, 280, 287,
];
/** ± days around each planned visit. */
export const VISIT_JITTER_DAYS = 4;

/**
 * Attendance of planned visits: most women keep nearly all, some miss many. Tuned so that about
 * 95 % of delivered women have ≥ 5 examinations and the mean is ~9 (产前检查率 96.6 %, 妇幼报告2019;
 * city hospital means of 8–11 examinations).
 */
export const VISIT_ATTENDANCE: readonly (readonly [number, number])[] = [
  [0.93, 78],
  [0.7, 15],
  [0.4, 7],
];

// --- how the pregnancy ends ----------------------------------------------------------------------

/**
 * Outcome after registration. Miscarriage ≈ 4 %, termination ≈ 1.5 % and ectopic ≈ 0.3 % of
 * registered pregnancies (NMNMSS and city registers, rounded); transfers out and losses to
 * follow-up of the order registers report; maternal death 15.7 per 100 000 (统计公报2022).
 */
export const OUTCOME: readonly (readonly [string, number])[] = [
  ['delivery', 90.1843],
  ['miscarriage', 4],
  ['termination', 1.5],
  ['ectopic', 0.3],
  ['transferred_out', 2.6],
  ['lost_to_follow_up', 1.4],
  ['maternal_death', 0.0157],
];

/** A woman whose pregnancy ended early and who is pregnant again within the window. */
export const REPEAT_PREGNANCY_AFTER_LOSS = 0.45;

/** Twins ≈ 1.5 % of deliveries (Issue 7; NMNMSS multiple-birth share 1.3–1.6 %, higher with ART). */
export const TWIN_SHARE = 0.0125;
export const TWIN_SHARE_IVF = 0.08;

/**
 * GA at delivery, days, singletons: preterm (< 259) ≈ 6 %, post-term (≥ 294) rare (Chen C et al.,
 * preterm birth in China 2015–2016, Am J Public Health 2019: ~7 %; rounded down for hospital
 * registers). Twins deliver ~3 weeks earlier.
 */
export const DELIVERY_GA_DAYS: readonly Band[] = [
  [196, 223, 0.8],
  [224, 244, 1.5],
  [245, 258, 4.2],
  [259, 272, 31],
  [273, 286, 53],
  [287, 293, 9],
  [294, 294, 0.5],
];
export const TWIN_DELIVERY_GA_DAYS: readonly Band[] = [
  [210, 244, 20],
  [245, 258, 45],
  [259, 272, 35],
];

/** Caesarean rate ≈ 35 % (Issue 7; 36.7 % in 2018, Li HT et al., JAMA 2020;323:89). The shares
 *  are by situation; the base rate is solved so that the overall lands near 35 %. */
export const CAESAREAN = {
  afterPreviousCaesarean: 0.82, // repeat CS dominates for a scarred uterus in China
  twins: 0.75,
  breech: 0.9,
  base: 0.26,
  /** Caesareans without a medical indication (社会因素/maternal request), of all caesareans:
   *  ~15 % (CDMR studies from south-east China, 10–20 % of CS). */
  withoutIndication: 0.15,
} as const;
export const ASSISTED_VAGINAL_SHARE = 0.02;

/** Births outside a facility are rare: facility delivery 99.9 % (妇幼报告2019). */
export const DELIVERY_PLACE: readonly (readonly [string, number])[] = [
  ['this_facility', 99.2],
  ['other_facility', 0.5],
  ['en_route', 0.2],
  ['home', 0.1],
];

/** Stillbirth ≈ 0.4 % of babies (Issue 7; NMNMSS stillbirths ≥ 28 w of a few per thousand). */
export const STILLBIRTH_SHARE = 0.0028;
export const STILLBIRTH_SHARE_PRETERM = 0.02;
/** Neonatal death before discharge, per live birth (neonatal mortality 3.1 ‰, 统计公报2022). */
export const NEONATAL_DEATH_SHARE = 0.0015;
/**
 * The hepatitis B birth dose given within its window (24 h; 12 h for an HBsAg-positive mother):
 * 首针及时接种率 above 95 % in national reporting. Babies under 2000 g of HBsAg-negative mothers
 * wait until they reach it (国家免疫规划疫苗儿童免疫程序 2021), so they have no dose in hospital.
 */
export const HEPB_BIRTH_DOSE_ON_TIME = 0.96;
export const HEPB_BIRTH_DOSE_FROM_WEIGHT_G = 2000;
/** BCG at birth for babies of 2500 g or more outside the NICU, on 95 % of them in hospital. */
export const BCG_IN_HOSPITAL = 0.95;
export const BCG_FROM_WEIGHT_G = 2500;
/** Causes of maternal death (全国孕产妇死亡监测: haemorrhage leads; accidents recorded apart). */
export const maternalDeathCause = new Weighted([
  ['obstetric_haemorrhage', 0.32],
  ['hypertensive_disorder', 0.12],
  ['amniotic_fluid_embolism', 0.1],
  ['heart_disease', 0.14],
  ['other_medical', 0.22],
  ['other', 0.05],
  ['accidental', 0.05],
] as const);

/** NICU admission ≈ 6 % of term and ~50 % of preterm babies (hospital registers, rounded). */
export const NICU_SHARE_TERM = 0.05;
export const NICU_SHARE_PRETERM = 0.5;
/** Sex ratio at birth 111.3 boys per 100 girls (人口普查2020). */
export const MALE_SHARE = 111.3 / 211.3;
/** Birth weight at 39 weeks, grams, singletons: mean ~3300 g; LBW ≈ 3 %, macrosomia ≈ 6 %. */
export const TERM_BIRTH_WEIGHT_G = { mean: 3320, sd: 420 } as const;

/** Mother's hospital stay in hours after a vaginal birth and after a caesarean. */
export const STAY_HOURS_VAGINAL: readonly Band[] = [
  [30, 60, 70],
  [61, 96, 30],
];
export const STAY_HOURS_CAESAREAN: readonly Band[] = [
  [72, 120, 75],
  [121, 168, 25],
];

// --- risk (五色管理) ------------------------------------------------------------------------------

/**
 * Factors the clinician ticks, with their prevalence among registered women and when they are
 * found: at the screening, or at a visit in a GA window. Prevalences are round figures of the
 * order Chinese cohorts report (GDM ~15 % with ~1 in 5 on medication; pre-eclampsia ~2–3 %; thyroid
 * disease ~5–10 %; placenta accreta spectrum < 0.5 %); together with the derived factors they give
 * about 57 % ever yellow-or-above and 9 % ever orange-or-above (Issue 7 asks ≈ 55 % and 10 %, as
 * provincial five-colour reports show).
 */
export interface TickedFactorPlan {
  code: string;
  prevalence: number;
  fromGaDays: number | null; // null = found at the screening
  toGaDays: number | null;
  chronic: boolean; // still ticked at the postpartum contacts
}
export const TICKED_FACTORS: readonly TickedFactorPlan[] = [
  { code: 'RH_NEGATIVE', prevalence: 0.004, fromGaDays: null, toGaDays: null, chronic: true },
  {
    code: 'PREVIOUS_PRETERM_BIRTH',
    prevalence: 0.015,
    fromGaDays: null,
    toGaDays: null,
    chronic: false,
  },
  {
    code: 'PREVIOUS_PERINATAL_DEATH',
    prevalence: 0.005,
    fromGaDays: null,
    toGaDays: null,
    chronic: false,
  },
  {
    code: 'PREVIOUS_BIRTH_DEFECT',
    prevalence: 0.004,
    fromGaDays: null,
    toGaDays: null,
    chronic: false,
  },
  { code: 'PREVIOUS_ECTOPIC', prevalence: 0.008, fromGaDays: null, toGaDays: null, chronic: false },
  {
    code: 'FIBROID_OR_CYST_5CM',
    prevalence: 0.02,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'THYROID_OR_DIABETES_NO_MEDICATION',
    prevalence: 0.03,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'THYROID_OR_DIABETES_NO_MEDICATION',
    prevalence: 0.025,
    fromGaDays: 168,
    toGaDays: 196,
    chronic: false,
  },
  {
    code: 'MILD_HEART_DISEASE',
    prevalence: 0.008,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'DIABETES_OR_THYROID_ON_MEDICATION',
    prevalence: 0.01,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'DIABETES_OR_THYROID_ON_MEDICATION',
    prevalence: 0.015,
    fromGaDays: 168,
    toGaDays: 224,
    chronic: false,
  },
  {
    code: 'SEVERE_PRE_ECLAMPSIA',
    prevalence: 0.01,
    fromGaDays: 196,
    toGaDays: 266,
    chronic: false,
  },
  {
    code: 'CHRONIC_HYPERTENSION_WITH_PRE_ECLAMPSIA',
    prevalence: 0.003,
    fromGaDays: 168,
    toGaDays: 252,
    chronic: true,
  },
  { code: 'ASTHMA', prevalence: 0.004, fromGaDays: null, toGaDays: null, chronic: true },
  { code: 'HEART_FUNCTION_II', prevalence: 0.002, fromGaDays: null, toGaDays: null, chronic: true },
  {
    code: 'MILD_PULMONARY_HYPERTENSION',
    prevalence: 0.001,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'PERNICIOUS_PLACENTA_PRAEVIA',
    prevalence: 0.002,
    fromGaDays: 196,
    toGaDays: 238,
    chronic: false,
  },
  {
    code: 'HEART_FUNCTION_III_IV',
    prevalence: 0.0005,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'COMPLEX_CONGENITAL_HEART_DISEASE',
    prevalence: 0.0003,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  {
    code: 'CKD_SEVERE_HYPERTENSION_OR_RENAL_FAILURE',
    prevalence: 0.0003,
    fromGaDays: null,
    toGaDays: null,
    chronic: true,
  },
  { code: 'TUBERCULOSIS', prevalence: 0.0005, fromGaDays: null, toGaDays: null, chronic: true },
];
/** Twins with polyhydramnios, of twin pregnancies, found at 24–32 weeks. */
export const TWINS_WITH_POLYHYDRAMNIOS_SHARE = 0.12;

/** Anaemia in pregnancy ~10–17 % (Hb < 110 g/L, mostly late pregnancy; Chinese meta-analyses
 *  give 17 % overall, lower in cities with iron supplementation). */
export const HAEMOGLOBIN_FIRST_VISIT_GL = { mean: 127, sd: 9, min: 70, max: 160 } as const;
export const HAEMOGLOBIN_LATE_DROP_GL = { mean: 2, sd: 4, min: 0, max: 40 } as const;
/** Known HBsAg carriers the clinician ticks at the screening, of HBsAg-positive women. */
export const HBSAG_CARRIER_TICKED_SHARE = 0.3;
/** Gestational thrombocytopenia < 100 ×10⁹/L in ~1 %. */
export const PLATELETS_E9L = { mean: 225, sd: 45, min: 105, max: 420 } as const;
export const LOW_PLATELETS_SHARE = 0.01;
/** Hypertensive disorders of pregnancy ≈ 5 % (BP ≥ 140/90 from 20 weeks). */
export const GESTATIONAL_HYPERTENSION_SHARE = 0.04;

/** ORANGE/RED reports to the district: on time, late, or not yet made. */
export const REPORT_TIMELINESS: readonly (readonly [string, number])[] = [
  ['on_time', 88],
  ['late', 9],
  ['not_reported', 3],
];
/** High-risk cases with a named clinician, with a referral to a level-3 hospital. */
export const CASE_WITH_CLINICIAN_SHARE = 0.85;
export const CASE_REFERRAL_SHARE = 0.2;
export const REFERRAL_FOLLOWED_UP_SHARE = 0.85;

/** Defaulter tracing: a missed window of this many days triggers a phone call (antenatal module
 *  OVERDUE_AFTER_DAYS is 7 after the window; nurses call within a few weeks). */
export const TRACING_GAP_DAYS = 49;
export const CONTACT_OUTCOMES: readonly (readonly [string, number])[] = [
  ['will_come', 50],
  ['no_answer', 28],
  ['called', 12],
  ['moved_away', 6],
  ['refused', 4],
];

// --- HIV, syphilis, hepatitis B (PMTCT) ---------------------------------------------------------

/**
 * Confirmed-positive prevalence among pregnant women: HBsAg ≈ 6 %, syphilis ≈ 0.2 %, HIV
 * ≈ 0.02 % (Issue 7; national PMTCT programme figures, Wang AL et al., Bull WHO 2015;93:52).
 * Screening positives are more frequent: some are not confirmed.
 */
export const PMTCT = {
  hbsag: { confirmedPrevalence: 0.06, confirmShare: 0.98, method: 'chemiluminescence' },
  syphilis: { confirmedPrevalence: 0.002, confirmShare: 0.8, method: 'treponemal' },
  hiv: { confirmedPrevalence: 0.0002, confirmShare: 0.6, method: 'chemiluminescence' },
} as const;
/** Testing offered at the first examination; a few decline and are tested at admission in labour
 *  (PM-01..03 ≥ 95 %, national targets; 2025 programme reports 99 %+). */
export const PMTCT_DECLINED_ANTENATAL = 0.01;
/** HBsAg-positive mothers with a high viral load given tenofovir from 24–28 weeks (~30 %). */
export const HBV_ANTIVIRAL_SHARE = 0.3;
/** Interventions for exposed babies given within their windows (PM-07..PM-11 ≥ 95 % targets). */
export const INFANT_INTERVENTION_ON_TIME = 0.96;
/** HIV-positive mothers choosing replacement feeding. */
export const HIV_REPLACEMENT_FEEDING_SHARE = 0.8;
/** Exposed children who come to each scheduled follow-up. */
export const INFANT_FOLLOW_UP_KEPT = 0.9;

// --- delivery, feeding, postpartum ----------------------------------------------------------------

/**
 * Early skin-to-skin (≤ 5 min, ≥ 60 min) and early initiation (≤ 60 min) in baby-friendly
 * hospitals: registers with recorded times report ~60–80 % after vaginal birth and far less after a
 * caesarean (BFHI re-assessments, 爱婴医院复核 2014; Chinese BFHI studies).
 */
export const SKIN_TO_SKIN = {
  earlyStartVaginal: 0.8,
  earlyStartCaesarean: 0.45,
  atLeastHour: 0.8,
} as const;
export const FIRST_FEED_WITHIN_HOUR = { vaginal: 0.75, caesarean: 0.5 } as const;
/** Non-medical separations > 1 h and supplements during the stay, and their medical reasons. */
export const SEPARATION_SHARE = 0.07;
export const SUPPLEMENT_SHARE = 0.24;
export const SUPPLEMENT_MEDICAL_SHARE = 0.3;
/** Feeding at discharge given what happened during the stay. */
export const DISCHARGE_FEEDING_NO_SUPPLEMENT: readonly (readonly [string, number])[] = [
  ['exclusive', 90],
  ['mixed', 9],
  ['formula_only', 1],
];
export const DISCHARGE_FEEDING_AFTER_SUPPLEMENT: readonly (readonly [string, number])[] = [
  ['exclusive', 22],
  ['mixed', 70],
  ['formula_only', 8],
];

/**
 * Exclusive breastfeeding falling with age: ~70 % at the postpartum visit, ~60 % at 42 days,
 * ~40 % at 4 months and ~29 % at 6 months (《中国母乳喂养影响因素调查报告》2019, 中国发展研究
 * 基金会: exclusive breastfeeding under 6 months 29.2 %). Each baby stops exclusive feeding at an
 * age drawn from this curve (days of age → share still exclusive).
 */
export const EXCLUSIVE_BREASTFEEDING_BY_AGE_DAYS: readonly (readonly [number, number])[] = [
  [0, 0.78],
  [10, 0.7],
  [45, 0.6],
  [122, 0.4],
  [183, 0.29],
  [400, 0],
];
/** After exclusive feeding stops: water only, mixed, or no breast milk. */
export const AFTER_EXCLUSIVE: readonly (readonly [string, number])[] = [
  ['predominant', 15],
  ['mixed', 72],
  ['none', 13],
];
/**
 * Postpartum visit ≈ 93 % (产后访视率 93.8 %, 妇幼报告2019): most within 7 days of discharge. Besides
 * the visits missed here, no visit is recorded when her 产休地 is outside the city's centres or
 * the centre there never acknowledged her delivery notice (about 3.5 % of deliveries).
 */
export const POSTPARTUM_VISIT_DAYS_AFTER_DISCHARGE: readonly Band[] = [
  [1, 7, 85],
  [8, 28, 9],
];
export const POSTPARTUM_VISIT_MISSED = 0.035;
/** The 42-day check: most at 42–56 days; most close the case. */
export const DAY42_CHECK_DAYS: readonly Band[] = [
  [42, 49, 70],
  [50, 70, 20],
];
export const DAY42_CHECK_MISSED = 0.1;
export const DAY42_NOT_RECOVERED = 0.05;
export const DAY42_REFERRED = 0.03;
/** Breastfeeding follow-ups by phone at 4 and 6 months reached, of those due. */
export const PHONE_FOLLOW_UP_REACHED = 0.8;
export const BREASTFEEDING_PROBLEM_SHARE = 0.18;

// --- folic acid, classes ---------------------------------------------------------------------------

/**
 * Folic acid: uptake ≈ 88 % (FA-01 target ≥ 90 %; national project evaluations 80–90 %); of
 * takers, ~55 % start before the LMP and ~80 % of those keep ≥ 80 % of days (adherence FA-02
 * target ≥ 70 %); knowledge surveys of ≥ 10 % of mothers, ~85 % aware.
 */
export const FOLIC_ACID = {
  uptake: 0.88,
  startedBeforeLmp: 0.55,
  adherentIfStartedBefore: 0.8,
  highDoseShare: 0.05, // 0.8 mg for women with a previous NTD pregnancy or epilepsy, etc.
  tabletsPerBottle: 31,
  intakeReportShare: 0.3,
  surveyShare: 0.15,
  surveyAware: 0.85,
} as const;

/** Prenatal class attendance: ~65 % attend at least one class, ~75 % of those a breastfeeding one
 *  (孕妇学校 surveys of 50–70 %; BF-07 target ≥ 80 %). */
export const CLASS_ATTENDANCE_SHARE = 0.65;
export const CLASSES_ATTENDED: readonly (readonly [number, number])[] = [
  [1, 40],
  [2, 30],
  [3, 18],
  [4, 12],
];
export const COMPANION: readonly (readonly [string | null, number])[] = [
  [null, 50],
  ['partner', 38],
  ['family_member', 10],
  ['other', 2],
];

// --- facilities and the district (两个系统管理) --------------------------------------------------

/**
 * Levels of the cohort's hospitals (the first is level 3), and the relative size of a facility by
 * level: the pregnancies it registers, and for a hospital the births it records. Level-1
 * facilities are the community centres (社区卫生服务中心), which register and visit but deliver no one.
 */
export const HOSPITAL_LEVELS: readonly (readonly [2 | 3, number])[] = [
  [3, 30],
  [2, 55],
];
export const FACILITY_SIZE_BY_LEVEL: Readonly<Record<1 | 2 | 3, number>> = { 1: 0.4, 2: 1, 3: 2.5 };
/** 街道 each community centre serves (its 辖区), from … to. */
export const STREETS_PER_CENTRE = [2, 4] as const;

/**
 * Women registered (建册) by the community centre of their residence; the others register at a
 * hospital (Issue 15: "most" by the centre). A centre delivers no one, so every woman it registers
 * delivers at a hospital; of those a hospital registered, a few deliver at another. Together about
 * 60 % of deliveries are recorded by a hospital other than the registering facility (Issue 15).
 */
export const CENTRE_REGISTRATION_SHARE = 0.55;
export const HOSPITAL_REGISTERED_DELIVERING_ELSEWHERE = 0.1;
/** A hospital of her own district is this many times likelier to deliver her than one elsewhere. */
export const OWN_DISTRICT_HOSPITAL_WEIGHT = 3;
/** Residence codes down to the 社区 (12 digits) rather than the 街道 (9 digits). */
export const COMMUNITY_LEVEL_ADDRESS_SHARE = 0.5;

/**
 * Migrants' 户籍: in another province, else in another city of the province (Zhejiang's 流动人口
 * came mostly from other provinces, 人口普查2020). How long she has lived at her address when she
 * registers, days: most for years; a few arrive during the pregnancy (来杭待产) and, registering
 * late, have not lived there 6 months when they deliver, so a 常住 rule counts them by 户籍.
 */
export const MIGRANT_HUKOU_IN_OTHER_PROVINCE = 0.75;
export const MIGRANT_DAYS_LIVED_AT_REGISTRATION: readonly Band[] = [
  [0, 60, 12],
  [61, 365, 28],
  [366, 3650, 60],
];

/**
 * 产休地: migrants who spend the month after the birth at their 户籍 (回老家坐月子; no centre of the
 * cohort serves it, so the notice is left unrouted), and women who spend it at another address
 * of the city (her parents'), whose centre gets the notice.
 */
export const POSTPARTUM_AT_HUKOU_SHARE = 0.1;
export const POSTPARTUM_ELSEWHERE_IN_CITY_SHARE = 0.12;

/**
 * Delivery notices (分娩信息): the delivery is recorded (and the notice sent) minutes to hours
 * after the birth; the centre acknowledges most within a day (DELIVERY_NOTICE_ACK_HOURS = 24), a
 * few later, and a few never.
 */
export const DELIVERY_RECORDED_AFTER_MINUTES: readonly Band[] = [[20, 240, 1]];
export const NOTICE_ACKNOWLEDGED_AFTER_MINUTES: readonly Band[] = [
  [10, 240, 45],
  [241, 1439, 45],
  [1440, 4320, 10],
];
export const NOTICE_NEVER_ACKNOWLEDGED = 0.03;

/** Referred high-risk women received by a level-3 hospital of the cohort, the rest elsewhere. */
export const REFERRAL_IN_COHORT_SHARE = 0.7;

export const maternalAge = new Banded(MATERNAL_AGE_YEARS);
export const registrationGa = new Banded(REGISTRATION_GA_DAYS);
export const deliveryGa = new Banded(DELIVERY_GA_DAYS);
export const twinDeliveryGa = new Banded(TWIN_DELIVERY_GA_DAYS);
export const screeningDelay = new Banded(SCREENING_DELAY_DAYS);
export const stayHoursVaginal = new Banded(STAY_HOURS_VAGINAL);
export const stayHoursCaesarean = new Banded(STAY_HOURS_CAESAREAN);
export const postpartumVisitDelay = new Banded(POSTPARTUM_VISIT_DAYS_AFTER_DISCHARGE);
export const day42CheckDelay = new Banded(DAY42_CHECK_DAYS);
export const parity = new Weighted(PARITY);
export const earlierLosses = new Weighted(EARLIER_LOSSES);
export const outcome = new Weighted(OUTCOME);
export const datingMethod = new Weighted(DATING_METHOD);
export const visitAttendance = new Weighted(VISIT_ATTENDANCE);
export const education = new Weighted(EDUCATION);
export const documentType = new Weighted(NON_RESIDENT_DOCUMENTS);
export const deliveryPlace = new Weighted(DELIVERY_PLACE);
export const reportTimeliness = new Weighted(REPORT_TIMELINESS);
export const contactOutcome = new Weighted(CONTACT_OUTCOMES);
export const dischargeFeedingNoSupplement = new Weighted(DISCHARGE_FEEDING_NO_SUPPLEMENT);
export const dischargeFeedingAfterSupplement = new Weighted(DISCHARGE_FEEDING_AFTER_SUPPLEMENT);
export const afterExclusive = new Weighted(AFTER_EXCLUSIVE);
export const classesAttended = new Weighted(CLASSES_ATTENDED);
export const companion = new Weighted(COMPANION);
export const hospitalLevel = new Weighted(HOSPITAL_LEVELS);
export const migrantDaysLived = new Banded(MIGRANT_DAYS_LIVED_AT_REGISTRATION);
export const deliveryRecordedAfter = new Banded(DELIVERY_RECORDED_AFTER_MINUTES);
export const noticeAcknowledgedAfter = new Banded(NOTICE_ACKNOWLEDGED_AFTER_MINUTES);

/** Age in days at which a baby stops exclusive breastfeeding, by inverting the curve above. */
export function exclusiveUntilAgeDays(roll: number): number {
  const curve = EXCLUSIVE_BREASTFEEDING_BY_AGE_DAYS;
  // share(age) falls from curve[0]; a roll above the first share never started exclusive feeding.
  if (roll >= curve[0][1]) return -1;
  for (let i = 1; i < curve.length; i++) {
    const [age0, share0] = curve[i - 1];
    const [age1, share1] = curve[i];
    if (roll >= share1) return age0 + ((share0 - roll) / (share0 - share1)) * (age1 - age0);
  }
  return curve[curve.length - 1][0];
}
