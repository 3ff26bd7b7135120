import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { In } from 'typeorm';
import { authConfig, AuthConfig } from '../../config';
import { AuditEntry } from '../../src/core/audit/audit-entry.entity';
import { REDIS_CLIENT, REDIS_KEY_PREFIX } from '../../src/core/redis/redis.module';
import { User } from '../../src/core/users/user.entity';
import { createFacility, createUser, TEST_PASSWORD } from '../factories/people.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const WRONG_PASSWORD = 'Not-The-Password-2026';

/** Guessing passwords: lockout per username, throttling per address and per username. */
describe('security: login protection', () => {
  let t: TestApp;
  let config: AuthConfig;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp();
    config = t.app.get<AuthConfig>(authConfig.KEY);
    redis = t.app.get<Redis>(REDIS_CLIENT);
  });

  afterAll(() => t.close());

  const attempt = (username: string, password: string, app = t) =>
    app.http().post('/auth/login').send({ username, password });

  async function nurse(): Promise<User> {
    return createUser(t.dataSource, await createFacility(t.dataSource), 'nurse');
  }

  async function fail(username: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const { body } = await attempt(username, WRONG_PASSWORD).expect(401);
      expect(body.code).toBe('INVALID_CREDENTIALS');
    }
  }

  type Answer = { body: unknown; headers: Record<string, string> };

  /** A 429 in the common error shape, with Retry-After seconds within [least, most]. */
  function expectTooMany(response: Answer, code: string, least: number, most: number): void {
    expect(response.body).toEqual({
      statusCode: 429,
      code,
      message: expect.any(String),
      details: [],
    });
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(least);
    expect(retryAfter).toBeLessThanOrEqual(most);
  }

  const expectLocked = (response: Answer) =>
    expectTooMany(
      response,
      'LOGIN_LOCKED',
      config.login.lockoutSeconds - 10,
      config.login.lockoutSeconds,
    );

  const loginAudit = (entityId: string | number) =>
    t.dataSource.getRepository(AuditEntry).find({
      where: {
        entity: 'user',
        entityId: String(entityId),
        action: In(['login', 'login_failed', 'login_locked']),
      },
      order: { id: 'ASC' },
    });

  it('has the configured defaults: 5 wrong passwords lock a username for 15 minutes', () => {
    expect(config.login).toMatchObject({ maxFailures: 5, lockoutSeconds: 15 * 60 });
  });

  it('lets the right password in after one failure fewer than the maximum, and starts counting again', async () => {
    const user = await nurse();
    await fail(user.username, config.login.maxFailures - 1);
    await attempt(user.username, TEST_PASSWORD).expect(200);
    await fail(user.username, config.login.maxFailures - 1);
    const { body } = await attempt(user.username, TEST_PASSWORD).expect(200);
    expect(body.user.userId).toBe(user.id);
  });

  it('locks the username after the maximum: even the right password answers 429 with Retry-After', async () => {
    const user = await nurse();
    await fail(user.username, config.login.maxFailures);
    expectLocked(await attempt(user.username, TEST_PASSWORD).expect(429));
    expectLocked(await attempt(user.username.toUpperCase(), TEST_PASSWORD).expect(429));

    const rows = await loginAudit(user.id);
    expect(rows.map((row) => [row.action, row.reason])).toEqual([
      ...Array.from({ length: config.login.maxFailures }, () => ['login_failed', 'wrong_password']),
      ['login_locked', null],
      ['login_failed', 'locked'],
      ['login_failed', 'locked'],
    ]);
    expect(rows[config.login.maxFailures]).toMatchObject({
      userId: user.id,
      facilityId: user.facilityId,
      after: {
        username: user.username,
        failures: config.login.maxFailures,
        lockedForSeconds: config.login.lockoutSeconds,
      },
    });
    expect(rows.every((row) => row.before === null)).toBe(true);
    const written = JSON.stringify(rows);
    expect(written).not.toContain(WRONG_PASSWORD);
    expect(written).not.toContain(TEST_PASSWORD);
  });

  it('lets the right password in again once the lockout has passed, not a moment before', async () => {
    const user = await nurse();
    await fail(user.username, config.login.maxFailures);
    // The lockout's end, brought forward: its Redis record now expires in a moment.
    const lockKey = `login-locked:user:${user.id}`;
    expect(await redis.pttl(lockKey)).toBeGreaterThan((config.login.lockoutSeconds - 10) * 1000);
    await redis.pexpire(lockKey, 400);
    const justBefore = await attempt(user.username, TEST_PASSWORD).expect(429);
    expect(justBefore.headers['retry-after']).toBe('1');
    while ((await redis.exists(lockKey)) === 1) await new Promise((done) => setTimeout(done, 50));
    const { body } = await attempt(user.username, TEST_PASSWORD).expect(200);
    expect(body.user.userId).toBe(user.id);
    // The count starts again from zero.
    await fail(user.username, config.login.maxFailures - 1);
    await attempt(user.username, TEST_PASSWORD).expect(200);
  });

  it('audits a successful login without the password', async () => {
    const user = await nurse();
    await attempt(user.username, TEST_PASSWORD).expect(200);
    const [row] = await loginAudit(user.id);
    expect(row).toMatchObject({
      action: 'login',
      userId: user.id,
      facilityId: user.facilityId,
      before: null,
      after: { username: user.username, address: expect.any(String) },
    });
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it('answers an unknown username exactly like a wrong password, and locks it the same way', async () => {
    const user = await nurse();
    const ghost = `ghost.${randomUUID().slice(0, 8)}`;
    const wrong = await attempt(user.username, WRONG_PASSWORD).expect(401);
    const unknown = await attempt(ghost, WRONG_PASSWORD).expect(401);
    expect(unknown.body).toEqual(wrong.body);

    // Turn about, so both lock at nearly the same moment; Retry-After counts whole seconds from
    // each lock's start to each answer, so the two differ by no more than the time between them.
    for (let i = 2; i < config.login.maxFailures; i++) {
      await fail(user.username, 1);
      await fail(ghost, 1);
    }
    await fail(user.username, 1);
    const seconds = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
      const started = Date.now();
      const result = await step();
      return [result, Math.ceil((Date.now() - started) / 1000)];
    };
    const [, locksApart] = await seconds(() => fail(ghost, 1));
    const lockedReal = await attempt(user.username, TEST_PASSWORD).expect(429);
    const [lockedGhost, answersApart] = await seconds(() =>
      attempt(ghost, TEST_PASSWORD).expect(429),
    );
    expectLocked(lockedGhost);
    expect(lockedGhost.body).toEqual(lockedReal.body);
    const [ghostWait, realWait] = [lockedGhost, lockedReal].map((r) =>
      Number(r.headers['retry-after']),
    );
    expect(ghostWait - realWait).toBeGreaterThanOrEqual(-answersApart - 1);
    expect(ghostWait - realWait).toBeLessThanOrEqual(locksApart + 1);

    const rows = await loginAudit('unknown');
    const ghostRows = rows.filter((row) => row.after?.username === ghost);
    expect(ghostRows.map((row) => row.action)).toEqual([
      ...Array.from({ length: config.login.maxFailures }, () => 'login_failed'),
      'login_locked',
      'login_failed',
    ]);
    expect(ghostRows.every((row) => row.userId === null && row.facilityId === null)).toBe(true);
    expect(ghostRows[0].reason).toBe('unknown_username');
  });

  describe('throttling per client address and per username', () => {
    let strict: TestApp;
    const limits = { ratePerAddress: 5, ratePerUsername: 3 };

    /** Counters of this spec's requests only: the other specs share the Redis database. */
    async function forgetThrottling(): Promise<void> {
      const keys = await redis.keys(`${REDIS_KEY_PREFIX}throttle:*`);
      if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(REDIS_KEY_PREFIX.length)));
    }

    const expectThrottled = (response: Answer) =>
      expectTooMany(response, 'TOO_MANY_REQUESTS', 1, config.login.rateWindowSeconds);

    beforeAll(async () => {
      strict = await createTestApp({
        overrides: [
          {
            provide: authConfig.KEY,
            useValue: { ...config, login: { ...config.login, ...limits } },
          },
        ],
      });
    });

    beforeEach(forgetThrottling);
    afterAll(async () => {
      await forgetThrottling();
      await strict.close();
    });

    it('answers 429 TOO_MANY_REQUESTS past the per-username limit, right password or not', async () => {
      const user = await nurse();
      for (let i = 0; i < limits.ratePerUsername; i++) {
        await attempt(user.username, i === 0 ? TEST_PASSWORD : WRONG_PASSWORD, strict);
      }
      expectThrottled(await attempt(user.username, TEST_PASSWORD, strict).expect(429));
      // Another username from the same address still gets through.
      await attempt((await nurse()).username, TEST_PASSWORD, strict).expect(200);
    });

    it('answers 429 TOO_MANY_REQUESTS past the per-address limit, whatever the username', async () => {
      for (let i = 0; i < limits.ratePerAddress; i++) {
        await attempt(`ghost.${randomUUID().slice(0, 8)}`, WRONG_PASSWORD, strict).expect(401);
      }
      expectThrottled(await attempt((await nurse()).username, TEST_PASSWORD, strict).expect(429));
    });

    it('shares the counts between API processes through Redis', async () => {
      const other = await createTestApp({
        overrides: [
          {
            provide: authConfig.KEY,
            useValue: { ...config, login: { ...config.login, ...limits } },
          },
        ],
      });
      try {
        const user = await nurse();
        for (let i = 0; i < limits.ratePerUsername; i++) {
          await attempt(user.username, TEST_PASSWORD, i % 2 === 0 ? strict : other).expect(200);
        }
        expectThrottled(await attempt(user.username, TEST_PASSWORD, other).expect(429));
      } finally {
        await other.close();
      }
    });
  });
});
