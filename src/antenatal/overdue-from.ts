import type { EntityManager } from 'typeorm';
import { execute } from '../core/database/plain-rows';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { OVERDUE_AFTER_DAYS } from './rules/visit-schedule';

/**
 * `pregnancy.overdue_from` in SQL for the pregnancy aliased `p`, the set-based twin of
 * `overdueFromGaDays`: the overdue day of the first window of the facility's schedule (its own,
 * else the national one) that starts after her last visit; NULL when she is not open or no window
 * is left. `lastVisitDate` is the SQL of her last visit date: the column, or a parameter when the
 * same statement sets the column.
 */
export function overdueFromSql(lastVisitDate = 'p.last_visit_date'): string {
  return `CASE WHEN p.status = 'open' THEN (
      SELECT p.edd - INTERVAL ${PREGNANCY_LENGTH_DAYS} DAY + INTERVAL (MIN(sw.end_day) + ${OVERDUE_AFTER_DAYS}) DAY
      FROM schedule_window sw
      WHERE sw.facility_id <=> (SELECT MAX(own.facility_id) FROM schedule_window own WHERE own.facility_id = p.facility_id)
        AND sw.start_day > COALESCE(DATEDIFF(${lastVisitDate}, p.edd) + ${PREGNANCY_LENGTH_DAYS}, -1)
    ) END`;
}

/** Recomputes one pregnancy's overdue day after a change of its EDD, status or registration. */
export async function refreshOverdueFrom(manager: EntityManager, pregnancyId: number) {
  await refreshOverdueFromOf(manager, [pregnancyId]);
}

/** The same for several pregnancies, in one statement (a merge's). */
export async function refreshOverdueFromOf(
  manager: EntityManager,
  pregnancyIds: readonly number[],
) {
  if (pregnancyIds.length === 0) return;
  await manager.query(
    `UPDATE pregnancy p SET p.overdue_from = ${overdueFromSql()} WHERE p.id IN (?)`,
    [pregnancyIds],
  );
}

/** Sets her last visit date and the overdue day that follows from it, in one statement. */
export async function setLastVisitDate(
  manager: EntityManager,
  pregnancyId: number,
  lastVisitDate: string | null,
) {
  await execute(
    manager,
    `UPDATE pregnancy p SET p.last_visit_date = ?, p.overdue_from = ${overdueFromSql('?')} WHERE p.id = ?`,
    [lastVisitDate, lastVisitDate, pregnancyId],
  );
}

/** After the facility's schedule changed: every open pregnancy of it, in the caller's transaction. */
export async function refreshOverdueFromOfFacility(manager: EntityManager, facilityId: number) {
  await manager.query(
    `UPDATE pregnancy p SET p.overdue_from = ${overdueFromSql()} WHERE p.facility_id = ? AND p.status = 'open'`,
    [facilityId],
  );
}
