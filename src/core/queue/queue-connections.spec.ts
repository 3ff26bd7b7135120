import { REDIS_REQUEST_TIMEOUT_MS } from '../redis/redis.module';
import { type BullClientType, queueClientOptions, type QueueClientRole } from './queue-connections';

describe('queueClientOptions', () => {
  const base = { host: '127.0.0.1', port: 6379, db: 3 };

  it('keeps the connection settings it is given', () => {
    expect(queueClientOptions('requests', 'client', base)).toMatchObject(base);
  });

  it("bounds an API process's commands by the request timeout, within 2 s", () => {
    const options = queueClientOptions('requests', 'client', base);
    expect(options.commandTimeout).toBe(REDIS_REQUEST_TIMEOUT_MS);
    expect(REDIS_REQUEST_TIMEOUT_MS).toBeLessThan(2000);
    expect(options.maxRetriesPerRequest).toBe(1);
  });

  it("lets a worker's commands wait through a restart of Redis (about 4 s), with no timeout", () => {
    const options = queueClientOptions('jobs', 'client', base);
    expect(options.commandTimeout).toBeUndefined();
    const waitedMs = Array.from({ length: options.maxRetriesPerRequest! }, (_, i) =>
      options.retryStrategy!(i + 1),
    ).reduce<number>((sum, delay) => sum + Number(delay), 0);
    expect(waitedMs).toBeGreaterThanOrEqual(3500);
  });

  it.each<[QueueClientRole, BullClientType]>([
    ['requests', 'subscriber'],
    ['requests', 'bclient'],
    ['jobs', 'subscriber'],
    ['jobs', 'bclient'],
  ])("never times out a %s process's %s connection, as Bull requires of it", (role, type) => {
    const options = queueClientOptions(role, type, base);
    expect(options).toMatchObject({ maxRetriesPerRequest: null, enableReadyCheck: false });
    expect(options.commandTimeout).toBeUndefined();
  });
});
