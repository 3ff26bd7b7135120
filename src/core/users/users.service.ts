import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { diffOf, pick } from '../audit/audit-diff';
import type { Role } from '../auth/actor';
import type { SessionEndReason } from '../auth/auth-session.entity';
import { AdminScope, managesFacility } from '../auth/facility-scope';
import { hashPassword } from '../auth/password';
import { SessionsService } from '../auth/sessions.service';
import { updateIfVersion } from '../database/versioned-update';
import { DomainError } from '../errors/domain.error';
import { Facility } from '../facilities/facility.entity';
import { Page, pageOf, pageWindow } from '../http/pagination';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { User } from './user.entity';

const AUDITED_FIELDS = ['username', 'displayName', 'role', 'facilityId', 'active'] as const;

/**
 * A facility admin manages the users of its own facility, system admins excepted; a system admin
 * manages every user. Anyone else's user is answered as not found.
 */
function manages(scope: AdminScope, user: Pick<User, 'facilityId' | 'role'>): boolean {
  return (
    managesFacility(scope, user.facilityId) &&
    (scope === 'every-facility' || user.role !== 'system_admin')
  );
}

const userNotFound = (id: number) => new DomainError('USER_NOT_FOUND', `User ${id} does not exist`);

function facilityNotFound(facilityId: number): DomainError {
  return new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`, [
    { field: 'facilityId', rule: 'exists', message: 'facilityId names no facility' },
  ]);
}

/** Only a system admin may make one. */
function assertMayGrant(scope: AdminScope, role: Role | undefined): void {
  if (role === 'system_admin' && scope !== 'every-facility') {
    throw new DomainError('FORBIDDEN_ROLE', 'Only a system admin may grant the role system_admin', [
      { field: 'role', rule: 'grantable', message: 'role system_admin is not yours to grant' },
    ]);
  }
}

/** The change to a user that ends the sessions begun before it, if any. */
function sessionEndingChange(current: User, changes: UpdateUserDto): SessionEndReason | null {
  if (changes.active === false && current.active) return 'deactivated';
  if (changes.facilityId !== undefined && changes.facilityId !== current.facilityId) {
    return 'facility_changed';
  }
  if (changes.role !== undefined && changes.role !== current.role) return 'role_changed';
  if (changes.password) return 'password_changed';
  return null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  async findPage(query: UserQueryDto, scope: AdminScope): Promise<Page<User>> {
    if (query.facilityId !== undefined && !managesFacility(scope, query.facilityId)) {
      return pageOf([], 0, query);
    }
    const facilityId = scope === 'every-facility' ? query.facilityId : scope.facilityId;
    const [items, total] = await this.dataSource.getRepository(User).findAndCount({
      where: {
        ...(facilityId !== undefined ? { facilityId } : {}),
        ...(scope === 'every-facility' ? {} : { role: Not('system_admin' as const) }),
      },
      order: { username: 'ASC' },
      ...pageWindow(query),
    });
    return pageOf(items, total, query);
  }

  async findById(id: number, scope: AdminScope): Promise<User> {
    return this.managed(this.dataSource.manager, id, scope);
  }

  async create(input: CreateUserDto, scope: AdminScope): Promise<User> {
    assertMayGrant(scope, input.role);
    if (!managesFacility(scope, input.facilityId)) throw facilityNotFound(input.facilityId);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Facility, { id: input.facilityId }))) {
        throw facilityNotFound(input.facilityId);
      }
      if (await manager.existsBy(User, { username: input.username })) {
        throw new DomainError('USERNAME_TAKEN', `Username ${input.username} is taken`, [
          { field: 'username', rule: 'unique', message: 'username is already taken' },
        ]);
      }
      const { password, ...fields } = input;
      const user = await manager.save(manager.create(User, { ...fields, passwordHash }));
      await this.audit.record(manager, {
        entity: 'user',
        entityId: user.id,
        action: 'create',
        after: pick(user, AUDITED_FIELDS),
        facilityId: user.facilityId,
      });
      return user;
    });
  }

  /**
   * Deactivation, a move to another facility, a new role or a new password end the user's
   * sessions in the same transaction: their next request is refused.
   */
  async update(id: number, input: UpdateUserDto, scope: AdminScope): Promise<User> {
    assertMayGrant(scope, input.role);
    const { version, password, ...changes } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.managed(manager, id, scope);
      if (changes.facilityId !== undefined && changes.facilityId !== current.facilityId) {
        if (
          !managesFacility(scope, changes.facilityId) ||
          !(await manager.existsBy(Facility, { id: changes.facilityId }))
        ) {
          throw facilityNotFound(changes.facilityId);
        }
      }
      await updateIfVersion(manager, User, id, version, {
        ...changes,
        ...(passwordHash ? { passwordHash } : {}),
      });
      const diff = diffOf(current, changes, AUDITED_FIELDS);
      if (passwordHash) diff.after.password = 'changed';
      await this.audit.record(manager, {
        entity: 'user',
        entityId: id,
        action: 'update',
        ...diff,
        facilityId: current.facilityId,
      });
      const reason = sessionEndingChange(current, input);
      if (reason) await this.endSessions(manager, current, reason);
    });
    return this.dataSource.getRepository(User).findOneByOrFail({ id });
  }

  /** Ends every session of a user (an admin's action), audited. */
  async endAllSessions(id: number, scope: AdminScope): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.managed(manager, id, scope);
      await this.endSessions(manager, user, 'ended_by_admin');
    });
  }

  private async endSessions(
    manager: EntityManager,
    user: User,
    reason: SessionEndReason,
  ): Promise<void> {
    const sessions = await this.sessions.endAllOfUser(manager, user.id, reason);
    await this.audit.record(manager, {
      entity: 'user',
      entityId: user.id,
      action: 'session_revoked',
      after: { sessions },
      reason,
      facilityId: user.facilityId,
    });
  }

  private async managed(manager: EntityManager, id: number, scope: AdminScope): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (!user || !manages(scope, user)) throw userNotFound(id);
    return user;
  }
}
