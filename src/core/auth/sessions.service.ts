import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { insertRow } from '../database/plain-rows';
import { REDIS_CLIENT } from '../redis/redis.module';
import type { User } from '../users/user.entity';
import { Actor, Role } from './actor';
import { AuthSession, SessionEndReason } from './auth-session.entity';

/** A session id: 128 random bits in lower-case hex. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{32}$/;

/** The Redis record of a session: who it lets in while live, or that it has ended. */
type CachedSession = (Actor & { active: true }) | { active: false };

const ENDED = JSON.stringify({ active: false } satisfies CachedSession);

export type SessionCheck =
  | { state: 'live'; actor: Actor }
  | { state: 'ended' }
  /** No such session: never issued here, or signed with a made-up id. */
  | { state: 'unknown' };

interface SessionRow {
  user_id: number;
  role: Role;
  facility_id: number;
  expires_at: Date;
  revoked_at: Date | null;
  username: string;
  active: number;
  user_role: Role;
  user_facility_id: number;
}

const sessionKey = (id: string) => `session:${id}`;

/**
 * Sessions live in MariaDB (the authority) and are cached in Redis, where every API process
 * checks them on every request. The cache never outlives the truth: ending a session writes the
 * ENDED record within the ending transaction, and a request that loaded a session before it ended
 * caches it only if nothing is cached yet (SET NX), so it cannot overwrite that record.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Starts a session of `user` in `manager`'s transaction; `remember` it once committed. */
  async open(manager: EntityManager, user: User, expiresAt: Date): Promise<string> {
    const id = randomBytes(16).toString('hex');
    await insertRow(manager, AuthSession, {
      id,
      userId: user.id,
      facilityId: user.facilityId,
      role: user.role,
      expiresAt,
    });
    return id;
  }

  /** Caches a session just committed, so its first request needs no database read. */
  async remember(id: string, actor: Actor, expiresAt: Date): Promise<void> {
    await this.cacheLive(id, actor, expiresAt);
  }

  /** Whether the session lets its caller in: one Redis GET, the database only on a miss. */
  async check(id: string): Promise<SessionCheck> {
    const cached = await this.redis.get(sessionKey(id));
    if (cached !== null) {
      const session = JSON.parse(cached) as CachedSession;
      if (!session.active) return { state: 'ended' };
      const { userId, username, facilityId, role } = session;
      return { state: 'live', actor: { userId, username, facilityId, role } };
    }
    return this.load(id);
  }

  /** Ends every session of the user still running; in `manager`'s transaction. */
  endAllOfUser(manager: EntityManager, userId: number, reason: SessionEndReason): Promise<number> {
    return this.endWhere(manager, 'user_id = ?', userId, reason);
  }

  /** Ends one session; in `manager`'s transaction. */
  async end(manager: EntityManager, id: string, reason: SessionEndReason): Promise<boolean> {
    return (await this.endWhere(manager, 'id = ?', id, reason)) > 0;
  }

  private async endWhere(
    manager: EntityManager,
    condition: string,
    value: number | string,
    reason: SessionEndReason,
  ): Promise<number> {
    const now = new Date();
    // A locking read sees sessions committed after this transaction began (a login racing it).
    const sessions = await manager.query<{ id: string; expires_at: Date }[]>(
      `SELECT id, expires_at FROM auth_session
       WHERE ${condition} AND revoked_at IS NULL AND expires_at > ? FOR UPDATE`,
      [value, now],
    );
    if (sessions.length === 0) return 0;
    await manager.query(
      'UPDATE auth_session SET revoked_at = ?, revoked_reason = ? WHERE id IN (?)',
      [now, reason, sessions.map((session) => session.id)],
    );
    // Written before the commit: if Redis cannot be told, the transaction fails and nothing ends
    // in the database alone. Should the commit fail after this, the session is ended early, which
    // is the safe side.
    await this.cacheEnded(sessions.map((s) => ({ id: s.id, expiresAt: s.expires_at })));
    return sessions.length;
  }

  private async load(id: string): Promise<SessionCheck> {
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT s.user_id, s.role, s.facility_id, s.expires_at, s.revoked_at,
              u.username, u.active, u.role AS user_role, u.facility_id AS user_facility_id
       FROM auth_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.id = ?`,
      [id],
    );
    if (!row) return { state: 'unknown' };
    const expiresAt = new Date(row.expires_at);
    const live =
      row.revoked_at === null &&
      expiresAt.getTime() > Date.now() &&
      Boolean(row.active) &&
      row.user_role === row.role &&
      row.user_facility_id === row.facility_id;
    if (!live) {
      await this.cacheEnded([{ id, expiresAt }]);
      return { state: 'ended' };
    }
    const actor: Actor = {
      userId: row.user_id,
      username: row.username,
      facilityId: row.facility_id,
      role: row.role,
    };
    await this.cacheLive(id, actor, expiresAt);
    return { state: 'live', actor };
  }

  private async cacheLive(id: string, actor: Actor, expiresAt: Date): Promise<void> {
    const ttl = expiresAt.getTime() - Date.now();
    if (ttl <= 0) return;
    const record: CachedSession = { ...actor, active: true };
    await this.redis.set(sessionKey(id), JSON.stringify(record), 'PX', ttl, 'NX');
  }

  private async cacheEnded(sessions: { id: string; expiresAt: Date }[]): Promise<void> {
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const { id, expiresAt } of sessions) {
      const ttl = expiresAt.getTime() - now;
      if (ttl > 0) pipeline.set(sessionKey(id), ENDED, 'PX', ttl);
    }
    const results = (await pipeline.exec()) ?? [];
    const failure = results.find(([error]) => error);
    if (failure) throw failure[0]!;
  }
}
