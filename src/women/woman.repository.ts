import type { EntityManager } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { Woman } from './woman.entity';
import { womanNotFound } from './women.errors';

/** A woman is visible to a facility that registered her or holds one of her pregnancies. */
const VISIBLE_TO_FACILITY =
  '(woman.registeredFacilityId = :facilityId OR EXISTS (SELECT 1 FROM pregnancy p WHERE p.woman_id = woman.id AND p.facility_id = :facilityId))';

/** Her record, or 404 for a facility that may not see her. */
export async function findWomanVisibleTo(
  manager: EntityManager,
  id: number,
  actor: Actor,
): Promise<Woman> {
  const woman = await manager
    .createQueryBuilder(Woman, 'woman')
    .where('woman.id = :id', { id })
    .andWhere(VISIBLE_TO_FACILITY, { facilityId: actor.facilityId })
    .getOne();
  if (!woman) throw womanNotFound(id);
  return woman;
}

/** Which of these women the caller's facility may see. */
export async function findVisibleWomanIds(
  manager: EntityManager,
  ids: readonly number[],
  actor: Actor,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await manager
    .createQueryBuilder(Woman, 'woman')
    .select('woman.id', 'id')
    .where('woman.id IN (:...ids)', { ids })
    .andWhere(VISIBLE_TO_FACILITY, { facilityId: actor.facilityId })
    .getRawMany<{ id: number }>();
  return new Set(rows.map((row) => Number(row.id)));
}
