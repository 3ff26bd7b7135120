import { randomBytes } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { insertRow } from '../database/plain-rows';
import { REDIS_CLIENT, REDIS_KEY_PREFIX } from '../redis/redis.module';
import type { User } from '../users/user.entity';
import { Actor, Role } from './actor';
import { AuthSession, SessionEndReason } from './auth-session.entity';
import { CachedSession, LocalSessions } from './local-sessions';

/** A session id: 128 random bits in lower-case hex. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{32}$/;

/** The Redis record of a session, with its expiry in epoch milliseconds. */
type StoredSession = CachedSession & { expiresAt?: number };

/** Sessions one process keeps in memory at most, and how long it trusts a live one unasked. */
const LOCAL_SESSIONS = { maxEntries: 10_000, liveForMs: 60_000 };

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
 * Sessions live in MariaDB (the authority) and are cached in Redis, which every API process
 * reads, and in each process's memory (LocalSessions), so a request usually needs no round trip
 * at all. The caches never outlive the truth: ending a session writes the ended record to Redis
 * and publishes the session's id to every process within the ending transaction, before it
 * commits; a request that loaded a session before it ended caches it in Redis only if nothing is
 * cached yet (SET NX), so it cannot overwrite that record, and in memory only if no ending was
 * heard meanwhile. While a process cannot hear endings (its subscription is down) it keeps
 * nothing in memory and asks Redis every time.
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly local = new LocalSessions(LOCAL_SESSIONS);
  private readonly endedChannel: string;
  private subscriber: Redis | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {
    // Pub/sub channels span the server's databases: the demo's and the tests' stay apart.
    this.endedChannel = `${REDIS_KEY_PREFIX}${redis.options.db ?? 0}:sessions-ended`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.duplicate({ autoResubscribe: false, lazyConnect: false });
    this.subscriber = subscriber;
    subscriber.on('ready', () => {
      subscriber.subscribe(this.endedChannel).then(
        () => this.local.resume(),
        () => this.local.suspend(),
      );
    });
    for (const event of ['error', 'close', 'reconnecting', 'end']) {
      subscriber.on(event, () => this.local.suspend());
    }
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.endedChannel) this.local.forget(message.split(','));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.suspend();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

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
    const generation = this.local.generation();
    await this.cacheLive(id, actor, expiresAt);
    this.keepLocally(id, { ...actor, active: true }, expiresAt.getTime(), generation);
  }

  /**
   * Whether the session lets its caller in: from this process's memory, else one Redis GET, the
   * database only when Redis has no record either.
   */
  async check(id: string): Promise<SessionCheck> {
    const known = this.local.get(id, Date.now());
    if (known) return checkOf(known);
    const generation = this.local.generation();
    const cached = await this.redis.get(sessionKey(id));
    if (cached === null) return this.load(id, generation);
    const { expiresAt, ...session } = JSON.parse(cached) as StoredSession;
    this.keepLocally(id, session, expiresAt ?? Number.POSITIVE_INFINITY, generation);
    return checkOf(session);
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
    // Written and announced before the commit: if Redis cannot be told, the transaction fails and
    // nothing ends in the database alone. Should the commit fail after this, the session is ended
    // early, which is the safe side.
    await this.cacheEnded(
      sessions.map((s) => ({ id: s.id, expiresAt: s.expires_at })),
      /* announce */ true,
    );
    return sessions.length;
  }

  private keepLocally(id: string, session: CachedSession, expiresAt: number, generation: number) {
    this.local.store(id, session, expiresAt, generation, Date.now());
  }

  private async load(id: string, generation: number): Promise<SessionCheck> {
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
      await this.cacheEnded([{ id, expiresAt }], /* announce */ false);
      this.keepLocally(id, { active: false }, expiresAt.getTime(), generation);
      return { state: 'ended' };
    }
    const actor: Actor = {
      userId: row.user_id,
      username: row.username,
      facilityId: row.facility_id,
      role: row.role,
    };
    await this.cacheLive(id, actor, expiresAt);
    this.keepLocally(id, { ...actor, active: true }, expiresAt.getTime(), generation);
    return { state: 'live', actor };
  }

  private async cacheLive(id: string, actor: Actor, expiresAt: Date): Promise<void> {
    const ttl = expiresAt.getTime() - Date.now();
    if (ttl <= 0) return;
    const record: StoredSession = { ...actor, active: true, expiresAt: expiresAt.getTime() };
    await this.redis.set(sessionKey(id), JSON.stringify(record), 'PX', ttl, 'NX');
  }

  /** Records the sessions as ended in Redis and, if `announce`, tells every process to forget them. */
  private async cacheEnded(
    sessions: { id: string; expiresAt: Date }[],
    announce: boolean,
  ): Promise<void> {
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const { id, expiresAt } of sessions) {
      const ttl = expiresAt.getTime() - now;
      const record: StoredSession = { active: false, expiresAt: expiresAt.getTime() };
      if (ttl > 0) pipeline.set(sessionKey(id), JSON.stringify(record), 'PX', ttl);
    }
    const ids = sessions.map((session) => session.id);
    if (announce) {
      // This process forgets at once; the others when the message reaches them, which is before
      // the ending commits and its answer leaves.
      this.local.forget(ids);
      pipeline.publish(this.endedChannel, ids.join(','));
    }
    const results = (await pipeline.exec()) ?? [];
    const failure = results.find(([error]) => error);
    if (failure) throw failure[0]!;
  }
}

function checkOf(session: CachedSession): SessionCheck {
  if (!session.active) return { state: 'ended' };
  const { userId, username, facilityId, role } = session;
  return { state: 'live', actor: { userId, username, facilityId, role } };
}
