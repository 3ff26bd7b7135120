import Redis, { type RedisOptions } from 'ioredis';
import { REDIS_REQUEST_TIMEOUT_MS } from '../redis/redis.module';

/** Provided (true) by WorkerModule: this process runs queue processors. */
export const RUNS_QUEUE_PROCESSORS = Symbol('RUNS_QUEUE_PROCESSORS');

/**
 * How long this process's Bull connections wait for Redis.
 * - `jobs`: a process that runs processors (the worker, or an API with `WORKER_IN_API`). Its
 *   commands ride out a restart of Redis (they fail after about 4 s of Redis away, reconnecting
 *   every 200 ms), so a running job's attempt does not fail because Redis blinked; an enqueue
 *   it serves may take that long to answer 503.
 * - `requests`: an API process that runs none. A command that Redis has not answered within
 *   REDIS_REQUEST_TIMEOUT_MS fails, whether Redis refuses connections or accepts them and stays
 *   silent, so enqueueing and job reads answer 503 within 2 s; the connection keeps
 *   reconnecting in the background.
 */
export type QueueClientRole = 'jobs' | 'requests';

export type BullClientType = 'client' | 'subscriber' | 'bclient';

/** ioredis options of one of the three connections Bull opens per queue. */
export function queueClientOptions(
  role: QueueClientRole,
  type: BullClientType,
  base: RedisOptions,
): RedisOptions {
  const reconnect = { retryStrategy: (times: number) => Math.min(times * 50, 200) };
  if (type !== 'client') {
    // The blocking (job-taking) and event-subscriber connections: Bull requires that their
    // commands wait for Redis however long it takes. A timeout on them would fail a worker's
    // BRPOPLPUSH, or an automatic resubscription nobody awaits.
    return {
      ...base,
      ...reconnect,
      connectTimeout: 2000,
      maxRetriesPerRequest: null,
      enableReadyCheck: false,
    };
  }
  if (role === 'jobs') {
    return { ...base, ...reconnect, connectTimeout: 2000, maxRetriesPerRequest: 20 };
  }
  return {
    ...base,
    ...reconnect,
    connectTimeout: REDIS_REQUEST_TIMEOUT_MS,
    // Refused connections fail a command after two reconnection attempts (< 0.5 s), and what
    // waited for them is dropped rather than sent once Redis is back.
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_REQUEST_TIMEOUT_MS,
  };
}

/**
 * Makes the Redis connections of this process's queues (Bull's `createClient`) as its role
 * wants, and closes them: Bull leaves the connections it did not make open when a queue closes.
 */
export class QueueConnections {
  private readonly clients: Redis[] = [];

  constructor(readonly role: QueueClientRole) {}

  readonly createClient = (type: BullClientType, options: RedisOptions = {}): Redis => {
    const client = new Redis(queueClientOptions(this.role, type, options));
    // Bull passes a connection's errors on to its queue while the queue is open; from the queue's
    // close to the connection's, an error with no listener would throw.
    client.on('error', () => undefined);
    this.clients.push(client);
    return client;
  };

  /** After the queues have closed (their running jobs finished). */
  close(): void {
    for (const client of this.clients) client.disconnect();
  }
}
