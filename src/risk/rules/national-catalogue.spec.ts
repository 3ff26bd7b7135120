import { DERIVED_FACTOR_CODES } from './derived-factors';
import { NATIONAL_CATALOGUE_VERSION, NATIONAL_FACTORS } from './national-catalogue';
import type { RiskColour } from './risk-colour';

const byCode = new Map(NATIONAL_FACTORS.map((f) => [f.code, f]));

describe('NATIONAL_FACTORS', () => {
  it('is the 2017 national catalogue', () => {
    expect(NATIONAL_CATALOGUE_VERSION).toBe('CN-2017');
  });

  it('has unique codes', () => {
    expect(byCode.size).toBe(NATIONAL_FACTORS.length);
  });

  it.each(NATIONAL_FACTORS.map((f) => f.code))('%s is a stable UPPER_SNAKE code', (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it.each(DERIVED_FACTOR_CODES)(
    '%s, derived by derived-factors.ts, is in it as derived',
    (code) => {
      expect(byCode.get(code)?.origin).toBe('derived');
    },
  );

  it('has no derived factor that derived-factors.ts cannot produce', () => {
    const derived = NATIONAL_FACTORS.filter((f) => f.origin === 'derived').map((f) => f.code);
    expect([...derived].sort()).toEqual([...DERIVED_FACTOR_CODES].sort());
  });

  it.each(NATIONAL_FACTORS.filter((f) => f.purple).map((f) => f.code))(
    'purple %s has no colour',
    (code) => {
      expect(byCode.get(code)?.colour).toBeNull();
    },
  );

  it.each(NATIONAL_FACTORS.filter((f) => !f.purple).map((f) => f.code))(
    '%s, not purple, has a colour above green',
    (code) => {
      expect(['yellow', 'orange', 'red']).toContain(byCode.get(code)?.colour);
    },
  );

  it.each(NATIONAL_FACTORS.map((f) => f.code))('%s has both descriptions', (code) => {
    expect(byCode.get(code)?.descriptionZh).not.toBe('');
    expect(byCode.get(code)?.descriptionEn).not.toBe('');
  });

  // The colours the brief and DOMAIN.md §4 name, so a slip in the data cannot regrade women.
  it.each<[string, RiskColour | null, boolean]>([
    ['AGE_35_PLUS', 'yellow', false],
    ['AGE_40_PLUS', 'orange', false],
    ['AGE_18_OR_UNDER', 'yellow', false],
    ['BMI_OVER_25', 'yellow', false],
    ['BMI_UNDER_18_5', 'yellow', false],
    ['BMI_28_PLUS', 'orange', false],
    ['HEIGHT_145_OR_UNDER', 'yellow', false],
    ['ANAEMIA_HB_60_110', 'yellow', false],
    ['SEVERE_ANAEMIA_HB_40_60', 'orange', false],
    ['HB_UNDER_40', 'red', false],
    ['PLATELETS_50_100', 'yellow', false],
    ['PLATELETS_30_50', 'orange', false],
    ['PLATELETS_UNDER_30', 'red', false],
    ['BP_140_90', 'yellow', false],
    ['ONE_PREVIOUS_CAESAREAN', 'yellow', false],
    ['TWO_PLUS_UTERINE_OPERATIONS', 'orange', false],
    ['MULTIPLE_PREGNANCY', 'yellow', false],
    ['IVF_PREGNANCY', 'yellow', false],
    ['HIV_POSITIVE', null, true],
    ['SYPHILIS_POSITIVE', null, true],
    ['HBSAG_POSITIVE', null, true],
    ['HBSAG_CARRIER_NORMAL_LIVER', 'yellow', false],
    ['TWINS_WITH_POLYHYDRAMNIOS', 'orange', false],
    ['PERNICIOUS_PLACENTA_PRAEVIA', 'red', false],
    ['SPECIAL_VIRAL_INFECTION', null, true],
  ])('%s is %s, purple %s', (code, colour, purple) => {
    expect(byCode.get(code)).toMatchObject({ colour, purple });
  });
});
