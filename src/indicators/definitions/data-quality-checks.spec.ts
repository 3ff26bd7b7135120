import { LIVE_BIRTHS_COHORT } from '../cohorts/live-births.cohort';
import {
  DATA_QUALITY_CHECKS,
  DATA_QUALITY_COHORT,
  DATA_QUALITY_FIELDS,
  DATA_QUALITY_POPULATION,
} from './data-quality-checks';
import { INDICATORS } from '.';
import { BORN_HERE_SQL } from './indicator-definition';

const columnsOf = (sql: string) => [...sql.matchAll(/\bc\.([a-z0-9_]+)/g)].map((m) => m[1]);

describe('data-quality checks', () => {
  const cohortColumns = new Set(LIVE_BIRTHS_COHORT.fields.map((f) => f.column));

  it('check the live-born babies born at the facility, the Baby-Friendly stay population', () => {
    expect(DATA_QUALITY_COHORT).toBe(LIVE_BIRTHS_COHORT);
    expect(DATA_QUALITY_POPULATION.sql).toContain(BORN_HERE_SQL);
    expect(DATA_QUALITY_POPULATION.sql).toContain("c.vital_status = 'live_birth'");
  });

  it.each(DATA_QUALITY_CHECKS.map((c) => [c.code, c] as const))(
    '%s reads columns the cohort shows and names indicators that exist',
    (_code, check) => {
      expect(columnsOf(check.sql).filter((column) => !cohortColumns.has(column))).toEqual([]);
      for (const code of check.indicators) {
        expect(INDICATORS.map((i) => i.code)).toContain(code);
      }
      expect(check.code).toMatch(/^[A-Z_]+$/);
    },
  );

  it('lists a discharge on formula or mixed feeding with no supplement recorded', () => {
    const check = DATA_QUALITY_CHECKS.find(
      (c) => c.code === 'DISCHARGE_OTHER_MILK_WITHOUT_SUPPLEMENT',
    )!;
    expect(check.sql).toBe(
      "c.discharge_feeding IN ('mixed', 'formula_only') AND c.supplements_in_stay = 0",
    );
  });

  it('shows only cohort columns beside each baby', () => {
    for (const column of DATA_QUALITY_FIELDS) expect(cohortColumns.has(column)).toBe(true);
  });
});
