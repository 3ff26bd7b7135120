import { observabilityConfig } from '../config';
import { DomainError } from '../src/core/errors/domain.error';
import {
  AppLogger,
  LOG_DESTINATION,
  LOG_LEVEL_OVERRIDE,
} from '../src/core/observability/logging.module';
import { MetricsController } from '../src/core/observability/metrics.controller';
import { MetricsService } from '../src/core/observability/metrics.service';
import { HeartbeatProducer } from '../src/core/queue/heartbeat.producer';
import { runInRequestContext } from '../src/core/request-context/request-context';
import { createStaffedFacility, createSystemAdmin, Staff } from './factories/people.factory';
import { registrationPayload } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-suite-0123456789';

interface AccessLine {
  level: string;
  pid: number;
  msg: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  userId: number | null;
  facilityId: number | null;
}

describe('logs, metrics and the queue view', () => {
  let t: TestApp;
  let staff: Staff;
  let admin: { token: string };
  const lines: string[] = [];
  const accessLines = () =>
    lines
      .map((line) => JSON.parse(line) as AccessLine)
      .filter((line) => line.msg === 'request completed' || line.msg === 'request failed');

  beforeAll(async () => {
    t = await createTestApp({
      overrides: [
        { provide: LOG_DESTINATION, useValue: { write: (line: string) => lines.push(line) } },
        { provide: LOG_LEVEL_OVERRIDE, useValue: 'info' },
        {
          provide: observabilityConfig.KEY,
          useValue: { ...observabilityConfig(), metricsToken: METRICS_TOKEN },
        },
      ],
    });
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
    admin = await createSystemAdmin(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('writes one JSON access line per request and never an ID number, phone, name or token', async () => {
    lines.length = 0;
    const payload = registrationPayload();
    const woman = payload.woman as { documentNumber: string; phone: string; name: string };
    const created = await t
      .http()
      .post('/registrations')
      .set(bearer(staff.tokens.nurse))
      .set('x-request-id', 'log-test-registration-1')
      .send(payload)
      .expect(201);
    const womanId = (created.body as { woman: { id: number } }).woman.id;
    await t.http().get(`/women/${womanId}`).set(bearer(staff.tokens.nurse)).expect(200);
    // A refused login: the password in the body, the account name in the message, and an ID
    // number offered as the request id.
    await t
      .http()
      .post('/auth/login')
      .set('x-request-id', woman.documentNumber)
      .send({ username: staff.users.nurse.username, password: 'Wrong-Password-13812345678' })
      .expect(401);
    // Free text through the application logger is scrubbed as well.
    t.app.get(AppLogger).log(`registered ${woman.documentNumber}, phone ${woman.phone}`);

    const output = lines.join('');
    for (const secret of [
      woman.documentNumber,
      woman.phone,
      woman.name,
      staff.tokens.nurse,
      'Wrong-Password-13812345678',
    ]) {
      expect(output).not.toContain(secret);
    }

    const access = accessLines();
    expect(access).toHaveLength(3);
    const [registration, read, login] = access;
    expect(registration).toMatchObject({
      requestId: 'log-test-registration-1',
      method: 'POST',
      route: '/registrations',
      status: 201,
      userId: staff.users.nurse.id,
      facilityId: staff.facility.id,
    });
    expect(registration.durationMs).toEqual(expect.any(Number));
    expect(read).toMatchObject({ method: 'GET', route: '/women/:id', status: 200 });
    expect(read.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(login).toMatchObject({
      requestId: '[redacted]',
      route: '/auth/login',
      status: 401,
      userId: null,
    });
    for (const line of access) expect(line).toMatchObject({ level: 'info', pid: process.pid });
  });

  it("writes Nest's lines with their context and stack, and the request id of the request they belong to", () => {
    lines.length = 0;
    const logger = t.app.get(AppLogger);
    runInRequestContext({ requestId: 'log-test-context-1' }, () => {
      logger.log('inside a request', 'Visits');
      logger.error('it failed', 'Error: it failed\n    at here', 'Errors');
    });
    logger.warn('outside any request');
    const [inside, failed, outside] = lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(inside).toMatchObject({
      level: 'info',
      msg: 'inside a request',
      context: 'Visits',
      requestId: 'log-test-context-1',
    });
    expect(failed).toMatchObject({
      level: 'error',
      msg: 'it failed',
      context: 'Errors',
      stack: 'Error: it failed\n    at here',
      requestId: 'log-test-context-1',
    });
    expect(outside).toMatchObject({ level: 'warn', msg: 'outside any request' });
    expect(outside).not.toHaveProperty('requestId');
  });

  it('serves /metrics only with the token, with latency, queue and pool metrics', async () => {
    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set(bearer('not-the-metrics-token')).expect(401);
    await t.http().get('/women').set(bearer(staff.tokens.nurse));

    const response = await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/registrations",status="201"\} 1/,
    );
    expect(text).toMatch(/bull_queue_jobs\{queue="indicators",state="waiting"\} \d+/);
    expect(text).toMatch(/bull_queue_jobs\{queue="system",state="failed"\} \d+/);
    expect(text).toContain('# TYPE bull_job_duration_seconds histogram');
    expect(text).toMatch(/db_pool_connections\{state="all"\} [1-9]/);
    expect(text).toMatch(/db_pool_connections\{state="queued"\} \d+/);
  });

  it('times the jobs a worker runs, by queue, name and outcome', async () => {
    // A minute of its own, so that no earlier run's job of the same id stands in for it.
    const minute = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 1e7) * 60_000);
    await t.app.get(HeartbeatProducer).enqueue(minute);
    const completed =
      /bull_job_duration_seconds_count\{queue="system",name="heartbeat",outcome="completed"\} [1-9]/;
    let text = '';
    for (let attempt = 0; attempt < 50 && !completed.test(text); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      text = (await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
    }
    expect(text).toMatch(completed);
    expect(text).toMatch(
      /bull_jobs_finished_total\{queue="system",name="heartbeat",outcome="completed"\} [1-9]/,
    );
  });

  it('answers 404 at /metrics when no METRICS_TOKEN is configured', async () => {
    const off = new MetricsController(t.app.get(MetricsService), {
      ...observabilityConfig(),
      metricsToken: undefined,
    });
    await expect(off.scrape(`Bearer ${METRICS_TOKEN}`)).rejects.toMatchObject(
      new DomainError('ROUTE_NOT_FOUND', 'Cannot GET /metrics'),
    );
  });

  it('opens the queue view to a system administrator only', async () => {
    await t.http().get('/admin/queues').expect(401);
    await t.http().get('/admin/queues').set(bearer(staff.tokens.nurse)).expect(403);
    await t.http().get('/admin/queues').set(bearer(staff.tokens.admin)).expect(403);
    const page = await t.http().get('/admin/queues').set(bearer(admin.token)).expect(200);
    expect(page.text).toContain('<html');
    const api = await t.http().get('/admin/queues/api/queues').set(bearer(admin.token)).expect(200);
    const names = (api.body as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(names.sort()).toEqual(['indicators', 'risk', 'system']);
  });
});
