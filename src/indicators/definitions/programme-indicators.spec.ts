import { addDays, daysBetween, type IsoDate } from '../../core/time/calendar-date';
import { type Dispensing, daysCovered, suppliedDays } from '../../folic-acid/rules/folic-acid';
import { coursesRequired } from '../../pmtct/rules/pmtct-rules';
import { COHORTS } from '../cohorts';
import { TWO_SYPHILIS_COURSES_FROM_GA_DAYS } from '../cohorts/pmtct-mothers.cohort';
import { CLASSES_INDICATORS } from './classes.indicators';
import { FOLIC_ACID_INDICATORS } from './folic-acid.indicators';
import type { IndicatorDefinition } from './indicator-definition';
import { PMTCT_INDICATORS } from './pmtct.indicators';
import { RISK_INDICATORS } from './risk.indicators';

const PROGRAMMES: readonly IndicatorDefinition[] = [
  ...PMTCT_INDICATORS,
  ...FOLIC_ACID_INDICATORS,
  ...CLASSES_INDICATORS,
  ...RISK_INDICATORS,
];

const cohortOf = (indicator: IndicatorDefinition) =>
  COHORTS.find((cohort) => cohort.code === indicator.cohort)!;

/** The names of a cohort's output columns: `… AS name`, or `alias.name` ending a select item. */
const outputColumns = (sql: string) =>
  new Set([...sql.matchAll(/(?:\bAS |\b\w+\.)(\w+)(?=,?\s*\n|,)/g)].map((m) => m[1]));

describe('programme indicators (PM, FA, CL, RK)', () => {
  it('has the codes of DOMAIN.md §9, one per value, in report order', () => {
    expect(PROGRAMMES.map((i) => i.code)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `PM-${String(i + 1).padStart(2, '0')}`),
      'PM-08b',
      'PM-09',
      'PM-10',
      'PM-11',
      'PM-12',
      'FA-01',
      'FA-02',
      'FA-03',
      'FA-03b',
      'CL-01',
      'CL-02a',
      'CL-02b',
      'RK-01',
      'RK-02-green',
      'RK-02-yellow',
      'RK-02-orange',
      'RK-02-red',
      'RK-02-purple',
      'RK-02-unscreened',
      'RK-03',
    ]);
    for (const indicator of PROGRAMMES) {
      expect(indicator.group).toBe(indicator.code.slice(0, 2));
      // PM-08 changed meaning: treated (≥ 1 dose); the adequate course moved to PM-08b.
      // CL-01 and FA-03b changed meaning: their mothers are the births at the facility.
      expect(indicator.version).toBe(['PM-08', 'CL-01', 'FA-03b'].includes(indicator.code) ? 2 : 1);
    }
  });

  it.each<[string, number | null]>([
    ['PM-01', 95],
    ['PM-04', 90],
    ['PM-05', 70],
    ['PM-10', 95],
    ['FA-01', 90],
    ['FA-02', 70],
    ['FA-03', 90],
    ['FA-03b', 10],
    ['RK-03', null],
  ])('%s targets %s', (code, value) => {
    const target = PROGRAMMES.find((i) => i.code === code)!.target;
    expect(target).toEqual(value === null ? null : { direction: 'at_least', value });
  });

  it('counts sessions, attendances per session and survey coverage in their own units', () => {
    const unitOf = (code: string) => PROGRAMMES.find((i) => i.code === code)!;
    expect(unitOf('CL-02a').unit).toBe('count');
    expect(unitOf('CL-02b')).toMatchObject({ unit: 'ratio', numeratorWeight: 'c.attendances' });
    expect(unitOf('FA-03b').numeratorOutsideDenominator).toBe(true);
  });

  describe.each(PROGRAMMES.map((i) => [i.code, i] as const))('%s', (_code, indicator) => {
    const cohort = cohortOf(indicator);

    it('names a cohort whose SQL selects every column its criteria read', () => {
      expect(cohort).toBeDefined();
      const columns = outputColumns(cohort.sql);
      const criteria = [
        indicator.denominator.sql,
        indicator.numerator.sql,
        indicator.exclusion?.sql ?? '',
        indicator.numeratorWeight ?? '',
      ].join(' ');
      for (const [, column] of criteria.matchAll(/\bc\.(\w+)/g)) {
        expect({ column, selected: columns.has(column) }).toEqual({ column, selected: true });
      }
    });
  });

  it.each(
    COHORTS.filter((c) =>
      PROGRAMMES.some((i) => i.cohort === c.code && c.code !== 'deliveries'),
    ).map((c) => [c.code, c] as const),
  )('cohort %s shows only columns it selects, and the required ones', (_code, cohort) => {
    const columns = outputColumns(cohort.sql);
    for (const required of ['case_id', 'facility_id', 'pregnancy_id', 'newborn_id']) {
      expect(columns.has(required)).toBe(true);
    }
    expect(cohort.sql).toMatch(/woman_id/);
    expect(cohort.sql).toMatch(/attributed_on/);
    for (const field of cohort.fields) expect(columns.has(field.column)).toBe(true);
    expect(cohort.sql).toMatch(/IN \(:facilities\)/);
  });

  it('writes the windows of the rules into the criteria: 6 h, 12 h, GA 12+6, 80 %', () => {
    const sqlOf = (code: string) => PROGRAMMES.find((i) => i.code === code)!.numerator.sql;
    expect(sqlOf('PM-07')).toBe('c.hiv_prophylaxis_minutes BETWEEN 0 AND 360');
    expect(sqlOf('PM-10')).toBe('c.hbig_minutes BETWEEN 0 AND 720');
    expect(sqlOf('PM-11')).toBe('c.hepb_vaccine1_minutes BETWEEN 0 AND 720');
    expect(sqlOf('PM-12')).toBe('c.hepb_birth_dose_minutes BETWEEN 0 AND 1440');
    expect(sqlOf('PM-05')).toContain('c.hbsag_first_test_ga_days <= 90');
    expect(sqlOf('FA-02')).toContain('c.folic_days_taken >= 0.8 * c.folic_days_in_window');
    expect(sqlOf('RK-01')).toBe('c.screening_days_after_registration <= 7');
  });

  it('asks for two syphilis courses from the GA at which coursesRequired() does (13+0)', () => {
    expect(TWO_SYPHILIS_COURSES_FROM_GA_DAYS).toBe(91);
    expect(coursesRequired(TWO_SYPHILIS_COURSES_FROM_GA_DAYS - 1)).toBe(1);
  });
});

/**
 * The registrations cohort replaces two loops of the folic-acid rules by window functions. These
 * specs check the arithmetic it relies on against the rules, on generated data.
 */
describe('the set-based folic-acid arithmetic of the registrations cohort', () => {
  function generator(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  const ORIGIN: IsoDate = '2026-01-01';
  const rnd = generator(20_261_122);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const days = (ranges: readonly { from: IsoDate; to: IsoDate }[]) => {
    const set = new Set<number>();
    for (const r of ranges) {
      for (let d = daysBetween(ORIGIN, r.from); d <= daysBetween(ORIGIN, r.to); d++) set.add(d);
    }
    return set;
  };

  it('stacked supplies end at P_i + max over j ≤ i of (d_j − 1 + c_j − P_j)', () => {
    for (let trial = 0; trial < 500; trial++) {
      const dispensings: Dispensing[] = Array.from({ length: int(1, 6) }, () => ({
        dispensedOn: addDays(ORIGIN, int(0, 120)),
        doseMg: rnd() < 0.5 ? 0.4 : 0.8,
        bottles: int(1, 3),
        tabletsPerBottle: [1, 10, 30, 31, 60][int(0, 4)],
      }));
      // As the SQL: supplying dispensings in (day, id) order, running sums, running maximum.
      const supplying = dispensings
        .map((d, id) => ({ id, day: daysBetween(ORIGIN, d.dispensedOn), c: daysCovered(d) }))
        .filter((d) => d.c > 0)
        .sort((a, b) => a.day - b.day || a.id - b.id);
      let running = 0;
      let maxTerm = -Infinity;
      const ranges = supplying.map(({ day, c }) => {
        running += c;
        maxTerm = Math.max(maxTerm, day - 1 + c - running);
        const to = maxTerm + running;
        return { from: addDays(ORIGIN, to - c + 1), to: addDays(ORIGIN, to) };
      });
      expect(days(ranges)).toEqual(days(suppliedDays(dispensings)));
    }
  });

  it('the union of ranges is the sum, in start order, of the days past the furthest end so far', () => {
    for (let trial = 0; trial < 500; trial++) {
      const ranges = Array.from({ length: int(1, 6) }, () => {
        const from = int(0, 100);
        return { from, to: from + int(0, 40) };
      }).sort((a, b) => a.from - b.from || a.to - b.to);
      let furthest: number | null = null;
      let union = 0;
      for (const r of ranges) {
        union += Math.max(0, r.to - Math.max(r.from - 1, furthest ?? r.from - 1));
        furthest = Math.max(furthest ?? r.to, r.to);
      }
      const asDates = ranges.map((r) => ({
        from: addDays(ORIGIN, r.from),
        to: addDays(ORIGIN, r.to),
      }));
      expect(union).toBe(days(asDates).size);
    }
  });
});
