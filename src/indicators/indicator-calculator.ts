import type { EntityManager } from 'typeorm';
import { COHORTS } from './cohorts';
import type { CohortDefinition } from './cohorts/cohort-definition';
import type { IndicatorDefinition } from './definitions/indicator-definition';
import { aggregateQuery, type CohortParams } from './indicator-sql';

export interface Counts {
  numerator: number;
  denominator: number;
  excluded: number;
  incomplete: number;
}

export interface IndicatorCount extends Counts {
  code: string;
  facilityId: number;
  /** A district indicator's counts by the region its cases are attributed to. */
  byRegion?: Map<string, Counts>;
}

/**
 * Cohort queries run at once. Each is one set-based statement, which MariaDB executes on one
 * thread: two at a time use a second core of the database server, and of a worker's pool of
 * connections (DB_POOL_SIZE, at least 2) two.
 */
export const COHORT_QUERIES_AT_ONCE = 2;

/**
 * Counts indicators for facilities and one period: one set-based query per cohort, grouped by
 * facility, so nothing but the counts leaves the database. Facilities without a case get zeros.
 * The cohorts run COHORT_QUERIES_AT_ONCE at a time, each run on its own of `managers` (one manager
 * serves them all): a manager must not be a transaction's nor a query runner's unless it is the
 * only one its run uses (one connection takes its queries in turn).
 */
export async function countIndicators(
  managers: EntityManager | readonly EntityManager[],
  indicators: readonly IndicatorDefinition[],
  params: CohortParams,
  onCohortDone?: (done: number, total: number) => Promise<void> | void,
): Promise<IndicatorCount[]> {
  const cohorts = [...groupByCohort(indicators)];
  const counted: IndicatorCount[][] = [];
  let next = 0;
  let done = 0;
  const lanes: readonly EntityManager[] = 'query' in managers ? [managers] : managers;
  const countNext = async (lane: number): Promise<void> => {
    const manager = lanes[lane % lanes.length];
    while (next < cohorts.length) {
      const index = next++;
      const [cohort, members] = cohorts[index];
      counted[index] = await countCohort(manager, cohort, members, params);
      done += 1;
      await onCohortDone?.(done, cohorts.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(COHORT_QUERIES_AT_ONCE, cohorts.length) }, (_, lane) =>
      countNext(lane),
    ),
  );
  return counted.flat();
}

async function countCohort(
  manager: EntityManager,
  cohort: CohortDefinition,
  members: IndicatorDefinition[],
  params: CohortParams,
): Promise<IndicatorCount[]> {
  // A cohort with a district indicator is counted per facility and attributed region at once;
  // the facility's own totals are the sums of its regions.
  const byRegion = members.some((m) => m.counting === 'district');
  const query = aggregateQuery(cohort, members, params, byRegion);
  const rows: Array<Record<string, string | number>> = await manager.query(query.sql, query.params);
  const byFacility = new Map<number, Array<Record<string, string | number>>>();
  for (const row of rows) {
    const facilityId = Number(row.facility_id);
    byFacility.set(facilityId, [...(byFacility.get(facilityId) ?? []), row]);
  }
  return params.facilityIds.flatMap((facilityId) => {
    const facilityRows = byFacility.get(facilityId) ?? [];
    return members.map((indicator, i) => {
      const countsOf = (row: Record<string, string | number>): Counts => ({
        numerator: Number(row[`n${i}`]),
        denominator: Number(row[`d${i}`]),
        excluded: Number(row[`x${i}`]),
        incomplete: Number(row[`u${i}`]),
      });
      const count: IndicatorCount = {
        code: indicator.code,
        facilityId,
        ...sumCounts(facilityRows.map(countsOf)),
      };
      if (indicator.counting === 'district') {
        count.byRegion = new Map(
          facilityRows.map((row) => [String(row.attributed_region), countsOf(row)]),
        );
      }
      return count;
    });
  });
}

function sumCounts(all: Counts[]): Counts {
  return all.reduce(
    (sum, c) => ({
      numerator: sum.numerator + c.numerator,
      denominator: sum.denominator + c.denominator,
      excluded: sum.excluded + c.excluded,
      incomplete: sum.incomplete + c.incomplete,
    }),
    { numerator: 0, denominator: 0, excluded: 0, incomplete: 0 },
  );
}

export function cohortOf(indicator: IndicatorDefinition): CohortDefinition {
  const cohort = COHORTS.find((c) => c.code === indicator.cohort);
  if (!cohort)
    throw new Error(`Indicator ${indicator.code} names an unknown cohort ${indicator.cohort}`);
  return cohort;
}

function groupByCohort(
  indicators: readonly IndicatorDefinition[],
): Map<CohortDefinition, IndicatorDefinition[]> {
  const groups = new Map<CohortDefinition, IndicatorDefinition[]>();
  for (const indicator of indicators) {
    const cohort = cohortOf(indicator);
    groups.set(cohort, [...(groups.get(cohort) ?? []), indicator]);
  }
  return groups;
}
