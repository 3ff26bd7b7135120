import type { Job, Queue } from 'bull';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { QUEUES } from '../../src/core/queue/queue.constants';
import {
  type IndicatorJobData,
  IndicatorJobsProducer,
} from '../../src/indicators/indicator-jobs.producer';
import type { ComputationScope } from '../../src/indicators/indicator-engine.service';
import { type Child, PrivateRedis, startEntryPoint, startProcessWorld, waitFor } from './processes';

/**
 * The worker as its own process, on the test database and a private Redis with an append-only
 * file: a computation whose worker is killed twice still completes, with the values of a clean
 * run and no row twice; a Redis restarted under a running and two queued jobs loses none of
 * them; and one worker runs one job at a time.
 */
const PERIOD = 'SY2026';
const JOB_TIMEOUT = 40_000;
/** 克拉玛依: a region no other spec uses. */
const REGION = '6502';

describe('indicator jobs across worker crashes and Redis restarts', () => {
  let redis: PrivateRedis;
  let queue: Queue<IndicatorJobData>;
  let producer: IndicatorJobsProducer;
  let db: Connection;
  let facilityIds: number[];
  const workers: Child[] = [];

  const startWorker = (): Child => {
    const worker = startEntryPoint(`worker-${workers.length + 1}`, 'src/worker.ts', {
      REDIS_PORT: String(redis.port),
      WORKER_IN_API: 'false',
      CRON_ENABLED: 'false',
      // A lapsed lock is noticed within seconds rather than a minute.
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
    });
    workers.push(worker);
    return worker;
  };

  const state = async (job: Job) => (await queue.getJob(job.id))?.getState();

  const finished = async (job: Job): Promise<Job<IndicatorJobData>> => {
    try {
      await waitFor(
        `job ${job.id} to finish`,
        async () => ['completed', 'failed'].includes((await state(job)) ?? ''),
        JOB_TIMEOUT,
        200,
      );
    } catch (error) {
      throw new Error(`${String(error)}\n${workers.map((w) => w.tail()).join('\n')}`, {
        cause: error,
      });
    }
    const done = (await queue.getJob(job.id))!;
    expect({ state: await done.getState(), failedReason: done.failedReason }).toEqual({
      state: 'completed',
      failedReason: undefined,
    });
    return done;
  };

  /**
   * Taken by a worker (again, when `after` is the time it was taken before) and counting: the
   * progress, set to 0 before, moves as indicators are counted (up to 90, then the values are
   * written in one transaction). Resolves to the time it was taken.
   */
  const computing = (job: Job, after = 0): Promise<number> =>
    waitFor(
      `job ${job.id} to be computing`,
      async () => {
        const current = await queue.getJob(job.id);
        const taken = Number(current?.processedOn ?? 0);
        const counting = Number(current?.progress()) > 0;
        return (await current?.getState()) === 'active' && taken > after && counting && taken;
      },
      JOB_TIMEOUT,
      20,
    );

  const values = async (ids: number[]) =>
    (
      await db.query<RowDataPacket[]>(
        `SELECT facility_id, indicator_code, numerator, denominator, excluded, incomplete
         FROM indicator_value WHERE facility_id IN (?) AND period_key = ?
         ORDER BY facility_id, indicator_code`,
        [ids, PERIOD],
      )
    )[0].map((row) => ({ ...row }));

  const compute = (scope: ComputationScope, runKey: string) =>
    producer.compute(
      { scope, period: PERIOD, group: null, trigger: 'backfill', requestedBy: null },
      runKey,
    );

  /** Two values of one indicator, facility and period would be a duplicate. */
  const expectNoDuplicate = (rows: Array<Record<string, unknown>>) => {
    const keys = rows.map((v) => `${String(v.facility_id)}:${String(v.indicator_code)}`);
    expect(new Set(keys).size).toBe(keys.length);
  };

  beforeAll(async () => {
    ({ redis, facilityIds, db, queue } = await startProcessWorld({
      pregnancies: 6000,
      seed: 20261204,
      facilityCodePrefix: 'DUR',
      cityCode: REGION,
    }));
    producer = new IndicatorJobsProducer(queue);
  }, 90_000);

  afterAll(async () => {
    for (const worker of workers) await worker.crash();
    await queue?.close().catch(() => undefined);
    await db?.end();
    await redis?.stop();
  });

  it('completes a computation whose worker is killed twice, with the values of a clean run', async () => {
    const job = await compute({ regionCode: REGION }, 'crash');

    let taken = 0;
    for (let crash = 1; crash <= 2; crash += 1) {
      await (await queue.getJob(job.id))!.progress(0);
      const worker = startWorker();
      taken = await computing(job, taken);
      await worker.crash();
      // Killed while counting: nothing written yet.
      const killed = (await queue.getJob(job.id))!;
      expect(await killed.getState()).toBe('active');
      expect(Number(killed.progress())).toBeLessThan(90);
    }
    expect(await values(facilityIds)).toEqual([]);
    startWorker();
    await finished(job);
    // Bull took it back from a dead worker twice.
    expect(await queue.client.hget(`mch:${QUEUES.indicators}:${job.id}`, 'stalledCounter')).toBe(
      '2',
    );
    const afterCrashes = await values(facilityIds);
    expect(afterCrashes.length).toBeGreaterThan(20);
    expectNoDuplicate(afterCrashes);

    // A clean run over the same records (the same worker, never interrupted) writes the same values.
    await finished(await compute({ regionCode: REGION }, 'clean'));
    expect(await values(facilityIds)).toEqual(afterCrashes);
    expect(afterCrashes.some((v) => Number(v.denominator) > 0)).toBe(true);
  }, 120_000);

  it('loses no running or queued job when Redis restarts, and runs one job at a time', async () => {
    const [first, second] = facilityIds;
    const jobs = [
      await compute({ regionCode: REGION }, 'redis-1'),
      await compute({ facilityId: first }, 'redis-2'),
      await compute({ facilityId: second }, 'redis-3'),
    ];
    await computing(jobs[0]);
    const before = await Promise.all(jobs.map(state));
    await redis.shutdown();
    await redis.start();
    // The running job and the two queued behind it are still there, and then all complete.
    expect(before).toEqual(['active', 'waiting', 'waiting']);
    for (const job of jobs) expect(await queue.getJob(job.id)).not.toBeNull();

    const done = [];
    for (const job of jobs) done.push(await finished(job));
    const spans = done
      .map((job) => ({ from: job.processedOn!, to: job.finishedOn! }))
      .sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i += 1) {
      expect(spans[i].from).toBeGreaterThanOrEqual(spans[i - 1].to);
    }
    const rows = await values(facilityIds);
    expect(rows.length).toBeGreaterThan(20);
    expectNoDuplicate(rows);
  }, 120_000);
});
