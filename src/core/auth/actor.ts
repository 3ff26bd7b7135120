export const ROLES = ['nurse', 'mch_staff', 'statistician', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: taken from the verified token, never from the request body. */
export interface Actor {
  userId: number;
  username: string;
  facilityId: number;
  role: Role;
}
