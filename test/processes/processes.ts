import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Bull, { type Queue } from 'bull';
import Redis from 'ioredis';
import { type Connection, createConnection } from 'mysql2/promise';
import { databaseConfig, loadDotEnv, redisConfig } from '../../config';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { generateSyntheticCohort } from '../../src/synthetic/generate';

const ROOT = resolve(__dirname, '../..');
const REGISTER = join(ROOT, 'test/processes/ts-register.js');

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`Timed out waiting for ${what}${reason}`, { cause: lastError });
}

/** A child process whose output is kept, to show when a test fails. */
export class Child {
  readonly output: string[] = [];
  private exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    process.stdout?.on('data', keep);
    process.stderr?.on('data', keep);
    this.exited = new Promise((done) => process.once('exit', () => done()));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** SIGKILL: the process gets no chance to release anything, as in a crash or an OOM kill. */
  async crash(): Promise<void> {
    if (this.running) this.process.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.running) this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves once the process has written `text` (to stdout or stderr). */
  printed(text: string, timeoutMs: number): Promise<true> {
    return waitFor(
      `${this.name} to print "${text}"`,
      () => {
        if (!this.running) throw new Error(`${this.name} exited:\n${this.tail()}`);
        return Promise.resolve(this.output.join('').includes(text));
      },
      timeoutMs,
      100,
    );
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}

/** A private Redis with its append-only file in a folder of its own, to restart at will. */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'mch-redis-'));
  private child: Child | null = null;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = new Child('redis', process);
    const client = new Redis({ port: this.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await waitFor(
        'Redis to answer',
        async () => {
          if (client.status !== 'ready') await client.connect().catch(() => undefined);
          return (await client.ping()) === 'PONG';
        },
        10_000,
      );
    } finally {
      client.disconnect();
    }
  }

  /** SIGTERM: Redis flushes its append-only file and exits, as on a restart. */
  async shutdown(): Promise<void> {
    await this.child?.stop();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts an entry point of the service (src/worker.ts, src/main.ts) as its own Node process,
 * from the TypeScript sources, with the test's environment plus `env`.
 */
export function startEntryPoint(
  name: string,
  entry: 'src/worker.ts' | 'src/main.ts',
  env: Record<string, string>,
): Child {
  const process = spawn(globalThis.process.execPath, ['-r', REGISTER, join(ROOT, entry)], {
    cwd: ROOT,
    // Tests log nothing by default; these children's lines are what the specs wait for.
    env: { ...globalThis.process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Child(name, process);
}

/** What the process specs share: a synthetic district, the test database and a private Redis. */
export interface ProcessWorld {
  redis: PrivateRedis;
  facilityIds: number[];
  db: Connection;
  /** The indicator queue on the private Redis, as the spawned processes see it. */
  queue: Queue;
}

/**
 * A district of two synthetic facilities (appended under a prefix of its own in `cityCode`), a
 * private Redis for the spawned processes, a database connection and the indicator queue.
 */
export async function startProcessWorld(cohort: {
  pregnancies: number;
  seed: number;
  facilityCodePrefix: string;
  cityCode: string;
}): Promise<ProcessWorld> {
  loadDotEnv();
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const summary = await generateSyntheticCohort({
    ...cohort,
    facilities: 2,
    facilityCodePrefix: `${cohort.facilityCodePrefix}${Date.now().toString(36)}-`,
    append: true,
    log: () => undefined,
  });
  const config = databaseConfig();
  const db = await createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: config.database,
  });
  const queue = new Bull(QUEUES.indicators, {
    prefix: 'mch',
    redis: { ...redisConfig(), port: redis.port, maxRetriesPerRequest: null },
  });
  return { redis, facilityIds: summary.facilityIds, db, queue };
}
