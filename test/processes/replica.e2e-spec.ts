import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { databaseConfig } from '../../config';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { addDays } from '../../src/core/time/calendar-date';
import { INDICATORS } from '../../src/indicators/definitions';
import { countIndicators } from '../../src/indicators/indicator-calculator';
import { IndicatorEngine } from '../../src/indicators/indicator-engine.service';
import { IndicatorValue } from '../../src/indicators/indicator.entities';
import { parsePeriod, periodContaining, previousPeriod } from '../../src/indicators/periods';
import { baby, deliveryPayload, tenOClockOn } from '../factories/delivery.factory';
import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload, today } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { TcpProxy } from '../utils/tcp-proxy';
import { createTestApp, TestApp } from '../utils/test-app';
import { waitFor } from './processes';

const config = databaseConfig();
const [replica] = config.replicas;
// docker/test.sh starts a local replica and sets DB_REPLICA_HOSTS; without one there is nothing
// to check.
const describeWithReplica = replica ? describe : describe.skip;

/**
 * The indicator cohorts and the drill-down read the replica (DB_REPLICA_HOSTS), through a TCP
 * proxy this spec cuts to take the replica away; its SQL thread is stopped to make it lag.
 * Everything else, every write included, stays on the primary.
 */
describeWithReplica(
  `indicator cohorts on the read replica${replica ? '' : ' (skipped: DB_REPLICA_HOSTS is unset)'}`,
  () => {
    const proxy = new TcpProxy(replica?.host ?? '127.0.0.1', replica?.port ?? 0);
    let t: TestApp;
    let staff: Staff;
    let queue: Queue;
    let replicaSocket: string;
    let userstat: string;
    const period = () => previousPeriod(periodContaining('month', today()));
    const mch = () => bearer(staff.tokens.mch_staff);

    /** SQL on the replica as its administrator: the OS user, through its Unix socket. */
    const replicaAdmin = (sql: string) =>
      promisify(execFile)('mariadb', [
        '--no-defaults',
        `--socket=${replicaSocket}`,
        `--user=${userInfo().username}`,
        '--batch',
        '--skip-column-names',
        '--execute',
        sql,
      ]);

    /**
     * What the application's account did on the replica (its USER_STATISTICS, to which the
     * replication threads add nothing): bytes it sent, statements that read, and every other
     * statement or changed row.
     */
    const counters = async () => {
      const { stdout } = await replicaAdmin(
        `SELECT BYTES_RECEIVED, SELECT_COMMANDS,
           UPDATE_COMMANDS + OTHER_COMMANDS + ROWS_INSERTED + ROWS_UPDATED + ROWS_DELETED
         FROM information_schema.USER_STATISTICS WHERE USER = '${config.username}'`,
      );
      const [bytes, selects, others] = (stdout.trim() || '0\t0\t0').split('\t').map(Number);
      return { bytes, selects, others };
    };

    /** One more delivery last month at the facility: a registration and its delivery. */
    const recordDelivery = async (day: number) => {
      const deliveryDay = addDays(period().from, day);
      const nurse = bearer(staff.tokens.nurse);
      const { body } = await t
        .http()
        .post('/registrations')
        .set(nurse)
        .send(
          registrationPayload({
            pregnancy: {
              lmp: addDays(deliveryDay, -275),
              registrationDate: addDays(deliveryDay, -200),
            },
          }),
        )
        .expect(201);
      await t
        .http()
        .post(`/pregnancies/${body.pregnancy.id}/delivery`)
        .set(nurse)
        .send(deliveryPayload(tenOClockOn(deliveryDay), { babies: [baby()] }))
        .expect(201);
    };

    const enqueue = async (): Promise<Job> => {
      const { body } = await t
        .http()
        .post('/indicator-computations')
        .set(bearer(staff.tokens.statistician))
        .send({ period: period().key })
        .expect(202);
      return (await queue.getJob(body.jobId as string)) as Job;
    };

    /** The job's first attempt failed (for `reason`) and it waits to be tried again. */
    const failedOnceAndRetried = (job: Job, reason: RegExp) =>
      waitFor(
        'the computation to fail an attempt',
        async () => {
          const now = (await queue.getJob(job.id)) as Job;
          if (now.attemptsMade < 1) return false;
          expect(now.failedReason).toMatch(reason);
          expect(await now.getState()).not.toBe('failed');
          return true;
        },
        20_000,
      );

    const drillDown = (code: string) =>
      t
        .http()
        .get(`/indicator-values/${code}/cases`)
        .query({ period: period().key, role: 'denominator' })
        .set(mch());

    const storedValues = async () =>
      (
        await t.dataSource.getRepository(IndicatorValue).find({
          where: { facilityId: staff.facility.id, periodKey: period().key },
          order: { indicatorCode: 'ASC' },
        })
      ).map((v) => ({ ...v, counts: [v.numerator, v.denominator, v.excluded, v.incomplete] }));

    beforeAll(async () => {
      await proxy.start();
      t = await createTestApp({
        overrides: [
          {
            provide: databaseConfig.KEY,
            // A lagging replica fails a reading after 1 s here (30 s by default).
            useValue: {
              ...config,
              replicas: [{ host: '127.0.0.1', port: proxy.port }],
              replicaWaitSeconds: 1,
            },
          },
        ],
      });
      staff = await createStaffedFacility(t.dataSource, loginWith(t));
      queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
      // Jobs other specs left on the test queue would read the replica during the checks below.
      await queue.empty();
      await waitFor(
        'no computation left running',
        async () => (await queue.getActiveCount()) === 0,
        30_000,
      );
      // The replica's administrator is the OS user on its Unix socket, which the application's
      // account can name.
      const replicaDb = await createConnection({
        host: replica.host,
        port: replica.port,
        user: config.username,
        password: config.password,
      });
      try {
        const [[{ socket }]] = await replicaDb.query<RowDataPacket[]>('SELECT @@socket AS socket');
        replicaSocket = String(socket);
      } finally {
        await replicaDb.end();
      }
      userstat = (await replicaAdmin('SELECT @@GLOBAL.userstat')).stdout.trim();
      await replicaAdmin('SET GLOBAL userstat = ON');
      await recordDelivery(5);
    });

    afterAll(async () => {
      // Whatever happened, the replica applies the primary again for the specs after this one.
      await replicaAdmin('START SLAVE SQL_THREAD').catch(() => undefined);
      if (userstat) await replicaAdmin(`SET GLOBAL userstat = ${Number(userstat)}`);
      await proxy.restore().catch(() => undefined);
      await queue?.empty();
      await t?.close();
      await proxy.close();
    });

    it('keeps every write and the ordinary reads on the primary, and counts the cohorts on the replica', async () => {
      const before = await counters();
      await recordDelivery(6);
      await t
        .http()
        .get('/indicator-values')
        .query({ period: period().key })
        .set(mch())
        .expect(200);
      await t.http().get('/indicators').set(mch()).expect(200);
      // Not one statement reached the replica.
      expect((await counters()).bytes).toBe(before.bytes);

      const job = await enqueue();
      await job.finished();
      const after = await counters();
      // One statement per cohort, and MASTER_GTID_WAIT before them; nothing else.
      const cohorts = new Set(INDICATORS.map((indicator) => indicator.cohort)).size;
      expect(after.selects - before.selects).toBeGreaterThan(cohorts);
      expect(after.others).toBe(before.others);
      // The values are on the primary.
      const stored = await storedValues();
      expect(stored).toHaveLength(INDICATORS.length);
      expect(stored.every((v) => v.jobId === String(job.id))).toBe(true);
    });

    it('answers 503 and retries the computation while the replica lags, then counts what the primary holds', async () => {
      const code = INDICATORS[0].code;
      const before = await storedValues();
      await replicaAdmin('STOP SLAVE SQL_THREAD');
      const othersBefore = (await counters()).others;

      // Recorded on the primary; the replica receives it but does not apply it.
      await recordDelivery(7);
      const started = Date.now();
      const refused = await drillDown(code).expect(503);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(refused.body).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        details: [{ field: 'replica', rule: 'replicaCaughtUp' }],
      });
      const job = await enqueue();
      await failedOnceAndRetried(job, /has not applied the primary's transactions/);
      // Nothing stale was stored, and nothing was written on the replica.
      expect((await storedValues()).map((v) => [v.indicatorCode, v.jobId])).toEqual(
        before.map((v) => [v.indicatorCode, v.jobId]),
      );
      expect((await counters()).others).toBe(othersBefore);

      await replicaAdmin('START SLAVE SQL_THREAD');
      await job.finished();
      const after = await storedValues();
      expect(after.every((v) => v.jobId === String(job.id))).toBe(true);
      // The computation counted the delivery recorded while the replica lagged…
      const grown = after.filter(
        (v, i) =>
          v.denominator > before[i].denominator && v.indicatorCode === before[i].indicatorCode,
      );
      expect(grown.length).toBeGreaterThan(0);
      // …and stored exactly what the cohorts count on the primary alone, as of the same instant.
      const engine = t.app.get(IndicatorEngine);
      const onPrimary = await countIndicators(
        t.dataSource.manager,
        INDICATORS,
        engine.cohortParams([staff.facility.id], parsePeriod(period().key), after[0].computedAt),
      );
      expect(after.map((v) => [v.indicatorCode, ...v.counts])).toEqual(
        [...onPrimary]
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((c) => [c.code, c.numerator, c.denominator, c.excluded, c.incomplete]),
      );
      // The drill-down lists the same cases as the value, read on the caught-up replica.
      const listed = await drillDown(grown[0].indicatorCode).expect(200);
      expect(listed.body.total).toBe(grown[0].denominator);
    }, 60_000);

    it('answers 503 and retries the computation while the replica is down, and heals', async () => {
      const code = INDICATORS[0].code;
      await proxy.cut();
      const started = Date.now();
      const refused = await drillDown(code).expect(503);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(refused.body).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: [{ field: 'replica', rule: 'replicaReachable' }],
      });
      // The primary still serves everything else.
      await t
        .http()
        .get('/indicator-values')
        .query({ period: period().key })
        .set(mch())
        .expect(200);
      const job = await enqueue();
      await failedOnceAndRetried(job, /cannot be reached/);

      await proxy.restore();
      await job.finished();
      expect((await storedValues()).every((v) => v.jobId === String(job.id))).toBe(true);
      await waitFor(
        'the drill-down to answer again',
        async () => {
          return (await drillDown(code)).status === 200;
        },
        10_000,
      );
    }, 60_000);
  },
);
