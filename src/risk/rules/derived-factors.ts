/**
 * Risk factors computed from recorded data at every assessment (DOMAIN.md §4); the clinician
 * ticks the rest. Colours live in the catalogue, not here: this module only says which apply.
 */
export const DERIVED_FACTOR_CODES = [
  'AGE_35_PLUS',
  'AGE_40_PLUS',
  'AGE_18_OR_UNDER',
  'BMI_OVER_25',
  'BMI_UNDER_18_5',
  'BMI_28_PLUS',
  'HEIGHT_145_OR_UNDER',
  'ANAEMIA_HB_60_110',
  'SEVERE_ANAEMIA_HB_40_60',
  'HB_UNDER_40',
  'PLATELETS_50_100',
  'PLATELETS_30_50',
  'PLATELETS_UNDER_30',
  'BP_140_90',
  'ONE_PREVIOUS_CAESAREAN',
  'TWO_PLUS_UTERINE_OPERATIONS',
  'MULTIPLE_PREGNANCY',
  'TRIPLETS_OR_MORE',
  'IVF_PREGNANCY',
  'HIV_POSITIVE',
  'SYPHILIS_POSITIVE',
  'HBSAG_POSITIVE',
] as const;
export type DerivedFactorCode = (typeof DERIVED_FACTOR_CODES)[number];

/** The factors that state an HIV, syphilis or HBsAg result: as sensitive as the result itself. */
export const RESULT_FACTOR_CODES: readonly DerivedFactorCode[] = [
  'HIV_POSITIVE',
  'SYPHILIS_POSITIVE',
  'HBSAG_POSITIVE',
];

export interface DerivedFactorInput {
  ageAtRegistration: number; // whole years
  heightCm: number | null;
  weightKg: number | null; // the weight used for BMI: see bmiWeight()
  haemoglobinGL: number | null; // latest Hb, g/L
  plateletsE9L: number | null; // latest platelets, ×10⁹/L
  systolicMmHg: number | null; // latest blood pressure
  diastolicMmHg: number | null;
  previousCaesareans: number;
  fetusCount: number;
  ivf: boolean;
  confirmedPositive: { hiv: boolean; syphilis: boolean; hbsag: boolean };
}

export interface DerivedFactor {
  code: string;
  evidence: string; // e.g. "age 36 at registration", "Hb 95 g/L", "BMI 26.3"
}

const AGE_ADVANCED_FROM = 35;
const AGE_VERY_ADVANCED_FROM = 40;
const AGE_YOUNG_UP_TO = 18;
const BMI_UNDERWEIGHT_BELOW = 18.5;
const BMI_OVERWEIGHT_ABOVE = 25;
const BMI_OBESE_FROM = 28;
const SHORT_STATURE_UP_TO_CM = 145;
const HB_ANAEMIA_BELOW = 110;
const HB_SEVERE_ANAEMIA_BELOW = 60;
const HB_CRITICAL_BELOW = 40;
const PLATELETS_LOW_BELOW = 100;
const PLATELETS_VERY_LOW_BELOW = 50;
const PLATELETS_CRITICAL_BELOW = 30;
const SYSTOLIC_HYPERTENSIVE_FROM = 140;
const DIASTOLIC_HYPERTENSIVE_FROM = 90;
const MULTIPLE_PREGNANCY_FROM_FETUSES = 2;
const TRIPLETS_FROM_FETUSES = 3;
/** 13+6: the last day of the first trimester (孕早期 < 14+0 for this purpose, as the form's BMI). */
export const BMI_WEIGHT_LAST_GA_DAY = 13 * 7 + 6;

interface Rung {
  code: DerivedFactorCode;
  applies: (value: number) => boolean;
}

// Each ladder lists its rungs from the most severe down, so one measurement yields one factor:
// a 41-year-old is AGE_40_PLUS, not also AGE_35_PLUS.
const AGE_LADDER: readonly Rung[] = [
  { code: 'AGE_40_PLUS', applies: (age) => age >= AGE_VERY_ADVANCED_FROM },
  { code: 'AGE_35_PLUS', applies: (age) => age >= AGE_ADVANCED_FROM },
  { code: 'AGE_18_OR_UNDER', applies: (age) => age <= AGE_YOUNG_UP_TO },
];
const BMI_LADDER: readonly Rung[] = [
  { code: 'BMI_28_PLUS', applies: (bmi) => bmi >= BMI_OBESE_FROM },
  { code: 'BMI_OVER_25', applies: (bmi) => bmi > BMI_OVERWEIGHT_ABOVE },
  { code: 'BMI_UNDER_18_5', applies: (bmi) => bmi < BMI_UNDERWEIGHT_BELOW },
];
const HEIGHT_LADDER: readonly Rung[] = [
  { code: 'HEIGHT_145_OR_UNDER', applies: (cm) => cm <= SHORT_STATURE_UP_TO_CM },
];
const HAEMOGLOBIN_LADDER: readonly Rung[] = [
  { code: 'HB_UNDER_40', applies: (hb) => hb < HB_CRITICAL_BELOW },
  { code: 'SEVERE_ANAEMIA_HB_40_60', applies: (hb) => hb < HB_SEVERE_ANAEMIA_BELOW },
  { code: 'ANAEMIA_HB_60_110', applies: (hb) => hb < HB_ANAEMIA_BELOW },
];
const PLATELET_LADDER: readonly Rung[] = [
  { code: 'PLATELETS_UNDER_30', applies: (plt) => plt < PLATELETS_CRITICAL_BELOW },
  { code: 'PLATELETS_30_50', applies: (plt) => plt < PLATELETS_VERY_LOW_BELOW },
  { code: 'PLATELETS_50_100', applies: (plt) => plt < PLATELETS_LOW_BELOW },
];
const CAESAREAN_LADDER: readonly Rung[] = [
  { code: 'TWO_PLUS_UTERINE_OPERATIONS', applies: (n) => n >= 2 },
  { code: 'ONE_PREVIOUS_CAESAREAN', applies: (n) => n === 1 },
];
// Twins are YELLOW (双胎妊娠), triplets or more ORANGE (三胎及以上妊娠).
const FETUS_LADDER: readonly Rung[] = [
  { code: 'TRIPLETS_OR_MORE', applies: (n) => n >= TRIPLETS_FROM_FETUSES },
  { code: 'MULTIPLE_PREGNANCY', applies: (n) => n >= MULTIPLE_PREGNANCY_FROM_FETUSES },
];

export interface WeighedVisit {
  id: number;
  weightKg: number | null;
  /** Gestational age on the visit day. */
  gaDays: number;
}

export interface BmiWeight {
  weightKg: number;
  /** The visit it was measured at; null for the pre-pregnancy weight given at registration. */
  visitId: number | null;
  gaDays: number | null;
}

/**
 * The weight a BMI factor is computed from: the pre-pregnancy weight when she gave one, else the
 * first weight measured up to 13+6. A later weight reflects the pregnancy, not her build, and
 * never yields a BMI factor. Visits in record order.
 */
export function bmiWeight(
  prePregnancyWeightKg: number | null,
  visits: readonly WeighedVisit[],
): BmiWeight | null {
  if (prePregnancyWeightKg !== null) {
    return { weightKg: prePregnancyWeightKg, visitId: null, gaDays: null };
  }
  const early = visits.find((v) => v.weightKg !== null && v.gaDays <= BMI_WEIGHT_LAST_GA_DAY);
  return early ? { weightKg: early.weightKg!, visitId: early.id, gaDays: early.gaDays } : null;
}

/** kg/m², rounded to 1 decimal: the thresholds are compared with the rounded value. */
export function bodyMassIndex(heightCm: number, weightKg: number): number {
  if (!(heightCm > 0) || !(weightKg > 0) || !Number.isFinite(heightCm + weightKg)) {
    throw new RangeError(`Height and weight must be positive: ${heightCm} cm, ${weightKg} kg`);
  }
  const heightM = heightCm / 100;
  return Math.round((weightKg / (heightM * heightM)) * 10) / 10;
}

export function deriveFactors(input: DerivedFactorInput): DerivedFactor[] {
  const { heightCm, weightKg, confirmedPositive } = input;
  const bmi = heightCm !== null && weightKg !== null ? bodyMassIndex(heightCm, weightKg) : null;
  return [
    ...fromLadder(AGE_LADDER, input.ageAtRegistration, (age) => `age ${age} at registration`),
    ...fromLadder(BMI_LADDER, bmi, (value) => `BMI ${value.toFixed(1)}`),
    ...fromLadder(HEIGHT_LADDER, heightCm, (cm) => `height ${cm} cm`),
    ...fromLadder(HAEMOGLOBIN_LADDER, input.haemoglobinGL, (hb) => `Hb ${hb} g/L`),
    ...fromLadder(PLATELET_LADDER, input.plateletsE9L, (plt) => `platelets ${plt} ×10⁹/L`),
    ...bloodPressure(input.systolicMmHg, input.diastolicMmHg),
    ...fromLadder(CAESAREAN_LADDER, input.previousCaesareans, (n) =>
      n === 1 ? '1 previous caesarean' : `${n} previous caesareans`,
    ),
    ...fromLadder(FETUS_LADDER, input.fetusCount, (n) => `${n} fetuses`),
    ...when(input.ivf, 'IVF_PREGNANCY', 'IVF pregnancy'),
    ...when(confirmedPositive.hiv, 'HIV_POSITIVE', 'HIV confirmed positive'),
    ...when(confirmedPositive.syphilis, 'SYPHILIS_POSITIVE', 'syphilis confirmed positive'),
    ...when(confirmedPositive.hbsag, 'HBSAG_POSITIVE', 'HBsAg confirmed positive'),
  ];
}

function fromLadder(
  ladder: readonly Rung[],
  value: number | null,
  evidence: (value: number) => string,
): DerivedFactor[] {
  if (value === null) return [];
  const rung = ladder.find((r) => r.applies(value));
  return rung ? [{ code: rung.code, evidence: evidence(value) }] : [];
}

// Either side alone is enough, so a reading with one side missing can still qualify.
function bloodPressure(systolic: number | null, diastolic: number | null): DerivedFactor[] {
  const raised =
    (systolic !== null && systolic >= SYSTOLIC_HYPERTENSIVE_FROM) ||
    (diastolic !== null && diastolic >= DIASTOLIC_HYPERTENSIVE_FROM);
  return when(raised, 'BP_140_90', `BP ${systolic ?? '?'}/${diastolic ?? '?'} mmHg`);
}

function when(applies: boolean, code: DerivedFactorCode, evidence: string): DerivedFactor[] {
  return applies ? [{ code, evidence }] : [];
}
