import { AuditEntry } from '../src/core/audit/audit-entry.entity';
import { HeartbeatProducer } from '../src/core/queue/heartbeat.producer';
import {
  createStaffedFacility,
  createSystemAdmin,
  Staff,
  TEST_PASSWORD,
} from './factories/people.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

describe('platform: health, docs, login, roles, facilities, users, errors', () => {
  let t: TestApp;
  let staff: Staff;
  let systemAdmin: Awaited<ReturnType<typeof createSystemAdmin>>;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
  });

  afterAll(() => t.close());

  it('reports database, Redis and a beating worker up on /health without a token', async () => {
    await (await t.app.get(HeartbeatProducer).enqueue()).finished();
    const response = await t.http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info.database.status).toBe('up');
    expect(response.body.info.redis.status).toBe('up');
    expect(response.body.info.worker.status).toBe('up');
  });

  it('documents the registration, search, status, audit, user and facility endpoints', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/registrations',
        '/pregnancies',
        '/pregnancies/{id}',
        '/pregnancies/{id}/status',
        '/pregnancies/{id}/redating',
        '/audit-entries',
        '/users',
        '/facilities',
        '/auth/login',
        '/health',
      ]),
    );
    expect(body.components.schemas.ErrorResponseDto).toBeDefined();
    expect(body.components.schemas.RegistrationDto).toBeDefined();
  });

  it('runs a queued heartbeat through the worker, once per minute whatever the ticks', async () => {
    const producer = t.app.get(HeartbeatProducer);
    const minute = new Date(Date.UTC(2026, 0, 1, 8, Math.floor(Math.random() * 60)));
    const job = await producer.enqueue(minute);
    const again = await producer.enqueue(minute);
    expect(again.id).toBe(job.id);
    await job.finished();
    const { body } = await t.http().get('/health').expect(200);
    expect(Date.parse(body.info.redis.lastWorkerHeartbeat)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('puts a request id on every response, and echoes a sane one given by the caller', async () => {
    const generated = await t.http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http().get('/health').set('X-Request-Id', 'ward-desk-0001');
    expect(echoed.headers['x-request-id']).toBe('ward-desk-0001');
  });

  describe('login', () => {
    it('returns a bearer token and the user', async () => {
      const { body } = await t
        .http()
        .post('/auth/login')
        .send({ username: staff.users.nurse.username, password: TEST_PASSWORD })
        .expect(200);
      expect(body.tokenType).toBe('Bearer');
      expect(body.user).toEqual({
        userId: staff.users.nurse.id,
        username: staff.users.nurse.username,
        facilityId: staff.facility.id,
        role: 'nurse',
      });
      await t.http().get('/auth/me').set(bearer(body.accessToken)).expect(200);
    });

    it.each([
      [
        'wrong password',
        () => ({ username: staff.users.nurse.username, password: 'not-the-password' }),
      ],
      ['unknown user', () => ({ username: 'nobody.here', password: TEST_PASSWORD })],
    ])('refuses a %s with 401 INVALID_CREDENTIALS', async (_case, credentials) => {
      const { body } = await t.http().post('/auth/login').send(credentials()).expect(401);
      expect(body.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses an inactive user', async () => {
      await t.dataSource.query('UPDATE app_user SET active = 0 WHERE id = ?', [
        staff.users.statistician.id,
      ]);
      const { body } = await t
        .http()
        .post('/auth/login')
        .send({ username: staff.users.statistician.username, password: TEST_PASSWORD })
        .expect(401);
      expect(body.code).toBe('INVALID_CREDENTIALS');
      await t.dataSource.query('UPDATE app_user SET active = 1 WHERE id = ?', [
        staff.users.statistician.id,
      ]);
    });

    it('names the missing fields of an empty login', async () => {
      const { body } = await t.http().post('/auth/login').send({}).expect(400);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['username', 'password']),
      );
    });
  });

  describe('authentication and roles', () => {
    it.each([
      ['GET', '/pregnancies'],
      ['GET', '/facilities'],
      ['GET', '/audit-entries'],
      ['POST', '/registrations'],
    ])('answers %s %s without a token with 401', async (method, path) => {
      const response = await t.http()[method.toLowerCase() as 'get' | 'post'](path).expect(401);
      expect(response.body).toMatchObject({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        details: [],
      });
    });

    it('refuses a forged token', async () => {
      const forged = `${staff.tokens.admin.slice(0, -4)}abcd`;
      const { body } = await t.http().get('/facilities').set(bearer(forged)).expect(401);
      expect(body.code).toBe('UNAUTHENTICATED');
    });

    it.each([
      ['nurse', 'GET', '/users'],
      ['nurse', 'GET', '/audit-entries'],
      ['statistician', 'GET', '/audit-entries'],
      ['nurse', 'POST', '/facilities'],
      ['admin', 'POST', '/facilities'],
      ['statistician', 'POST', '/registrations'],
      ['admin', 'POST', '/registrations'],
      ['nurse', 'GET', '/women/possible-duplicates'],
    ] as const)('refuses a %s %s %s with 403', async (role, method, path) => {
      const call = method === 'GET' ? t.http().get(path) : t.http().post(path).send({});
      const { body } = await call.set(bearer(staff.tokens[role])).expect(403);
      expect(body.code).toBe('FORBIDDEN_ROLE');
    });
  });

  describe('facilities (system admin) and users (admin)', () => {
    it('creates a facility, refuses a duplicate code, and audits it', async () => {
      const code = `F-${Date.now()}`;
      const created = await t
        .http()
        .post('/facilities')
        .set(bearer(systemAdmin.token))
        .send({ code, name: '海淀区妇幼保健院', level: 2, regionCode: '110108' })
        .expect(201);
      expect(created.body).toMatchObject({
        code,
        level: 2,
        levelName: '二级',
        regionCode: '110108',
      });

      const duplicate = await t
        .http()
        .post('/facilities')
        .set(bearer(systemAdmin.token))
        .send({ code, name: 'Other', level: 1, regionCode: '110108' })
        .expect(409);
      expect(duplicate.body.code).toBe('FACILITY_CODE_TAKEN');

      const audit = await t.dataSource.getRepository(AuditEntry).findOneByOrFail({
        entity: 'facility',
        entityId: String(created.body.id),
      });
      expect(audit).toMatchObject({ action: 'create', userId: systemAdmin.user.id });
    });

    it('validates a facility and names each bad field', async () => {
      const { body } = await t
        .http()
        .post('/facilities')
        .set(bearer(systemAdmin.token))
        .send({ code: 'x', name: '', level: 4, regionCode: '1101' })
        .expect(400);
      expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        expect.arrayContaining(['code', 'level', 'name', 'regionCode']),
      );
    });

    it('creates a user who can then log in, and refuses a stale update', async () => {
      const username = `nurse.new${Date.now() % 100000}`;
      const created = await t
        .http()
        .post('/users')
        .set(bearer(staff.tokens.admin))
        .send({
          username,
          displayName: '新护士',
          role: 'nurse',
          facilityId: staff.facility.id,
          password: 'Brand-New-Password',
        })
        .expect(201);
      expect(created.body).not.toHaveProperty('passwordHash');
      await loginWith(t)(username, 'Brand-New-Password');

      await t
        .http()
        .patch(`/users/${created.body.id}`)
        .set(bearer(staff.tokens.admin))
        .send({ version: created.body.version, displayName: '新护士长' })
        .expect(200);
      const stale = await t
        .http()
        .patch(`/users/${created.body.id}`)
        .set(bearer(staff.tokens.admin))
        .send({ version: created.body.version, displayName: 'Again' })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    });
  });

  describe('error shape', () => {
    it('answers an unknown route with 404 in the common shape', async () => {
      const { body } = await t
        .http()
        .get('/no-such-thing')
        .set(bearer(staff.tokens.nurse))
        .expect(404);
      expect(body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', details: [] });
    });

    it('answers malformed JSON with 400', async () => {
      const { body } = await t
        .http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": ')
        .expect(400)
        .expect('x-request-id', /.{8,}/);
      expect(body.code).toBe('MALFORMED_REQUEST');
    });

    it('names a non-numeric path id', async () => {
      const { body } = await t
        .http()
        .get('/pregnancies/abc')
        .set(bearer(staff.tokens.nurse))
        .expect(400);
      expect(body.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isInt' })]);
    });

    it('refuses unknown body fields', async () => {
      const { body } = await t
        .http()
        .post('/auth/login')
        .send({ username: 'a', password: 'b', role: 'admin' })
        .expect(400);
      expect(body.details).toEqual([
        expect.objectContaining({ field: 'role', rule: 'whitelistValidation' }),
      ]);
    });
  });
});
