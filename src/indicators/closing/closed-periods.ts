import type { EntityManager } from 'typeorm';

/**
 * A correction seen after a close: the closed versions of the facility's periods it touches are
 * marked corrected (their values stay). Called where late corrections mark values stale.
 */
export async function markClosedPeriodsCorrected(
  manager: EntityManager,
  facilityId: number,
  periodKeys: readonly string[],
): Promise<number> {
  if (periodKeys.length === 0) return 0;
  const result: { affectedRows?: number } = await manager.query(
    `UPDATE indicator_period_version SET corrected_at = UTC_TIMESTAMP(3)
     WHERE facility_id = ? AND corrected_at IS NULL AND period_key IN (${periodKeys.map(() => '?').join(', ')})`,
    [facilityId, ...periodKeys],
  );
  return result.affectedRows ?? 0;
}
