import { databaseConfig, redisConfig } from '../../config';
import { createStaffedFacility, Staff, TEST_PASSWORD } from '../factories/people.factory';
import { loginWith } from '../utils/auth';
import { TcpProxy } from '../utils/tcp-proxy';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The app runs against proxies in front of the shared MariaDB and Redis; cutting a proxy is the
 * server going away for this app alone.
 */
describe('database and Redis outages', () => {
  const database = databaseConfig();
  const redis = redisConfig();
  const databaseProxy = new TcpProxy(database.host, database.port);
  const redisProxy = new TcpProxy(redis.host, redis.port);
  let t: TestApp;
  let staff: Staff;

  const login = () =>
    t
      .http()
      .post('/auth/login')
      .send({ username: staff.users.nurse.username, password: TEST_PASSWORD });

  /** The login answer and how long it took. */
  const timedLogin = async () => {
    const started = Date.now();
    const response = await login();
    return { response, elapsedMs: Date.now() - started };
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
      overrides: [
        { provide: databaseConfig.KEY, useValue: { ...database, port: databaseProxy.port } },
        { provide: redisConfig.KEY, useValue: { ...redis, port: redisProxy.port } },
      ],
    });
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
  });

  afterAll(async () => {
    await databaseProxy.restore().catch(() => undefined);
    await redisProxy.restore().catch(() => undefined);
    await t.close();
    await databaseProxy.close();
    await redisProxy.close();
  });

  it.each([
    ['database', databaseProxy],
    ['Redis', redisProxy],
  ])(
    'answers 503 SERVICE_UNAVAILABLE within 2 s while %s is down, and heals',
    async (_, proxy) => {
      expect((await login()).status).toBe(200);

      await proxy.cut();
      for (let i = 0; i < 2; i++) {
        const { response, elapsedMs } = await timedLogin();
        expect(response.status).toBe(503);
        expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(elapsedMs).toBeLessThan(2500);
      }

      await proxy.restore();
      await eventually(async () => (await login()).status === 200);
    },
    30_000,
  );
});
