import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/core/auth/actor';
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
  users: Record<Role, User>;
  tokens: Record<Role, string>;
}

/** A facility with one user of every role, each logged in through the real login endpoint. */
export async function createStaffedFacility(
  dataSource: DataSource,
  login: (username: string) => Promise<string>,
): Promise<Staff> {
  const facility = await createFacility(dataSource);
  const roles: Role[] = ['nurse', 'mch_staff', 'statistician', 'admin'];
  const users = {} as Record<Role, User>;
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    users[role] = await createUser(dataSource, facility, role);
    tokens[role] = await login(users[role].username);
  }
  return { facility, users, tokens };
}
