import type { EntityManager } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { Woman } from './woman.entity';
import { womanNotFound } from './women.errors';

/**
 * A woman is visible to a facility that registered her or holds one of her pregnancies; to any
 * other she does not exist (404).
 */
export async function findWomanVisibleTo(
  manager: EntityManager,
  id: number,
  actor: Actor,
): Promise<Woman> {
  const woman = await manager
    .createQueryBuilder(Woman, 'woman')
    .where('woman.id = :id', { id })
    .andWhere(
      '(woman.registeredFacilityId = :facilityId OR EXISTS (SELECT 1 FROM pregnancy p WHERE p.woman_id = woman.id AND p.facility_id = :facilityId))',
      { facilityId: actor.facilityId },
    )
    .getOne();
  if (!woman) throw womanNotFound(id);
  return woman;
}
