import type { EntityManager } from 'typeorm';
import type { IndicatorDefinition } from '../../src/indicators/definitions/indicator-definition';
import { cohortOf } from '../../src/indicators/indicator-calculator';
import { bindCohort, type CohortParams, denominatorSql } from '../../src/indicators/indicator-sql';

const met = (sql: string) => `COALESCE((${sql}), FALSE)`;

/**
 * The cases of the indicator's denominator for which its numerator and its parts disagree: in
 * the numerator yet missing a part, or meeting every part yet not in the numerator (a blank is
 * not met, as the failed list reads it). Empty when the parts say exactly what the numerator says.
 */
export async function partsDisagreeing(
  manager: EntityManager,
  indicator: IndicatorDefinition,
  params: CohortParams,
): Promise<string[]> {
  const parts = indicator.numeratorParts ?? [];
  if (parts.length === 0) throw new Error(`${indicator.code} has no numerator parts`);
  const bound = bindCohort(cohortOf(indicator), params);
  const rows = await manager.query<Array<{ case_id: unknown }>>(
    `SELECT c.case_id FROM (${bound.sql}) c WHERE ${denominatorSql(indicator)}
       AND ${met(indicator.numerator.sql)} <> (${parts.map((part) => met(part.sql)).join(' AND ')})`,
    bound.params,
  );
  return rows.map((row) => String(row.case_id));
}
