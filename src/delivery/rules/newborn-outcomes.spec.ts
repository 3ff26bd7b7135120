import {
  EARLY_NEONATAL_DEATH_MAX_DAYS,
  isLiveBirthByDefinition,
  isLowBirthWeight,
  isMacrosomia,
  isPerinatal,
  isPostTerm,
  isPreterm,
  LOW_BIRTH_WEIGHT_BELOW_G,
  MACROSOMIA_FROM_G,
  NEONATAL_DEATH_MAX_DAYS,
  neonatalDeath,
  POST_TERM_FROM_GA_DAYS,
  PRETERM_BELOW_GA_DAYS,
} from './newborn-outcomes';

describe('constants', () => {
  it('are 2500 g, 4000 g, 37+0, 42+0, 7 and 28 days', () => {
    expect(LOW_BIRTH_WEIGHT_BELOW_G).toBe(2500);
    expect(MACROSOMIA_FROM_G).toBe(4000);
    expect(PRETERM_BELOW_GA_DAYS).toBe(37 * 7);
    expect(POST_TERM_FROM_GA_DAYS).toBe(42 * 7);
    expect(EARLY_NEONATAL_DEATH_MAX_DAYS).toBe(7);
    expect(NEONATAL_DEATH_MAX_DAYS).toBe(28);
  });
});

describe('birth weight', () => {
  it.each([
    [2499, true, false],
    [2500, false, false],
    [3999, false, false],
    [4000, false, true],
  ])('%d g → low %s, macrosomia %s', (grams, low, macrosomia) => {
    expect(isLowBirthWeight(grams)).toBe(low);
    expect(isMacrosomia(grams)).toBe(macrosomia);
  });

  it.each([0, -1, Number.NaN])('rejects %d g', (grams) => {
    expect(() => isLowBirthWeight(grams)).toThrow(RangeError);
    expect(() => isMacrosomia(grams)).toThrow(RangeError);
  });
});

describe('gestational age at birth', () => {
  it.each([
    [258, true, false, '36+6'],
    [259, false, false, '37+0'],
    [293, false, false, '41+6'],
    [294, false, true, '42+0'],
  ])('%d days → preterm %s, post-term %s (%s)', (gaDays, preterm, postTerm) => {
    expect(isPreterm(gaDays)).toBe(preterm);
    expect(isPostTerm(gaDays)).toBe(postTerm);
  });

  it.each([-1, 258.5])('rejects %d days', (gaDays) => {
    expect(() => isPreterm(gaDays)).toThrow(RangeError);
    expect(() => isPostTerm(gaDays)).toThrow(RangeError);
  });
});

describe('isPerinatal and isLiveBirthByDefinition', () => {
  it.each<[number | null, number, boolean, string]>([
    [195, 3000, false, '27+6, weight ignored when GA is known'],
    [196, 800, true, '28+0, weight ignored when GA is known'],
    [null, 999, false, 'GA unknown, 999 g'],
    [null, 1000, true, 'GA unknown, 1000 g'],
  ])('GA %s days, %d g → %s (%s)', (gaDays, grams, expected) => {
    expect(isPerinatal(gaDays, grams)).toBe(expected);
    expect(isLiveBirthByDefinition(gaDays, grams, true)).toBe(expected);
  });

  it('needs a sign of life for a live birth', () => {
    expect(isLiveBirthByDefinition(280, 3300, false)).toBe(false);
    expect(isPerinatal(280, 3300)).toBe(true); // a stillbirth at term still counts in SM-11
  });
});

describe('neonatalDeath', () => {
  // Age = calendar days from the birth date to the death date.
  it.each([
    ['2026-03-15', 0, true, true, 'the day of birth'],
    ['2026-03-22', 7, true, true, 'day 7'],
    ['2026-03-23', 8, false, true, 'day 8'],
    ['2026-04-12', 28, false, true, 'day 28'],
    ['2026-04-13', 29, false, false, 'day 29'],
  ])('born 2026-03-15, died %s → age %d, early %s, neonatal %s (%s)', (death, age, early, neo) => {
    expect(neonatalDeath('2026-03-15', death)).toEqual({
      earlyNeonatal: early,
      neonatal: neo,
      ageDays: age,
    });
  });

  it('counts over a leap day', () => {
    expect(neonatalDeath('2024-02-25', '2024-03-03').ageDays).toBe(7);
  });

  it('is neither when the baby is alive', () => {
    expect(neonatalDeath('2026-03-15', null)).toEqual({
      earlyNeonatal: false,
      neonatal: false,
      ageDays: null,
    });
  });

  it('rejects a death before birth', () => {
    expect(() => neonatalDeath('2026-03-15', '2026-03-14')).toThrow(RangeError);
  });
});
