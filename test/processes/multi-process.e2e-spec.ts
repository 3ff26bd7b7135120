import type { Queue } from 'bull';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { appConfig } from '../../config';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { todayIn } from '../../src/core/time/calendar-date';
import {
  type IndicatorJobData,
  IndicatorJobsProducer,
  PLAN_CLAIM_PREFIX,
} from '../../src/indicators/indicator-jobs.producer';
import type { Plan } from '../../src/indicators/indicator-planner.service';
import { SYNTHETIC_PASSWORD } from '../../src/synthetic/generate';
import {
  type Child,
  freePort,
  PrivateRedis,
  startEntryPoint,
  startProcessWorld,
  waitFor,
} from './processes';

/**
 * A deployment of two API processes and two workers, both workers with the cron, on the test
 * database and one Redis: the day is planned once although both schedulers tick (and once again
 * after the plan job has been trimmed from the queue), and requests spread over both APIs
 * produce each computation and export once, with no value twice.
 */
const REGION = '6542'; // 塔城: a region no other spec uses
const TIMEOUT = 60_000;

describe('two API processes and two workers', () => {
  let redis: PrivateRedis;
  let queue: Queue<IndicatorJobData>;
  let db: Connection;
  let facilityIds: number[];
  const apis: { child: Child; url: string }[] = [];
  const workers: Child[] = [];
  const today = () => todayIn(appConfig().timeZone);

  const rows = async (sql: string, params: unknown[] = []) =>
    (await db.query<RowDataPacket[]>(sql, params))[0];

  /** The n-th request goes to API n mod 2, like a round-robin load balancer. */
  const call = async (n: number, method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${apis[n % apis.length].url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const failWithLogs = (error: unknown): never => {
    const children = [...apis.map((a) => a.child), ...workers];
    throw new Error(
      `${String(error)}\n${children.map((c) => `${c.name}:\n${c.tail()}`).join('\n')}`,
      { cause: error },
    );
  };

  beforeAll(async () => {
    ({ redis, facilityIds, db, queue } = await startProcessWorld({
      pregnancies: 600,
      seed: 20261205,
      facilityCodePrefix: 'MP',
      cityCode: REGION,
    }));

    const shared = { REDIS_PORT: String(redis.port), WORKER_IN_API: 'false' };
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      apis.push({
        child: startEntryPoint(`api-${i + 1}`, 'src/main.ts', {
          ...shared,
          PORT: String(port),
          CRON_ENABLED: 'false',
        }),
        url: `http://127.0.0.1:${port}`,
      });
      // Both workers run the schedule, and both tick at start-up.
      workers.push(
        startEntryPoint(`worker-${i + 1}`, 'src/worker.ts', { ...shared, CRON_ENABLED: 'true' }),
      );
    }
    // The worker says so once its start-up is over, the schedule's first tick included.
    for (const worker of workers)
      await worker.printed('Worker started', TIMEOUT).catch(failWithLogs);
    for (const api of apis) {
      await waitFor(
        `${api.child.name} to answer`,
        async () => (await fetch(`${api.url}/health`)).status,
        TIMEOUT,
        250,
      ).catch(failWithLogs);
    }
  }, 120_000);

  afterAll(async () => {
    for (const child of [...workers, ...apis.map((a) => a.child)]) await child.stop();
    await queue?.close().catch(() => undefined);
    await db?.end();
    await redis?.stop();
  });

  it('plans the day once although both workers run the schedule', async () => {
    const day = today();
    const plan = await waitFor(
      'the plan to complete',
      async () => {
        const job = await queue.getJob(`plan:${day}`);
        return (await job?.getState()) === 'completed' && job;
      },
      TIMEOUT,
      200,
    ).catch(failWithLogs);
    const planned = plan.returnvalue as Plan;
    expect(planned.enqueued).toBeGreaterThan(0);
    // The computations the plan enqueued: one job per facility and period.
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
    const fromPlan = jobs.filter((job) => job.name === 'compute');
    expect(fromPlan.length).toBe(planned.enqueued);
    expect(jobs.filter((job) => job.name === 'plan')).toHaveLength(1);

    // Finished jobs are trimmed from the queue; the day stays planned.
    await plan.remove();
    const again = await new IndicatorJobsProducer(queue).plan(day);
    expect(again).toBeNull();
    expect(await queue.getJob(`plan:${day}`)).toBeNull();
    expect(await queue.client.exists(`${PLAN_CLAIM_PREFIX}${day}`)).toBe(1);

    // The nightly computations are not what the next test counts.
    await queue.empty();
  }, 90_000);

  it('computes and exports each request once, whichever API takes it and whichever worker runs it', async () => {
    const users = await rows(
      `SELECT username, facility_id FROM app_user
       WHERE facility_id IN (?) AND role = 'statistician' ORDER BY facility_id LIMIT 2`,
      [facilityIds],
    );
    expect(users).toHaveLength(2);
    const tokens: string[] = [];
    for (const [i, user] of users.entries()) {
      const login = await call(i, 'POST', '/auth/login', undefined, {
        username: user.username,
        password: SYNTHETIC_PASSWORD,
      });
      expect(login.status).toBe(200);
      tokens.push(login.body.accessToken as string);
    }

    // Each statistician asks through both APIs (a session is shared by every API process).
    // Months before the nightly backfill's window, which the plan's computations may still write.
    const periods = ['2025-01', '2025-02', '2025-03', '2025-04'];
    const computations: string[] = [];
    let n = 0;
    for (const period of periods) {
      for (const token of tokens) {
        const response = await call(n++, 'POST', '/indicator-computations', token, { period });
        expect(response.status).toBe(202);
        computations.push(response.body.jobId as string);
      }
    }
    expect(new Set(computations).size).toBe(computations.length);
    const waitDone = (path: string, k: number, token: string) =>
      waitFor(
        `${path} to finish`,
        async () => {
          const { body } = await call(k, 'GET', path, token);
          return ['completed', 'failed'].includes(body.state as string) && body;
        },
        TIMEOUT,
        250,
      ).catch(failWithLogs);
    for (const [k, jobId] of computations.entries()) {
      const body = await waitDone(
        `/indicator-computations/${encodeURIComponent(jobId)}`,
        k + 1,
        tokens[k % 2],
      );
      expect({ state: body.state, failedReason: body.failedReason }).toEqual({
        state: 'completed',
        failedReason: null,
      });
    }

    const exports: string[] = [];
    for (const [k, period] of periods.entries()) {
      const token = tokens[k % 2];
      const response = await call(k, 'POST', '/indicator-exports', token, {
        period,
        format: 'csv',
        allowStale: true,
      });
      expect(response.status).toBe(202);
      exports.push(response.body.jobId as string);
    }
    for (const [k, jobId] of exports.entries()) {
      const body = await waitDone(
        `/indicator-exports/${encodeURIComponent(jobId)}`,
        k + 1,
        tokens[k % 2],
      );
      expect(body.state).toBe('completed');
    }

    // Each computation ran once: the values of each facility and period were last written by
    // its last request, one row per indicator.
    const values = await rows(
      `SELECT facility_id, period_key, indicator_code, COUNT(*) AS n FROM indicator_value
       WHERE facility_id IN (?) AND period_key IN (?) GROUP BY 1, 2, 3`,
      [facilityIds, periods],
    );
    expect(values.length).toBeGreaterThan(periods.length * 2 * 10);
    expect(values.filter((v) => Number(v.n) !== 1)).toEqual([]);
    const writers = await rows(
      `SELECT DISTINCT job_id FROM indicator_value WHERE facility_id IN (?) AND period_key IN (?)`,
      [facilityIds, periods],
    );
    expect(writers.map((w) => w.job_id).sort()).toEqual([...computations].sort());
    // Each export stored once.
    const stored = await rows(
      `SELECT job_id, COUNT(*) AS n FROM indicator_export WHERE job_id IN (?) GROUP BY job_id`,
      [exports],
    );
    expect(stored.map((s) => [s.job_id, Number(s.n)]).sort()).toEqual(
      exports.map((id) => [id, 1]).sort(),
    );
    // And no job ran twice: none was ever taken back from a worker.
    for (const jobId of [...computations, ...exports]) {
      expect(
        await queue.client.hget(`mch:${QUEUES.indicators}:${jobId}`, 'stalledCounter'),
      ).toBeNull();
    }
  }, 120_000);
});
