import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config';
import { AuditService } from '../audit/audit.service';
import { DomainError, RateLimitedError } from '../errors/domain.error';
import { User } from '../users/user.entity';
import { Actor } from './actor';
import type { TokenClaims } from './auth.guard';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginLockout, lockoutSubject } from './login-lockout';
import { hashPassword, verifyPassword } from './password';
import { SessionsService } from './sessions.service';

/** Why a login failed, for the audit trail only: the caller always hears the same answer. */
type FailureReason = 'unknown_username' | 'wrong_password' | 'inactive' | 'locked';

const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', 'Unknown username or wrong password');

@Injectable()
export class AuthService {
  // Compared against when the username is unknown, so both failures take the same time.
  private readonly decoyHash = hashPassword('decoy password');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly lockout: LoginLockout,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async login(credentials: LoginDto, address: string): Promise<LoginResponseDto> {
    const found = await this.dataSource.getRepository(User).findOneBy({
      username: credentials.username,
    });
    const user = found ?? undefined;
    const subject = lockoutSubject(user?.id, credentials.username);
    const attempt = { user, username: credentials.username, address };

    const lockedFor = await this.lockout.lockedForSeconds(subject);
    if (lockedFor > 0) {
      await this.recordFailure(attempt, 'locked');
      throw new RateLimitedError(
        'LOGIN_LOCKED',
        'Too many wrong passwords for this username; try again later',
        lockedFor,
      );
    }

    const valid = await verifyPassword(
      credentials.password,
      user?.passwordHash ?? (await this.decoyHash),
    );
    if (!user || !valid || !user.active) {
      const reason = !user ? 'unknown_username' : !valid ? 'wrong_password' : 'inactive';
      const outcome = await this.lockout.recordFailure(subject);
      await this.recordFailure(attempt, reason, outcome.lockedForSeconds, outcome.failures);
      throw invalidCredentials();
    }

    const { actor, sessionId, expiresAt } = await this.startSession(user, address);
    await this.lockout.clear(subject);
    await this.sessions.remember(sessionId, actor, expiresAt);
    const claims: TokenClaims = {
      sub: actor.userId,
      sid: sessionId,
      username: actor.username,
      facilityId: actor.facilityId,
      role: actor.role,
      exp: Math.floor(expiresAt.getTime() / 1000),
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtLifetimeSeconds,
      user: actor,
    };
  }

  /** Ends the caller's own session. */
  async logout(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ended = await this.sessions.end(manager, sessionId, 'logout');
      await this.recordLogout(manager, actor, { sessions: ended ? 1 : 0 });
    });
  }

  /** Ends every session of the caller, this one included. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const sessions = await this.sessions.endAllOfUser(manager, actor.userId, 'logout_all');
      await this.recordLogout(manager, actor, { sessions, everywhere: true });
    });
  }

  private async startSession(
    user: User,
    address: string,
  ): Promise<{ actor: Actor; sessionId: string; expiresAt: Date }> {
    const expiresAt = new Date(
      (Math.floor(Date.now() / 1000) + this.config.jwtLifetimeSeconds) * 1000,
    );
    return this.dataSource.transaction(async (manager) => {
      // Read under a lock (FOR UPDATE: MariaDB has no FOR SHARE): a deactivation, password or
      // role change committing meanwhile either waits for this session (and ends it) or is seen.
      const current = await manager.findOne(User, {
        where: { id: user.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current?.active || current.passwordHash !== user.passwordHash) {
        throw invalidCredentials();
      }
      const sessionId = await this.sessions.open(manager, current, expiresAt);
      await this.audit.record(manager, {
        entity: 'user',
        entityId: current.id,
        action: 'login',
        after: { username: current.username, address },
        userId: current.id,
        facilityId: current.facilityId,
      });
      const actor: Actor = {
        userId: current.id,
        username: current.username,
        facilityId: current.facilityId,
        role: current.role,
      };
      return { actor, sessionId, expiresAt };
    });
  }

  /** Audit rows of a failed login (and of the lockout it caused); never the password. */
  private async recordFailure(
    attempt: { user: User | undefined; username: string; address: string },
    reason: FailureReason,
    lockedForSeconds: number | null = null,
    failures?: number,
  ): Promise<void> {
    const { user, username, address } = attempt;
    const subject = {
      entity: 'user',
      entityId: user ? user.id : 'unknown',
      userId: user?.id ?? null,
      facilityId: user?.facilityId ?? null,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, {
        ...subject,
        action: 'login_failed',
        after: { username, address },
        reason,
      });
      if (lockedForSeconds !== null) {
        await this.audit.record(manager, {
          ...subject,
          action: 'login_locked',
          after: { username, address, failures: failures ?? null, lockedForSeconds },
        });
      }
    });
  }

  private recordLogout(
    manager: EntityManager,
    actor: Actor,
    after: { sessions: number; everywhere?: boolean },
  ): Promise<void> {
    return this.audit.record(manager, {
      entity: 'user',
      entityId: actor.userId,
      action: 'logout',
      after,
      facilityId: actor.facilityId,
    });
  }
}
