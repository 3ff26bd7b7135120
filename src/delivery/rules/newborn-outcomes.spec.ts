import {
  completedDaysOfAge,
  EARLY_NEONATAL_DEATH_MAX_DAYS,
  isLiveBirthByDefinition,
  isPregnancyLoss,
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
  it('are 2500 g, 4000 g, 37+0, 42+0, and 6 and 27 completed days', () => {
    expect(LOW_BIRTH_WEIGHT_BELOW_G).toBe(2500);
    expect(MACROSOMIA_FROM_G).toBe(4000);
    expect(PRETERM_BELOW_GA_DAYS).toBe(37 * 7);
    expect(POST_TERM_FROM_GA_DAYS).toBe(42 * 7);
    expect(EARLY_NEONATAL_DEATH_MAX_DAYS).toBe(6);
    expect(NEONATAL_DEATH_MAX_DAYS).toBe(27);
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

describe('isPregnancyLoss', () => {
  it.each([
    [195, true, '27+6: a pregnancy loss'],
    [196, false, '28+0: a delivery'],
  ])('GA %d days → %s (%s)', (gaDays, loss) => {
    expect(isPregnancyLoss(gaDays)).toBe(loss);
  });

  it('rejects a GA that is not a whole number of days', () => {
    expect(() => isPregnancyLoss(-1)).toThrow(RangeError);
  });
});

describe('neonatalDeath', () => {
  // Age = completed days: whole 24-hour periods from the birth (10:00 on 15 March, UTC here).
  const bornAt = new Date('2026-03-15T10:00:00.000Z');
  const at = (days: number, minutes = 0) =>
    new Date(bornAt.getTime() + (days * 24 * 60 + minutes) * 60_000);

  it.each([
    [0, 0, 0, true, true, 'at birth'],
    [0, 23 * 60 + 59, 0, true, true, '23 h 59 min: still day 0'],
    [1, 0, 1, true, true, '24 h: day 1'],
    [6, 23 * 60 + 59, 6, true, true, '6 d 23 h 59 min: day 6, early neonatal'],
    [7, 0, 7, false, true, '7 d 00 min: day 7, no longer early neonatal'],
    [27, 23 * 60 + 59, 27, false, true, '27 d 23 h 59 min: day 27, neonatal'],
    [28, 0, 28, false, false, '28 d: day 28, no longer neonatal'],
  ])(
    'died %d days %d min after birth → age %d, early %s, neonatal %s (%s)',
    (days, minutes, age, early, neo) => {
      expect(neonatalDeath(bornAt, at(days, minutes))).toEqual({
        earlyNeonatal: early,
        neonatal: neo,
        ageDays: age,
      });
    },
  );

  it('counts 24-hour periods, not calendar days: born 23:00, died 01:00 the next day is day 0', () => {
    expect(
      completedDaysOfAge(new Date('2026-03-15T15:00:00Z'), new Date('2026-03-15T17:00:00Z')),
    ).toBe(0);
  });

  it('is neither when the baby is alive', () => {
    expect(neonatalDeath(bornAt, null)).toEqual({
      earlyNeonatal: false,
      neonatal: false,
      ageDays: null,
    });
  });

  it('rejects a death before birth', () => {
    expect(() => neonatalDeath(bornAt, at(0, -1))).toThrow(RangeError);
  });
});
