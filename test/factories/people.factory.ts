import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FACILITY_ROLES, type FacilityRole, type Role } from '../../src/core/auth/actor';
import { hashPassword } from '../../src/core/auth/password';
import { Facility } from '../../src/core/facilities/facility.entity';
import { User } from '../../src/core/users/user.entity';

export const TEST_PASSWORD = 'Test-Password-2026';

let passwordHash: Promise<string> | undefined;

export async function createFacility(
  dataSource: DataSource,
  overrides: Partial<Facility> = {},
): Promise<Facility> {
  const suffix = randomUUID().slice(0, 8);
  return dataSource.getRepository(Facility).save({
    code: `T-${suffix}`,
    name: `测试医院 ${suffix}`,
    level: 3,
    regionCode: '110105',
    ...overrides,
  });
}

export async function createUser(
  dataSource: DataSource,
  facility: Facility,
  role: Role,
  overrides: Partial<User> = {},
): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return dataSource.getRepository(User).save({
    facilityId: facility.id,
    username: `${role}.${randomUUID().slice(0, 8)}`,
    displayName: `Test ${role}`,
    role,
    passwordHash: await passwordHash,
    active: true,
    ...overrides,
  });
}

export interface Staff {
  facility: Facility;
  users: Record<FacilityRole, User>;
  tokens: Record<FacilityRole, string>;
}

/** A facility with one user of every role, each logged in through the real login endpoint. */
export async function createStaffedFacility(
  dataSource: DataSource,
  login: (username: string) => Promise<string>,
): Promise<Staff> {
  const facility = await createFacility(dataSource);
  const users = {} as Record<FacilityRole, User>;
  const tokens = {} as Record<FacilityRole, string>;
  for (const role of FACILITY_ROLES) {
    users[role] = await createUser(dataSource, facility, role);
    tokens[role] = await login(users[role].username);
  }
  return { facility, users, tokens };
}

/** A system admin (a member of a facility of its own), logged in through the real endpoint. */
export async function createSystemAdmin(
  dataSource: DataSource,
  login: (username: string) => Promise<string>,
): Promise<{ user: User; token: string }> {
  const user = await createUser(dataSource, await createFacility(dataSource), 'system_admin');
  return { user, token: await login(user.username) };
}
