import type { EntityManager } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { Pregnancy } from './pregnancy.entity';
import { type DocumentType, documentIndexOf, Woman } from './woman.entity';
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

/** VISIBLE_TO_FACILITY for a record already read (a locked one, which a snapshot may not see). */
export async function isWomanVisibleToFacility(
  manager: EntityManager,
  woman: Pick<Woman, 'id' | 'registeredFacilityId'>,
  facilityId: number,
): Promise<boolean> {
  return (
    woman.registeredFacilityId === facilityId ||
    manager.existsBy(Pregnancy, { womanId: woman.id, facilityId })
  );
}

/** The id of the woman with this document (number as stored: trimmed, upper case), if any. */
export async function findWomanIdByDocument(
  manager: EntityManager,
  documentType: DocumentType,
  documentNumber: string,
  lock = false,
): Promise<number | null> {
  const builder = manager
    .createQueryBuilder(Woman, 'woman')
    .select('woman.id', 'id')
    .where('woman.documentIndex = :documentIndex AND woman.documentType = :documentType', {
      documentIndex: documentIndexOf(documentNumber),
      documentType,
    });
  if (lock) builder.setLock('pessimistic_write');
  const row = await builder.getRawOne<{ id: number }>();
  return row ? Number(row.id) : null;
}
