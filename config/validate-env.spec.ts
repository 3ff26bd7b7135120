import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { workerConfig } from './worker.config';

const VALID_DATABASE = {
  DB_HOST: '127.0.0.1',
  DB_PORT: '3306',
  DB_USER: 'mch',
  DB_PASSWORD: 'mch',
  DB_NAME: 'mch',
};

function withEnv<T>(env: Record<string, string | undefined>, read: () => T): T {
  const saved = { ...process.env };
  process.env = { ...env };
  try {
    return read();
  } finally {
    process.env = saved;
  }
}

describe('configuration validated at start-up', () => {
  it('reads a valid database namespace with numbers parsed', () => {
    expect(withEnv(VALID_DATABASE, () => databaseConfig())).toMatchObject({
      port: 3306,
      poolSize: 10,
    });
  });

  it('reads the read replicas: a comma-separated list, on DB_PORT unless DB_REPLICA_PORT', () => {
    expect(withEnv(VALID_DATABASE, () => databaseConfig()).replicas).toEqual([]);
    const env = { ...VALID_DATABASE, DB_REPLICA_HOSTS: 'db-r1, db-r2' };
    expect(withEnv(env, () => databaseConfig()).replicas).toEqual([
      { host: 'db-r1', port: 3306 },
      { host: 'db-r2', port: 3306 },
    ]);
    expect(
      withEnv({ ...env, DB_REPLICA_PORT: '3307' }, () => databaseConfig()).replicas[1],
    ).toEqual({ host: 'db-r2', port: 3307 });
  });

  it.each([
    [{ ...VALID_DATABASE, DB_HOST: undefined }, /DB_HOST \(missing\)/],
    [{ ...VALID_DATABASE, DB_PORT: 'abc' }, /DB_PORT \(got "abc"\)/],
    [{ ...VALID_DATABASE, DB_PORT: '70000' }, /DB_PORT .*65535/],
    [{ ...VALID_DATABASE, DB_POOL_SIZE: '0' }, /DB_POOL_SIZE/],
    [{ ...VALID_DATABASE, DB_REPLICA_HOSTS: 'a b' }, /DB_REPLICA_HOSTS/],
    [{ ...VALID_DATABASE, DB_REPLICA_PORT: '0' }, /DB_REPLICA_PORT/],
  ])('stops on a bad database variable %#, naming it', (env, message) => {
    expect(() => withEnv(env, () => databaseConfig())).toThrow(message);
  });

  it('requires a JWT secret of at least 32 characters', () => {
    const random = 'q8ZfV3m-T0wLr9sYk2Hc7uJ4nXe1GbPa';
    expect(() => withEnv({ JWT_SECRET: 'short' }, () => authConfig())).toThrow(/JWT_SECRET/);
    expect(withEnv({ JWT_SECRET: random, JWT_EXPIRES_IN: '2h' }, () => authConfig())).toMatchObject(
      { jwtLifetimeSeconds: 7200 },
    );
    expect(() =>
      withEnv({ JWT_SECRET: random, JWT_EXPIRES_IN: 'soon' }, () => authConfig()),
    ).toThrow(/JWT_EXPIRES_IN/);
  });

  it('refuses a weak JWT secret unless NODE_ENV is development or test', () => {
    const weak = 'x'.repeat(32);
    expect(() => withEnv({ JWT_SECRET: weak }, () => authConfig())).toThrow(
      /JWT_SECRET: has fewer than 10 distinct characters/,
    );
    expect(() => withEnv({ JWT_SECRET: weak, NODE_ENV: 'production' }, () => authConfig())).toThrow(
      /JWT_SECRET/,
    );
    expect(withEnv({ JWT_SECRET: weak, NODE_ENV: 'test' }, () => authConfig())).toMatchObject({
      jwtSecret: weak,
    });
  });

  it('reads the login protection settings with their defaults, and checks them', () => {
    const env = { JWT_SECRET: 'x'.repeat(32), NODE_ENV: 'test' };
    expect(withEnv(env, () => authConfig()).login).toEqual({
      maxFailures: 5,
      lockoutSeconds: 900,
      rateWindowSeconds: 60,
      ratePerAddress: 120,
      ratePerUsername: 10,
    });
    expect(
      withEnv({ ...env, LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '1' }, () => authConfig())
        .login,
    ).toMatchObject({ maxFailures: 3, lockoutSeconds: 60 });
    expect(() => withEnv({ ...env, LOGIN_MAX_FAILURES: '0' }, () => authConfig())).toThrow(
      /LOGIN_MAX_FAILURES/,
    );
    expect(() => withEnv({ ...env, LOGIN_RATE_PER_ADDRESS: 'lots' }, () => authConfig())).toThrow(
      /LOGIN_RATE_PER_ADDRESS/,
    );
  });

  it('defaults the hospital time zone to Asia/Shanghai and refuses an unknown zone', () => {
    expect(withEnv({}, () => appConfig())).toMatchObject({ timeZone: 'Asia/Shanghai', port: 3000 });
    expect(() => withEnv({ HOSPITAL_TIME_ZONE: 'Mars/Olympus' }, () => appConfig())).toThrow(
      /HOSPITAL_TIME_ZONE/,
    );
  });

  it('serves the API docs unless in production, where they must be asked for', () => {
    expect(withEnv({}, () => appConfig()).swaggerEnabled).toBe(true);
    expect(withEnv({ NODE_ENV: 'production' }, () => appConfig()).swaggerEnabled).toBe(false);
    expect(
      withEnv({ NODE_ENV: 'production', SWAGGER_ENABLED: 'true' }, () => appConfig())
        .swaggerEnabled,
    ).toBe(true);
  });

  it('allows no CORS origin unless listed, and refuses anything but origins', () => {
    expect(withEnv({}, () => appConfig()).corsOrigins).toEqual([]);
    expect(withEnv({ CORS_ORIGINS: '' }, () => appConfig()).corsOrigins).toEqual([]);
    expect(
      withEnv({ CORS_ORIGINS: 'https://mch.example.org, http://localhost:5173' }, () => appConfig())
        .corsOrigins,
    ).toEqual(['https://mch.example.org', 'http://localhost:5173']);
    for (const bad of ['*', 'mch.example.org', 'https://mch.example.org/app']) {
      expect(() => withEnv({ CORS_ORIGINS: bad }, () => appConfig())).toThrow(/CORS_ORIGINS/);
    }
  });

  it('names a migration account and the role of the application account', () => {
    expect(withEnv(VALID_DATABASE, () => databaseConfig())).toMatchObject({
      username: 'mch',
      migration: { username: 'mch_migrator', password: 'mch_migrator' },
      appRole: 'mch_app',
    });
    expect(
      withEnv(
        {
          ...VALID_DATABASE,
          DB_MIGRATION_USER: 'owner',
          DB_MIGRATION_PASSWORD: 's3cret',
          DB_APP_ROLE: 'mch_rw',
        },
        () => databaseConfig(),
      ),
    ).toMatchObject({ migration: { username: 'owner', password: 's3cret' }, appRole: 'mch_rw' });
    expect(() =>
      withEnv({ ...VALID_DATABASE, DB_APP_ROLE: 'x; DROP' }, () => databaseConfig()),
    ).toThrow(/DB_APP_ROLE/);
  });

  it('reads worker switches as booleans and refuses anything else', () => {
    expect(withEnv({ WORKER_IN_API: 'true', CRON_ENABLED: '0' }, () => workerConfig())).toEqual({
      inApi: true,
      cronEnabled: false,
      queueLockDurationMs: 60_000,
      queueStalledIntervalMs: 30_000,
    });
    expect(() => withEnv({ CRON_ENABLED: 'sometimes' }, () => workerConfig())).toThrow(
      /CRON_ENABLED/,
    );
  });

  it('reads the queue lock and stall check times, a second or more', () => {
    const env = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '' };
    expect(withEnv(env, () => workerConfig())).toMatchObject({
      queueLockDurationMs: 2000,
      queueStalledIntervalMs: 30_000,
    });
    expect(() => withEnv({ QUEUE_LOCK_DURATION_MS: '500' }, () => workerConfig())).toThrow(
      /QUEUE_LOCK_DURATION_MS/,
    );
    expect(() => withEnv({ QUEUE_STALLED_INTERVAL_MS: 'soon' }, () => workerConfig())).toThrow(
      /QUEUE_STALLED_INTERVAL_MS/,
    );
  });
});
