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

/** What an administrator manages: one facility (a facility admin) or every facility. */
export type AdminScope = { facilityId: number } | 'every-facility';

/** A system admin manages every facility; anyone else only their own. */
export function adminScopeOf(actor: Actor): AdminScope {
  return actor.role === 'system_admin' ? 'every-facility' : { facilityId: actor.facilityId };
}

export function managesFacility(scope: AdminScope, facilityId: number): boolean {
  return scope === 'every-facility' || scope.facilityId === facilityId;
}
