import { BASIC_SCHEDULE } from '../../antenatal/rules/visit-schedule';
import { isPerinatal } from '../../delivery/rules/newborn-outcomes';
import {
  coloursFrom,
  EARLY_REGISTRATION_MAX_GA_DAYS,
  firstWhere,
  MIN_ANTENATAL_EXAMINATIONS,
  PERINATAL_FROM_GA_DAYS,
  PERINATAL_FROM_WEIGHT_G,
  SYSTEM_MANAGEMENT_INDICATORS,
} from './system-management.indicators';

const byCode = (code: string) => SYSTEM_MANAGEMENT_INDICATORS.find((i) => i.code === code)!;

describe('system management indicators', () => {
  it('are SM-01..SM-12 of DOMAIN.md §9, SM-08 and SM-10 split by value', () => {
    expect(SYSTEM_MANAGEMENT_INDICATORS.map((i) => i.code)).toEqual([
      'SM-01',
      'SM-02',
      'SM-03',
      'SM-04',
      'SM-05',
      'SM-06',
      'SM-07',
      'SM-08a',
      'SM-08b',
      'SM-09',
      'SM-10a',
      'SM-10b',
      'SM-10c',
      'SM-11',
      'SM-12',
    ]);
  });

  it('aims at 90 % for system management, 98 % for facility delivery, nothing else', () => {
    const targets = Object.fromEntries(
      SYSTEM_MANAGEMENT_INDICATORS.map((i) => [i.code, i.target?.value ?? null]),
    );
    expect(targets).toEqual({
      'SM-01': 90,
      'SM-02': 90,
      'SM-03': 90,
      'SM-04': 90,
      'SM-05': 90,
      'SM-06': 98,
      'SM-07': null,
      'SM-08a': null,
      'SM-08b': null,
      'SM-09': 90,
      'SM-10a': null,
      'SM-10b': null,
      'SM-10c': null,
      'SM-11': null,
      'SM-12': null,
    });
  });

  it('reports perinatal mortality per mille and maternal mortality per 100 000 live births', () => {
    expect(byCode('SM-11').unit).toBe('per_mille');
    expect(byCode('SM-12')).toMatchObject({
      unit: 'per_100000',
      numeratorOutsideDenominator: true,
    });
  });

  describe('thresholds read off the rules', () => {
    it.each([
      [195, false],
      [196, true], // 28+0
    ])('GA %d days is perinatal: %s, in the rule and in the SQL', (ga, perinatal) => {
      expect(isPerinatal(ga, 500)).toBe(perinatal);
      expect(ga >= PERINATAL_FROM_GA_DAYS).toBe(perinatal);
    });

    it.each([
      [999, false],
      [1000, true],
    ])('without GA, %d g is perinatal: %s, in the rule and in the SQL', (grams, perinatal) => {
      expect(isPerinatal(null, grams)).toBe(perinatal);
      expect(grams >= PERINATAL_FROM_WEIGHT_G).toBe(perinatal);
    });

    it('takes early registration (< 13+0) and five examinations from the basic schedule', () => {
      expect(EARLY_REGISTRATION_MAX_GA_DAYS).toBe(12 * 7 + 6);
      expect(BASIC_SCHEDULE[0].code).toBe('ANC1');
      expect(MIN_ANTENATAL_EXAMINATIONS).toBe(5);
    });

    it('firstWhere refuses a rule that never holds', () => {
      expect(firstWhere((n) => n > 2, 0, 5)).toBe(3);
      expect(() => firstWhere(() => false, 0, 5)).toThrow(RangeError);
    });
  });

  it.each([
    ['yellow', ['yellow', 'orange', 'red']],
    ['orange', ['orange', 'red']],
  ] as const)('%s or above is %j', (lowest, colours) => {
    expect(coloursFrom(lowest)).toEqual(colours);
  });

  it('SM-09 counts ORANGE, RED and PURPLE mothers, as high-risk case management does', () => {
    expect(byCode('SM-09').denominator.sql).toBe(
      "c.highest_colour IN ('orange', 'red') OR c.ever_purple = 1",
    );
  });
});
