/** Roles of the staff of one facility: they work on that facility's records only. */
export const FACILITY_ROLES = ['nurse', 'mch_staff', 'statistician', 'admin'] as const;
export type FacilityRole = (typeof FACILITY_ROLES)[number];

/**
 * Every role. `system_admin` manages facilities, catalogues and the users of every facility, and
 * reads no patient record: it may call only the routes whose @Roles names it.
 */
export const ROLES = [...FACILITY_ROLES, 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that record care (classes, folic acid, postpartum contacts); the desk shows them the forms. */
export const CARE_RECORDERS = ['nurse', 'mch_staff'] as const satisfies readonly Role[];

/** Who is calling: taken from the verified token and its live session, never from the body. */
export interface Actor {
  userId: number;
  username: string;
  facilityId: number;
  role: Role;
}

/**
 * Whether `role` may call a route that allows `allowed` (its @Roles, if any). Without @Roles every
 * facility role may; a system admin only where @Roles names it, so a new route is closed to it by
 * default.
 */
export function roleMayCall(role: Role, allowed: readonly Role[] | undefined): boolean {
  if (allowed) return allowed.includes(role);
  return role !== 'system_admin';
}
