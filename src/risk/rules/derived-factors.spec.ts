import {
  BMI_WEIGHT_LAST_GA_DAY,
  bmiWeight,
  bodyMassIndex,
  deriveFactors,
  type DerivedFactor,
  type DerivedFactorInput,
} from './derived-factors';
import { NATIONAL_FACTORS } from './national-catalogue';
import { grade, type GradedFactor, type Grading } from './risk-colour';

// A woman with nothing to derive; each row changes one measurement.
const baseline: DerivedFactorInput = {
  ageAtRegistration: 28,
  heightCm: null,
  weightKg: null,
  haemoglobinGL: null,
  plateletsE9L: null,
  systolicMmHg: null,
  diastolicMmHg: null,
  previousCaesareans: 0,
  fetusCount: 1,
  ivf: false,
  confirmedPositive: { hiv: false, syphilis: false, hbsag: false },
};

const codesFor = (changes: Partial<DerivedFactorInput>): string[] =>
  deriveFactors({ ...baseline, ...changes }).map((f) => f.code);

describe('bodyMassIndex', () => {
  // 160 cm → 2.56 m²; the raw values are shown so the rounding is visible.
  it.each([
    [160, 47.1, 18.4], // 18.398
    [160, 47.4, 18.5], // 18.516
    [160, 64.0, 25.0],
    [160, 64.1, 25.0], // 25.039
    [160, 64.3, 25.1], // 25.117
    [160, 71.4, 27.9], // 27.891
    [160, 71.7, 28.0], // 28.008
    [172, 77.8, 26.3], // 26.298
  ])('%d cm, %d kg → %d', (heightCm, weightKg, bmi) => {
    expect(bodyMassIndex(heightCm, weightKg)).toBe(bmi);
  });

  it.each([
    [0, 60],
    [160, 0],
    [-160, 60],
    [Number.NaN, 60],
    [160, Number.POSITIVE_INFINITY],
  ])('rejects %d cm, %d kg', (heightCm, weightKg) => {
    expect(() => bodyMassIndex(heightCm, weightKg)).toThrow(RangeError);
  });
});

describe('deriveFactors, one measurement at a time', () => {
  const height160 = (weightKg: number): Partial<DerivedFactorInput> => ({
    heightCm: 160,
    weightKg,
  });

  it.each<[string, Partial<DerivedFactorInput>, string[]]>([
    ['nothing to derive', {}, []],

    ['age 34', { ageAtRegistration: 34 }, []],
    ['age 35', { ageAtRegistration: 35 }, ['AGE_35_PLUS']],
    ['age 39', { ageAtRegistration: 39 }, ['AGE_35_PLUS']],
    ['age 40: only the orange rung', { ageAtRegistration: 40 }, ['AGE_40_PLUS']],
    ['age 18', { ageAtRegistration: 18 }, ['AGE_18_OR_UNDER']],
    ['age 19', { ageAtRegistration: 19 }, []],

    ['BMI 18.4', height160(47.1), ['BMI_UNDER_18_5']],
    ['BMI 18.5', height160(47.4), []],
    ['BMI 25.0', height160(64.0), []],
    ['BMI 25.039 rounds to 25.0', height160(64.1), []],
    ['BMI 25.1', height160(64.3), ['BMI_OVER_25']],
    ['BMI 27.9', height160(71.4), ['BMI_OVER_25']],
    ['BMI 28.0: only the orange rung', height160(71.7), ['BMI_28_PLUS']],
    ['weight without height', { weightKg: 90 }, []],

    ['height 145', { heightCm: 145 }, ['HEIGHT_145_OR_UNDER']],
    ['height 146', { heightCm: 146 }, []],

    ['Hb 110', { haemoglobinGL: 110 }, []],
    ['Hb 109', { haemoglobinGL: 109 }, ['ANAEMIA_HB_60_110']],
    ['Hb 60', { haemoglobinGL: 60 }, ['ANAEMIA_HB_60_110']],
    ['Hb 59', { haemoglobinGL: 59 }, ['SEVERE_ANAEMIA_HB_40_60']],
    ['Hb 40', { haemoglobinGL: 40 }, ['SEVERE_ANAEMIA_HB_40_60']],
    ['Hb 39', { haemoglobinGL: 39 }, ['HB_UNDER_40']],

    ['platelets 100', { plateletsE9L: 100 }, []],
    ['platelets 99', { plateletsE9L: 99 }, ['PLATELETS_50_100']],
    ['platelets 50', { plateletsE9L: 50 }, ['PLATELETS_50_100']],
    ['platelets 49', { plateletsE9L: 49 }, ['PLATELETS_30_50']],
    ['platelets 30', { plateletsE9L: 30 }, ['PLATELETS_30_50']],
    ['platelets 29', { plateletsE9L: 29 }, ['PLATELETS_UNDER_30']],

    ['BP 139/89', { systolicMmHg: 139, diastolicMmHg: 89 }, []],
    ['BP 140/80', { systolicMmHg: 140, diastolicMmHg: 80 }, ['BP_140_90']],
    ['BP 120/90', { systolicMmHg: 120, diastolicMmHg: 90 }, ['BP_140_90']],
    ['BP systolic 150 only', { systolicMmHg: 150 }, ['BP_140_90']],
    ['BP diastolic 95 only', { diastolicMmHg: 95 }, ['BP_140_90']],
    ['BP diastolic 89 only', { diastolicMmHg: 89 }, []],

    ['no previous caesarean', { previousCaesareans: 0 }, []],
    ['one previous caesarean', { previousCaesareans: 1 }, ['ONE_PREVIOUS_CAESAREAN']],
    ['two previous caesareans', { previousCaesareans: 2 }, ['TWO_PLUS_UTERINE_OPERATIONS']],
    ['three previous caesareans', { previousCaesareans: 3 }, ['TWO_PLUS_UTERINE_OPERATIONS']],

    ['one fetus', { fetusCount: 1 }, []],
    ['twins', { fetusCount: 2 }, ['MULTIPLE_PREGNANCY']],
    ['triplets', { fetusCount: 3 }, ['TRIPLETS_OR_MORE']],
    ['quadruplets', { fetusCount: 4 }, ['TRIPLETS_OR_MORE']],

    ['IVF', { ivf: true }, ['IVF_PREGNANCY']],
    ['HIV', { confirmedPositive: { hiv: true, syphilis: false, hbsag: false } }, ['HIV_POSITIVE']],
    [
      'syphilis',
      { confirmedPositive: { hiv: false, syphilis: true, hbsag: false } },
      ['SYPHILIS_POSITIVE'],
    ],
    [
      'HBsAg',
      { confirmedPositive: { hiv: false, syphilis: false, hbsag: true } },
      ['HBSAG_POSITIVE'],
    ],
  ])('%s', (_label, changes, codes) => {
    expect(codesFor(changes)).toEqual(codes);
  });
});

describe('deriveFactors evidence', () => {
  it.each<[Partial<DerivedFactorInput>, DerivedFactor]>([
    [{ ageAtRegistration: 36 }, { code: 'AGE_35_PLUS', evidence: 'age 36 at registration' }],
    [
      { heightCm: 172, weightKg: 77.8 },
      { code: 'BMI_OVER_25', evidence: 'BMI 26.3' },
    ],
    [
      { heightCm: 160, weightKg: 71.7 },
      { code: 'BMI_28_PLUS', evidence: 'BMI 28.0' },
    ],
    [{ heightCm: 145 }, { code: 'HEIGHT_145_OR_UNDER', evidence: 'height 145 cm' }],
    [{ haemoglobinGL: 95 }, { code: 'ANAEMIA_HB_60_110', evidence: 'Hb 95 g/L' }],
    [{ plateletsE9L: 45 }, { code: 'PLATELETS_30_50', evidence: 'platelets 45 ×10⁹/L' }],
    [
      { systolicMmHg: 142, diastolicMmHg: 88 },
      { code: 'BP_140_90', evidence: 'BP 142/88 mmHg' },
    ],
    [{ diastolicMmHg: 95 }, { code: 'BP_140_90', evidence: 'BP ?/95 mmHg' }],
    [
      { previousCaesareans: 1 },
      { code: 'ONE_PREVIOUS_CAESAREAN', evidence: '1 previous caesarean' },
    ],
    [
      { previousCaesareans: 2 },
      { code: 'TWO_PLUS_UTERINE_OPERATIONS', evidence: '2 previous caesareans' },
    ],
    [{ fetusCount: 2 }, { code: 'MULTIPLE_PREGNANCY', evidence: '2 fetuses' }],
    [{ fetusCount: 3 }, { code: 'TRIPLETS_OR_MORE', evidence: '3 fetuses' }],
    [{ ivf: true }, { code: 'IVF_PREGNANCY', evidence: 'IVF pregnancy' }],
  ])('%j → %j', (changes, factor) => {
    expect(deriveFactors({ ...baseline, ...changes })).toEqual([factor]);
  });
});

describe('deriveFactors graded with the national catalogue', () => {
  const catalogue = new Map(NATIONAL_FACTORS.map((f) => [f.code, f]));
  const gradeDerived = (changes: Partial<DerivedFactorInput>): Grading =>
    grade(
      deriveFactors({ ...baseline, ...changes }).map((f): GradedFactor => {
        const entry = catalogue.get(f.code);
        if (!entry) throw new Error(`${f.code} is not in the catalogue`);
        return entry;
      }),
    );

  it.each<[string, Partial<DerivedFactorInput>, Grading]>([
    ['nothing derived', {}, { colour: 'green', purple: false }],
    [
      'Hb 95 + HBsAg positive: purple beside yellow',
      { haemoglobinGL: 95, confirmedPositive: { hiv: false, syphilis: false, hbsag: true } },
      { colour: 'yellow', purple: true },
    ],
    [
      'HBsAg positive alone: a carrier is yellow as well as purple',
      { confirmedPositive: { hiv: false, syphilis: false, hbsag: true } },
      { colour: 'yellow', purple: true },
    ],
    ['twins: yellow', { fetusCount: 2 }, { colour: 'yellow', purple: false }],
    ['triplets: orange', { fetusCount: 3 }, { colour: 'orange', purple: false }],
    [
      'age 41 + platelets 25: red wins over orange',
      { ageAtRegistration: 41, plateletsE9L: 25 },
      { colour: 'red', purple: false },
    ],
    [
      'age 36 + BMI 28.0 + IVF: orange wins over yellow',
      { ageAtRegistration: 36, heightCm: 160, weightKg: 71.7, ivf: true },
      { colour: 'orange', purple: false },
    ],
    [
      'HIV alone: purple on green',
      { confirmedPositive: { hiv: true, syphilis: false, hbsag: false } },
      { colour: 'green', purple: true },
    ],
  ])('%s', (_label, changes, grading) => {
    expect(gradeDerived(changes)).toEqual(grading);
  });

  it('lists every applicable factor, in a stable order', () => {
    const codes = codesFor({
      ageAtRegistration: 41,
      heightCm: 145,
      weightKg: 60,
      haemoglobinGL: 95,
      plateletsE9L: 25,
      systolicMmHg: 150,
      diastolicMmHg: 95,
      previousCaesareans: 1,
      fetusCount: 2,
      ivf: true,
      confirmedPositive: { hiv: true, syphilis: true, hbsag: true },
    });
    expect(codes).toEqual([
      'AGE_40_PLUS',
      'BMI_28_PLUS', // 60 kg at 145 cm = 28.5
      'HEIGHT_145_OR_UNDER',
      'ANAEMIA_HB_60_110',
      'PLATELETS_UNDER_30',
      'BP_140_90',
      'ONE_PREVIOUS_CAESAREAN',
      'MULTIPLE_PREGNANCY',
      'IVF_PREGNANCY',
      'HIV_POSITIVE',
      'SYPHILIS_POSITIVE',
      'HBSAG_POSITIVE',
    ]);
  });
});

describe('bmiWeight', () => {
  const visit = (id: number, gaDays: number, weightKg: number | null = 60) => ({
    id,
    gaDays,
    weightKg,
  });

  it('the first trimester ends at 13+6', () => {
    expect(BMI_WEIGHT_LAST_GA_DAY).toBe(13 * 7 + 6);
  });

  it.each<[string, number | null, ReturnType<typeof visit>[], ReturnType<typeof bmiWeight>]>([
    ['nothing weighed', null, [], null],
    [
      'pre-pregnancy weight wins over any visit',
      52,
      [visit(1, 70, 58)],
      { weightKg: 52, visitId: null, gaDays: null },
    ],
    ['pre-pregnancy weight alone', 52, [], { weightKg: 52, visitId: null, gaDays: null }],
    ['weighed at 13+6', null, [visit(1, 97, 61)], { weightKg: 61, visitId: 1, gaDays: 97 }],
    ['weighed at 14+0 only: no BMI weight', null, [visit(1, 98, 61)], null],
    [
      'first early weight, not the later ones',
      null,
      [visit(1, 60, null), visit(2, 80, 55), visit(3, 95, 57), visit(4, 120, 70)],
      { weightKg: 55, visitId: 2, gaDays: 80 },
    ],
  ])('%s', (_label, prePregnancy, visits, expected) => {
    expect(bmiWeight(prePregnancy, visits)).toEqual(expected);
  });
});
