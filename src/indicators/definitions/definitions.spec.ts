import { COHORTS } from '../cohorts';
import { BORN_HERE_SQL, INDICATOR_GROUPS } from './indicator-definition';
import { INDICATORS } from '.';

/** The codes of DOMAIN.md §9; rows that hold several values carry a letter suffix. */
const DOMAIN_CODES = [
  ...Array.from({ length: 10 }, (_, i) => `BF-${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 12 }, (_, i) => `SM-${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 11 }, (_, i) => `PM-${String(i + 1).padStart(2, '0')}`),
  'FA-01',
  'FA-02',
  'FA-03',
  'CL-01',
  'CL-02',
  'RK-01',
  'RK-02',
  'RK-03',
];

describe('indicator definitions', () => {
  it('count the district indicators of issue 15 in the region each woman is attributed to', () => {
    const district = INDICATORS.filter((i) => i.counting === 'district').map((i) => i.code);
    expect(district).toEqual([
      'SM-01',
      'SM-02',
      'SM-03',
      'SM-04',
      'SM-05',
      'SM-06',
      'SM-11',
      'SM-12',
    ]);
    for (const code of district) {
      const cohort = COHORTS.find(
        (c) => c.code === INDICATORS.find((i) => i.code === code)!.cohort,
      );
      expect([code, cohort?.attributedRegion]).toEqual([code, true]);
      expect(cohort!.sql).toContain('attributed_region');
    }
  });

  it('cover every code of DOMAIN.md §9, each once', () => {
    const codes = INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of DOMAIN_CODES) {
      expect(codes.filter((c) => c === code || c.startsWith(`${code}`)).length).toBeGreaterThan(0);
    }
  });

  it.each(INDICATORS.map((i) => [i.code, i] as const))(
    '%s names a cohort, a group and its criteria',
    (code, indicator) => {
      expect(code.slice(0, 2)).toBe(indicator.group);
      expect(INDICATOR_GROUPS).toContain(indicator.group);
      expect(COHORTS.map((c) => c.code)).toContain(indicator.cohort);
      expect(indicator.nameZh).not.toBe('');
      expect(indicator.nameEn).not.toBe('');
      expect(indicator.attribution).not.toBe('');
      for (const criterion of [indicator.numerator, indicator.denominator, indicator.exclusion]) {
        if (!criterion) continue;
        expect(criterion.description).not.toBe('');
        expect(criterion.sql).not.toMatch(/;/);
      }
      expect(indicator.version).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(COHORTS.map((c) => [c.code, c] as const))(
    'cohort %s selects the columns the engine and the drill-down read',
    (_code, cohort) => {
      for (const column of [
        'case_id',
        'facility_id',
        'woman_id',
        'pregnancy_id',
        'newborn_id',
        'attributed_on',
      ]) {
        expect(cohort.sql).toContain(column);
      }
      for (const field of cohort.fields) expect(cohort.sql).toContain(field.column);
      expect(cohort.sql).toContain(':facilities');
    },
  );
});

describe('descriptions that match the SQL', () => {
  // A birth or delivery "at the facility" (also "born at", "births at", "deliveries at") means born
  // there (DOMAIN.md §9): the SQL must then count only births whose place is this facility.
  const SAYS_BORN_HERE =
    /\b(born|births?|deliver(?:y|ies|ed)|mothers)\b[^.;()]*?\bat (?:the|this) facility\b/i;
  const criteria = (indicator: (typeof INDICATORS)[number]) =>
    [indicator.denominator, indicator.numerator, indicator.exclusion, indicator.incomplete].filter(
      (criterion) => criterion !== undefined,
    );

  it.each(INDICATORS.map((i) => [i.code, i] as const))(
    '%s: "at the facility" for births or deliveries implies the born-here condition',
    (_code, indicator) => {
      for (const criterion of criteria(indicator)) {
        if (!SAYS_BORN_HERE.test(criterion.description)) continue;
        // The population the description speaks of is the denominator's.
        expect(indicator.denominator.sql).toContain(BORN_HERE_SQL);
      }
    },
  );

  it('recognises the phrasings it guards', () => {
    for (const phrase of [
      'Women who delivered at the facility in the period',
      'Deliveries at the facility in the period.',
      'Babies born at the facility in the period',
      'Live births at this facility',
    ]) {
      expect(SAYS_BORN_HERE.test(phrase)).toBe(true);
    }
    expect(SAYS_BORN_HERE.test('Pregnancies registered at the facility in the period')).toBe(false);
    expect(
      SAYS_BORN_HERE.test(
        'Women whose delivery the facility recorded in the period, any place of birth',
      ),
    ).toBe(false);
  });

  it('CL-01, the Baby-Friendly stay indicators, BF-06, BF-07 and FA-03b count births at the facility', () => {
    for (const code of ['CL-01', 'BF-01', 'BF-05', 'BF-06', 'BF-07', 'FA-03b']) {
      expect(INDICATORS.find((i) => i.code === code)?.denominator.sql).toContain(BORN_HERE_SQL);
    }
  });

  it('PM-01..PM-05 count every delivery the facility recorded, any place of birth, and say so', () => {
    for (const code of ['PM-01', 'PM-02', 'PM-03', 'PM-04', 'PM-05']) {
      const indicator = INDICATORS.find((i) => i.code === code)!;
      expect(indicator.denominator.sql).not.toContain('delivery_place');
      expect(indicator.denominator.description).toContain('any place of birth');
    }
  });
});
