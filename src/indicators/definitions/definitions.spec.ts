import { COHORTS } from '../cohorts';
import { cohortOf } from '../indicator-calculator';
import { decidingFields, hasFailedCases } from '../indicator-sql';
import {
  BORN_HERE_SQL,
  type Criterion,
  INDICATOR_GROUPS,
  type IndicatorDefinition,
} from './indicator-definition';
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
      expect(indicator.attributionZh).toMatch(/^按|^活产/);
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

describe('in Chinese, part by part', () => {
  const HAN = /\p{Script=Han}/u;
  const criteriaOf = (indicator: IndicatorDefinition): [string, Criterion][] => [
    ['denominator', indicator.denominator],
    ['numerator', indicator.numerator],
    ...(indicator.exclusion ? [['exclusion', indicator.exclusion] as [string, Criterion]] : []),
    ...(indicator.incomplete ? [['incomplete', indicator.incomplete] as [string, Criterion]] : []),
    ...(indicator.numeratorParts ?? []).map((part, i): [string, Criterion] => [
      `part ${i + 1}`,
      part,
    ]),
  ];
  /** The cohort columns a piece of SQL reads (`c.<column>`), as decidingFields() reads them. */
  const columnsIn = (sql: string) => [...sql.matchAll(/\bc\.([a-z0-9_]+)/g)].map((m) => m[1]);

  it.each(INDICATORS.map((i) => [i.code, i] as const))(
    '%s says every criterion and part in Chinese',
    (code, indicator) => {
      for (const [name, criterion] of criteriaOf(indicator)) {
        expect([code, name, HAN.test(criterion.descriptionZh)]).toEqual([code, name, true]);
      }
    },
  );

  it.each(COHORTS.map((c) => [c.code, c] as const))(
    'cohort %s describes itself and labels every field in Chinese',
    (_code, cohort) => {
      expect(cohort.descriptionZh).toMatch(HAN);
      for (const field of cohort.fields) {
        expect([field.column, HAN.test(field.labelZh)]).toEqual([field.column, true]);
      }
    },
  );

  it('gives numerator parts to every numerator of several conditions whose cases can fail', () => {
    // SM-11 is an OR (stillborn, or died in the first week): one condition to the reviewer.
    // SM-12 counts deaths per live birth, so no live birth fails it.
    expect(INDICATORS.filter((i) => i.numeratorParts).map((i) => i.code)).toEqual([
      'BF-01',
      'BF-04',
      'BF-04M',
      'BF-06',
      'SM-01',
      'SM-05',
      'SM-09',
      'PM-04',
      'PM-05',
      'PM-08b',
      'FA-02',
    ]);
    for (const indicator of INDICATORS.filter((i) => i.numeratorParts)) {
      expect([indicator.code, hasFailedCases(indicator)]).toEqual([indicator.code, true]);
      expect(indicator.numeratorParts!.length).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(INDICATORS.filter((i) => i.numeratorParts).map((i) => [i.code, i] as const))(
    '%s: its parts read only the columns its own criteria read, which the drill-down shows',
    (_code, indicator) => {
      const shown = decidingFields(cohortOf(indicator), indicator).map((field) => field.column);
      for (const part of indicator.numeratorParts!) {
        expect(columnsIn(part.sql).length).toBeGreaterThan(0);
        for (const column of columnsIn(part.sql)) expect(shown).toContain(column);
        expect(part.description).not.toBe('');
      }
    },
  );

  it('joins the parts of a conjunction into the numerator itself, so they cannot drift apart', () => {
    for (const indicator of INDICATORS.filter((i) => i.numeratorParts && i.code !== 'PM-08b')) {
      const joined = indicator
        .numeratorParts!.map((part) => (/\bOR\b/.test(part.sql) ? `(${part.sql})` : part.sql))
        .join(' AND ');
      expect([indicator.code, indicator.numerator.sql]).toEqual([indicator.code, joined]);
    }
  });

  it('orders the parts as a reviewer checks them', () => {
    const parts = (code: string) =>
      INDICATORS.find((i) => i.code === code)!.numeratorParts!.map((part) => part.sql);
    // BF-01: when the contact started, then how long it lasted.
    expect(parts('BF-01')).toEqual([
      'c.skin_to_skin_start_seconds <= 300',
      'c.skin_to_skin_minutes >= 60',
    ]);
    // SM-05: early registration (registered, first examined), five examinations, the visit.
    expect(parts('SM-05')).toEqual([
      'c.registration_ga_days <= 90',
      'c.first_anc_ga_days <= 90',
      'c.anc_visits >= 5',
      'c.postpartum_visit_days <= 28',
    ]);
  });

  it('takes the numbers of the Chinese from the constants the SQL uses', () => {
    const zh = (code: string, part?: number) => {
      const indicator = INDICATORS.find((i) => i.code === code)!;
      return (part === undefined ? indicator.numerator : indicator.numeratorParts![part])
        .descriptionZh;
    };
    expect(zh('BF-01', 0)).toBe('出生后5分钟内开始母婴皮肤接触（5分00秒计入，5分01秒不计入）');
    expect(zh('BF-01', 1)).toContain('不间断持续至少60分钟');
    expect(zh('BF-02')).toBe(
      '出生后60分钟内开始首次母乳喂养（按整分钟计：60分59秒计入，61分00秒不计入）',
    );
    expect(zh('SM-01', 0)).toBe('孕13+0周前（孕周≤90天）建册');
    expect(zh('SM-04')).toContain('28天内');
    expect(zh('PM-10')).toContain('12小时00分计入，12小时01分不计入');
    expect(zh('PM-12')).toContain('出生后24小时内');
    expect(zh('FA-02', 1)).toContain('≥80%');
  });
});
