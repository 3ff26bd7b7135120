import { COHORTS } from './cohorts';
import { cohortOf } from './indicator-calculator';
import { INDICATORS } from './definitions';
import { DEFAULT_SYPHILIS_POLICY } from '../pmtct/rules/pmtct-rules';
import {
  aggregateQuery,
  bindCohort,
  type CohortParams,
  decidingFields,
  denominatorSql,
  numeratorSql,
  roleSql,
} from './indicator-sql';

const columns = (code: string) => {
  const indicator = INDICATORS.find((i) => i.code === code)!;
  return decidingFields(cohortOf(indicator), indicator).map((field) => field.column);
};

describe('decidingFields', () => {
  it.each([
    ['PM-01', ['hiv_tested']],
    ['PM-04', ['hiv_tested_antenatal', 'syphilis_tested_antenatal', 'hbsag_tested_antenatal']],
    ['PM-06', ['hiv_positive', 'art_started_on']],
    ['PM-07', ['stillbirth', 'mother_hiv_positive', 'hiv_prophylaxis_minutes']],
    ['PM-08', ['syphilis_positive', 'syphilis_treated']],
    [
      'PM-08b',
      [
        'syphilis_positive',
        'syphilis_courses_required',
        'syphilis_timely_courses',
        'syphilis_courses_apart',
      ],
    ],
    ['PM-10', ['stillbirth', 'mother_hbsag_positive', 'hbig_minutes']],
  ])('%s shows only the fields its criteria read: %j', (code, expected) => {
    expect(columns(code)).toEqual(expected);
  });

  it('never shows another disease than the indicator counts', () => {
    expect(columns('PM-01').some((column) => /syphilis|hbsag/.test(column))).toBe(false);
    expect(columns('PM-09').some((column) => /hiv|hbsag/.test(column))).toBe(false);
  });
});

const params = (syphilis = DEFAULT_SYPHILIS_POLICY): CohortParams => ({
  facilityIds: [7, 8],
  from: '2026-03-01',
  to: '2026-04-01',
  fromAt: new Date('2026-02-28T16:00:00Z'),
  toAt: new Date('2026-03-31T16:00:00Z'),
  tz: '+08:00',
  asOf: '2026-03-31',
  evaluations: {
    [cohortOf(INDICATORS[0]).code]: {
      on: '2026-04-03',
      at: new Date('2026-04-03T16:00:00Z'),
      settled: true,
    },
  },
  syphilis,
});

describe('bindCohort', () => {
  const cohort = (sql: string) => ({ ...cohortOf(INDICATORS[0]), sql });

  it('binds the configured syphilis course rule: dose gaps 7 ± grace, course gap, end before delivery', () => {
    const sql =
      'x IN (:facilities) AND g BETWEEN :doseGapMin AND :doseGapMax AND c >= :courseGapMin AND e >= :endsBeforeDelivery AND d < :to';
    expect(bindCohort(cohort(sql), params())).toEqual({
      sql: 'x IN (?, ?) AND g BETWEEN ? AND ? AND c >= ? AND e >= ? AND d < ?',
      params: [7, 8, 5, 9, 14, 28, '2026-04-01'],
    });
    const local = { ...DEFAULT_SYPHILIS_POLICY, doseGraceDays: 1, courseGapMinDays: 28 };
    expect(bindCohort(cohort(sql), params(local)).params).toEqual([
      7,
      8,
      6,
      8,
      28,
      28,
      '2026-04-01',
    ]);
  });

  it("binds the cohort's as-of day and instant for rules that read today or now", () => {
    expect(bindCohort(cohort('d <= :evaluatedOn AND t <= :evaluatedAt'), params())).toEqual({
      sql: 'd <= ? AND t <= ?',
      params: ['2026-04-03', new Date('2026-04-03T16:00:00Z')],
    });
  });
});

describe('cohorts', () => {
  // A value computed after its period settled is the same at every later computation: "now" is
  // the as-of instant (:evaluatedAt, :evaluatedOn), never the database's clock.
  it.each(COHORTS.map((c) => [c.code, c.sql]))('%s reads no clock', (_code, sql) => {
    expect(sql).not.toMatch(
      /\b(UTC_TIMESTAMP|UTC_DATE|NOW|CURDATE|CURRENT_DATE|CURRENT_TIMESTAMP|SYSDATE)\b/i,
    );
  });

  // A voided delivery or baby (recorded in error) counts nowhere: each one the SQL reads is
  // filtered, whatever its alias.
  it.each(COHORTS.map((c) => [c.code, c.sql]))(
    '%s reads no voided delivery or newborn',
    (_code, sql) => {
      const aliases = [...sql.matchAll(/\b(?:newborn|delivery)\s+(\w+)\s+(?:ON|JOIN|WHERE)\b/gi)]
        .map((match) => match[1])
        .filter((alias) => !['ON', 'JOIN', 'WHERE'].includes(alias.toUpperCase()));
      // Each time an alias is introduced (a union repeats them), its filter appears once more.
      const times = (text: string) => sql.split(text).length - 1;
      for (const alias of new Set(aliases)) {
        const introduced = aliases.filter((a) => a === alias).length;
        expect(times(`${alias}.voided_at IS NULL`)).toBeGreaterThanOrEqual(introduced);
      }
    },
  );

  it('the voided-record check finds the babies of the live-birth cohort', () => {
    const sql = COHORTS.find((c) => c.code === 'live_births')!.sql;
    expect([
      ...sql.matchAll(/\b(?:newborn|delivery)\s+(\w+)\s+(?:ON|JOIN|WHERE)\b/gi),
    ]).toHaveLength(2);
  });
});

describe('incomplete cases', () => {
  const stay = INDICATORS.find((i) => i.code === 'BF-04')!;

  it('are set aside from numerator and denominator, after the exclusions', () => {
    expect(denominatorSql(stay)).toContain(`NOT (COALESCE(${stay.exclusion!.sql}, FALSE) OR`);
    expect(denominatorSql(stay)).toContain(`COALESCE(${stay.incomplete!.sql}, TRUE)`);
    expect(numeratorSql(stay)).toContain(denominatorSql(stay));
    // An excluded baby is excluded, whatever else is missing.
    expect(roleSql(stay, 'incomplete')).toContain(`AND NOT (COALESCE(${stay.exclusion!.sql}`);
  });

  it('are counted as u<i> beside the others, 0 for an indicator without the criterion', () => {
    const sm = INDICATORS.find((i) => i.code === 'SM-01')!;
    const { sql } = aggregateQuery(cohortOf(stay), [stay, sm], params());
    expect(sql).toMatch(/c\.stay_complete = 0, TRUE\)\) THEN 1 ELSE 0 END\), 0\) AS u0/);
    expect(sql).toContain('0 AS u1');
  });
});
