import { Column } from 'typeorm';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError, type ErrorDetail } from '../errors/domain.error';
import { updateIfVersion } from './versioned-update';

/**
 * A voided record stays, flagged with when, who and why, is shown as voided where it is read,
 * and leaves every count (cohorts, worklists, schedules read `voided_at IS NULL`).
 */
export interface Voidable {
  id: number;
  voidedAt: Date | null;
  voidedBy: number | null;
  voidReason: string | null;
}

/** The void flags as columns: voidable entities extend this. */
export abstract class VoidFlags {
  @Column({ type: 'datetime', precision: 3, nullable: true })
  voidedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  voidedBy: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason: string | null;
}

export const alreadyVoided = (what: string, id: number) =>
  new DomainError('ALREADY_VOIDED', `${what} ${id} is already voided`, [
    { field: 'id', rule: 'notVoided', message: `${what} ${id} was voided and cannot change` },
  ]);

/**
 * Refuses to void a record while others still stand on it (each named in `blockers`): those are
 * voided or corrected first, so nothing is left pointing at a record that counts nowhere.
 */
export const voidBlocked = (what: string, id: number, blockers: ErrorDetail[]) =>
  new DomainError(
    'VOID_BLOCKED',
    `${what} ${id} cannot be voided while records depend on it`,
    blockers,
  );

/** Refuses a change to a voided record: void is final. */
export function requireNotVoided(row: Voidable, what: string): void {
  if (row.voidedAt !== null) throw alreadyVoided(what, row.id);
}

/**
 * Voids the row if it still has `version` (else 409 STALE_VERSION) and is not voided yet (else
 * 409 ALREADY_VOIDED). Returns the flags set, for the audit row.
 */
export async function voidIfVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  current: Voidable,
  what: string,
  version: number,
  reason: string,
  userId: number,
): Promise<Pick<Voidable, 'voidedAt' | 'voidedBy' | 'voidReason'>> {
  requireNotVoided(current, what);
  const flags = { voidedAt: new Date(), voidedBy: userId, voidReason: reason };
  await updateIfVersion(manager, target, current.id, version, flags);
  return flags;
}
