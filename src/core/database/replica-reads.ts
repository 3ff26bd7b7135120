import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isDatabaseUnavailableError } from './transaction-retry';

/** Why a reading could not be served by a read replica. */
export type ReplicaProblem = 'behind' | 'unreachable';

/**
 * A read replica cannot serve a reading now: it is behind the primary by more than the wait
 * allowed, or it cannot be reached. The reading is never served stale nor moved to the primary:
 * a request answers 503 SERVICE_UNAVAILABLE, a job fails its attempt and Bull retries it.
 */
export class ReplicaUnavailableError extends Error {
  constructor(
    readonly problem: ReplicaProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReplicaUnavailableError';
  }
}

/** mysql2's pool cluster, while every replica is set aside after a failed connection. */
const NO_NODE_ONLINE = new Set(['POOL_NONEONLINE', 'POOL_NOEXIST']);

export interface ReplicaReadOptions {
  /** How long the replica may take to apply what the primary had committed (MASTER_GTID_WAIT). */
  waitSeconds: number;
  /** Connections to open (each caught up on its own: they may reach different replicas). */
  connections?: number;
  /**
   * Keep trying to connect to an unreachable replica for `waitSeconds` too (a job, which can
   * wait); otherwise it fails at once (a request, answered 503 at once as for any outage).
   */
  waitForReachable?: boolean;
}

/** Between two attempts to connect to an unreachable replica (its pool sets it aside for 1 s). */
const RECONNECT_INTERVAL_MS = 1000;

/**
 * Runs read-only work on read replica connections (TypeORM's 'slave' query runners; the primary's
 * pool itself when no replica is configured), once each replica has applied every transaction
 * the primary had committed when the reading began: the primary's GTID position is read first
 * and each connection waits for it with MASTER_GTID_WAIT. `work` gets one manager per connection
 * asked for. A replica still behind after `waitSeconds`, or unreachable, fails the reading with
 * ReplicaUnavailableError.
 *
 * Never write through the managers given to `work`: writes belong to the primary.
 */
export async function readOnReplica<T>(
  dataSource: DataSource,
  options: ReplicaReadOptions,
  work: (managers: EntityManager[]) => Promise<T>,
): Promise<T> {
  const connections = Math.max(1, options.connections ?? 1);
  if (!hasReplicas(dataSource)) {
    return work(Array.from({ length: connections }, () => dataSource.manager));
  }
  // On the primary: an error here is the primary's outage, answered as such.
  const [{ position }] = await dataSource.query<Array<{ position: string }>>(
    'SELECT @@GLOBAL.gtid_binlog_pos AS position',
  );
  const deadline = Date.now() + options.waitSeconds * 1000;
  const caughtUp = await Promise.allSettled(
    Array.from({ length: connections }, () =>
      caughtUpRunner(dataSource, position, deadline, options),
    ),
  );
  const runners = caughtUp.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  try {
    const failed = caughtUp.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    return await work(runners.map((runner) => runner.manager));
  } catch (error) {
    throw asReplicaError(error);
  } finally {
    await Promise.all(runners.map((runner) => runner.release()));
  }
}

/** A replica connection that has applied `position` by `deadline`. */
async function caughtUpRunner(
  dataSource: DataSource,
  position: string,
  deadline: number,
  options: ReplicaReadOptions,
): Promise<QueryRunner> {
  for (;;) {
    const runner = dataSource.createQueryRunner('slave');
    try {
      await waitForPosition(runner, position, Math.max(0, (deadline - Date.now()) / 1000));
      return runner;
    } catch (error) {
      await runner.release();
      const replicaError = asReplicaError(error);
      const retry =
        options.waitForReachable &&
        replicaError instanceof ReplicaUnavailableError &&
        replicaError.problem === 'unreachable' &&
        Date.now() + RECONNECT_INTERVAL_MS < deadline;
      if (!retry) throw replicaError;
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_INTERVAL_MS));
    }
  }
}

/** Whether a replica answers and has applied the primary's position (for the outage probe). */
export function replicaCaughtUp(dataSource: DataSource): Promise<void> {
  return readOnReplica(dataSource, { waitSeconds: 0 }, () => Promise.resolve());
}

async function waitForPosition(
  runner: QueryRunner,
  position: string,
  waitSeconds: number,
): Promise<void> {
  // Connects first, so that an unreachable replica is told from one that is behind.
  await runner.connect();
  if (!position) return;
  const [{ waited }] = (await runner.query('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [
    position,
    waitSeconds,
  ])) as Array<{ waited: number | string | null }>;
  // 0: reached; -1: timed out; NULL: the server could not wait (not a replica of this primary).
  if (waited === null || Number(waited) !== 0) {
    throw new ReplicaUnavailableError(
      'behind',
      `the read replica has not applied the primary's transactions within ${Math.round(waitSeconds)} s`,
    );
  }
}

function asReplicaError(error: unknown): unknown {
  if (error instanceof ReplicaUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (isDatabaseUnavailableError(error) || (typeof code === 'string' && NO_NODE_ONLINE.has(code))) {
    return new ReplicaUnavailableError(
      'unreachable',
      `the read replica cannot be reached (${typeof code === 'string' ? code : 'no answer'})`,
      { cause: error },
    );
  }
  return error;
}

export function hasReplicas(dataSource: DataSource): boolean {
  const options = dataSource.options as { replication?: { slaves?: unknown[] } };
  return (options.replication?.slaves?.length ?? 0) > 0;
}
