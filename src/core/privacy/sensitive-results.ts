import type { Actor, Role } from '../auth/actor';

/**
 * Who may read HIV, syphilis and hepatitis B results and what follows from them (treatments,
 * exposed babies, the risk factors and feeding decisions they cause): the facility's clinical
 * staff. Statisticians and admins (and any role added later) may not; every read is audited as
 * `view_sensitive`.
 */
export const SENSITIVE_RESULT_READERS = ['nurse', 'mch_staff'] as const satisfies readonly Role[];

export function readsSensitiveResults(actor: Actor): boolean {
  return (SENSITIVE_RESULT_READERS as readonly Role[]).includes(actor.role);
}

/**
 * Audit entities whose before/after values can carry a result: PMTCT records, and the gradings
 * and feeding contraindications a confirmed positive result causes. Other readers of the trail
 * see who did what and when, and which fields changed, not the values.
 */
export const SENSITIVE_AUDIT_ENTITIES: readonly string[] = [
  'pmtct_test',
  'pmtct_counselling',
  'maternal_treatment',
  'treatment_dose',
  'exposed_infant',
  'infant_follow_up',
  'risk_assessment',
  'feeding_contraindication',
];

export const WITHHELD = '[withheld]';

/** The same keys, every value replaced: which fields changed, not what they hold. */
export function withheldValues(
  values: Record<string, unknown> | null,
): Record<string, unknown> | null {
  return values && Object.fromEntries(Object.keys(values).map((key) => [key, WITHHELD]));
}
