import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { databaseConfig, redisConfig } from '../../config';
import { isRedisUnavailableError } from '../../src/core/errors/outage-monitor';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { createStaffedFacility, Staff, TEST_PASSWORD } from '../factories/people.factory';
import { bearer, loginWith } from '../utils/auth';
import { TcpProxy } from '../utils/tcp-proxy';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * An API process as deployed (no queue processors in it) runs against proxies in front of the
 * shared MariaDB and Redis: cutting a proxy is the server going away for this app alone, hanging
 * it is the server accepting connections and never answering. Every request that needs the
 * missing server answers 503 SERVICE_UNAVAILABLE within 2 s, and the app heals without a restart.
 */
describe('database and Redis outages', () => {
  const database = databaseConfig();
  const redis = redisConfig();
  const databaseProxy = new TcpProxy(database.host, database.port);
  const redisProxy = new TcpProxy(redis.host, redis.port);
  const WITHIN_MS = 2000;
  const PERIOD = '2025-06';
  let t: TestApp;
  let staff: Staff;
  let queue: Queue;

  const redisDown = {
    begin: () => redisProxy.cut(),
    end: () => redisProxy.restore(),
  };
  const redisSilent = {
    begin: () => Promise.resolve(redisProxy.hang()),
    end: () => Promise.resolve(redisProxy.resume()),
  };

  const login = () =>
    t
      .http()
      .post('/auth/login')
      .send({ username: staff.users.nurse.username, password: TEST_PASSWORD });
  const statistician = () => bearer(staff.tokens.statistician);
  const enqueue = () =>
    t.http().post('/indicator-computations').set(statistician()).send({ period: PERIOD });
  const computation = (jobId: string) =>
    t.http().get(`/indicator-computations/${jobId}`).set(statistician());
  const exportJob = (jobId: string) =>
    t.http().get(`/indicator-exports/${jobId}`).set(statistician());

  /** How a piece of work ended (its value or error) and how long it took. */
  const timed = async <T>(work: () => PromiseLike<T>) => {
    const started = Date.now();
    try {
      const value = await work();
      return { value, error: undefined, elapsedMs: Date.now() - started };
    } catch (error) {
      return { value: undefined, error, elapsedMs: Date.now() - started };
    }
  };

  const expectUnavailableInTime = async (request: () => PromiseLike<{ status: number }>) => {
    const { value, elapsedMs } = await timed(request);
    const body = (value as { body?: { code?: string } } | undefined)?.body;
    expect({ status: value?.status, code: body?.code }).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(elapsedMs).toBeLessThan(WITHIN_MS);
  };

  const eventually = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('did not recover in time');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    await databaseProxy.start();
    await redisProxy.start();
    t = await createTestApp({
      processors: false,
      overrides: [
        { provide: databaseConfig.KEY, useValue: { ...database, port: databaseProxy.port } },
        { provide: redisConfig.KEY, useValue: { ...redis, port: redisProxy.port } },
      ],
    });
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
  });

  afterAll(async () => {
    redisProxy.resume();
    await databaseProxy.restore().catch(() => undefined);
    await redisProxy.restore().catch(() => undefined);
    // Nothing processes this app's jobs: they are not left for another spec's worker.
    await queue
      .removeJobs(`compute:f${staff.facility.id}:*`)
      .then(() => queue.removeJobs('outage-probe:*'))
      .catch(() => undefined);
    await t.close();
    await databaseProxy.close();
    await redisProxy.close();
  });

  it.each([
    ['database', databaseProxy],
    ['Redis', redisProxy],
  ])(
    'answers a login 503 SERVICE_UNAVAILABLE within 2 s while %s is down, and heals',
    async (_, proxy) => {
      expect((await login()).status).toBe(200);

      await proxy.cut();
      for (let i = 0; i < 2; i++) await expectUnavailableInTime(login);

      await proxy.restore();
      await eventually(async () => (await login()).status === 200);
    },
    30_000,
  );

  it.each([
    ['down', redisDown],
    ['accepting connections and never answering', redisSilent],
  ])(
    'answers 503 within 2 s to logins, enqueueing and job and export reads while Redis is %s, and heals',
    async (_, outage) => {
      const queued = await enqueue().expect(202);
      const jobId = String(queued.body.jobId);
      expect((await computation(jobId)).status).toBe(200);
      expect((await exportJob('export:none')).status).toBe(404);

      await outage.begin();
      for (const request of [
        enqueue,
        () => computation(jobId),
        () => exportJob('export:none'),
        login,
      ]) {
        await expectUnavailableInTime(request);
      }

      await outage.end();
      await eventually(async () => (await enqueue()).status === 202);
      expect((await computation(jobId)).status).toBe(200);
      expect((await exportJob('export:none')).status).toBe(404);
      expect((await login()).status).toBe(200);
    },
    30_000,
  );

  it.each([
    ['down', redisDown],
    ['accepting connections and never answering', redisSilent],
  ])(
    "gives up enqueueing and reading a job within 2 s on the API's queue connection while Redis is %s",
    async (_, outage) => {
      // The queue itself, not behind the session check: this is the connection that a worker
      // keeps waiting on through a restart of Redis, and an API process must not.
      const probe = { jobId: `outage-probe:${Date.now()}` };
      await outage.begin();
      for (const work of [
        () => queue.add('outage-probe', {}, probe),
        () => queue.getJob(probe.jobId),
      ]) {
        const { error, elapsedMs } = await timed(work);
        expect(isRedisUnavailableError(error)).toBe(true);
        expect(elapsedMs).toBeLessThan(WITHIN_MS);
      }
      await outage.end();
      await eventually(async () => (await timed(() => queue.getJobCounts())).error === undefined);
    },
    30_000,
  );
});
