import type { EntityManager } from 'typeorm';
import { COHORTS } from './cohorts';
import type { CohortDefinition } from './cohorts/cohort-definition';
import type { IndicatorDefinition } from './definitions/indicator-definition';
import { aggregateQuery, type CohortParams } from './indicator-sql';

export interface IndicatorCount {
  code: string;
  facilityId: number;
  numerator: number;
  denominator: number;
  excluded: number;
  incomplete: number;
}

/**
 * Counts indicators for facilities and one period: one set-based query per cohort, grouped by
 * facility, so nothing but the counts leaves the database. Facilities without a case get zeros.
 */
export async function countIndicators(
  manager: EntityManager,
  indicators: readonly IndicatorDefinition[],
  params: CohortParams,
  onCohortDone?: (done: number, total: number) => Promise<void> | void,
): Promise<IndicatorCount[]> {
  const byCohort = groupByCohort(indicators);
  const counts: IndicatorCount[] = [];
  let done = 0;
  for (const [cohort, members] of byCohort) {
    const query = aggregateQuery(cohort, members, params);
    const rows: Array<Record<string, string | number>> = await manager.query(
      query.sql,
      query.params,
    );
    const byFacility = new Map(rows.map((row) => [Number(row.facility_id), row]));
    for (const facilityId of params.facilityIds) {
      const row = byFacility.get(facilityId);
      members.forEach((indicator, i) => {
        counts.push({
          code: indicator.code,
          facilityId,
          numerator: row ? Number(row[`n${i}`]) : 0,
          denominator: row ? Number(row[`d${i}`]) : 0,
          excluded: row ? Number(row[`x${i}`]) : 0,
          incomplete: row ? Number(row[`u${i}`]) : 0,
        });
      });
    }
    done += 1;
    await onCohortDone?.(done, byCohort.size);
  }
  return counts;
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
