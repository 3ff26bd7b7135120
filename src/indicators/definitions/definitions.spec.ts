import { COHORTS } from '../cohorts';
import { INDICATOR_GROUPS } from './indicator-definition';
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
