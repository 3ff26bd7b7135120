import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { type DocumentType, documentIndexOf, Woman } from './woman.entity';
import { womanNotFound } from './women.errors';

/** Her pregnancies whose episode the facility takes part in (the facility as :facilityId). */
const TAKES_PART = `SELECT 1 FROM pregnancy p
  JOIN episode_participant ep ON ep.pregnancy_id = p.id
  WHERE p.woman_id = woman.id AND ep.facility_id = :facilityId AND ep.status = 'active'`;

/** A woman is visible to a facility that registered her or takes part in one of her episodes. */
const VISIBLE_TO_FACILITY = `(woman.registeredFacilityId = :facilityId OR EXISTS (${TAKES_PART}))`;

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

/** Name and document of those of these women the caller's facility may see. */
export async function findVisibleIdentities(
  manager: EntityManager,
  ids: readonly number[],
  actor: Actor,
): Promise<Map<number, Pick<Woman, 'name' | 'documentNumber'>>> {
  const visible = [...(await findVisibleWomanIds(manager, [...new Set(ids)], actor))];
  const women = visible.length
    ? await manager.find(Woman, {
        select: { id: true, name: true, documentNumber: true },
        where: { id: In(visible) },
      })
    : [];
  return new Map(women.map((woman) => [woman.id, woman]));
}

/** VISIBLE_TO_FACILITY for a record already read (a locked one, which a snapshot may not see). */
export async function isWomanVisibleToFacility(
  manager: EntityManager,
  woman: Pick<Woman, 'id' | 'registeredFacilityId'>,
  facilityId: number,
): Promise<boolean> {
  if (woman.registeredFacilityId === facilityId) return true;
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM pregnancy p JOIN episode_participant ep ON ep.pregnancy_id = p.id
     WHERE p.woman_id = ? AND ep.facility_id = ? AND ep.status = 'active' LIMIT 1`,
    [woman.id, facilityId],
  );
  return rows.length > 0;
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
