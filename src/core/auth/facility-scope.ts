import { DomainError } from '../errors/domain.error';
import { Actor } from './actor';

/**
 * The one rule of facility scoping: a caller reads and writes only records of their own
 * facility. A record of another facility is answered as not found, never as forbidden, so its
 * existence does not leak.
 */
export function facilityScope(actor: Actor): { facilityId: number } {
  return { facilityId: actor.facilityId };
}

export function inActorFacility<T extends { facilityId: number }>(
  record: T | null | undefined,
  actor: Actor,
  notFound: () => DomainError,
): T {
  if (!record || record.facilityId !== actor.facilityId) throw notFound();
  return record;
}
