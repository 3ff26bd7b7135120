import { DataSource, EntityManager } from 'typeorm';

/** The replica fell too far behind the primary: the reading is retried later, not served stale. */
export class ReplicaBehindError extends Error {
  constructor(seconds: number) {
    super(`the read replica did not catch up with the primary within ${seconds} s`);
    this.name = 'ReplicaBehindError';
  }
}

/**
 * Runs read-only work on one connection to a read replica (TypeORM's 'slave' query runner; the
 * primary itself when no replica is configured), after the replica has applied every transaction
 * the primary had committed when the reading began: the primary's GTID position is read first and
 * the replica waits for it with MASTER_GTID_WAIT. A replica still behind after `waitSeconds`
 * fails the reading with ReplicaBehindError (a job is retried; a request answers 503).
 *
 * Never write through the manager given to `work`: writes belong to the primary.
 */
export async function readOnReplica<T>(
  dataSource: DataSource,
  waitSeconds: number,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!hasReplicas(dataSource)) return work(dataSource.manager);
  const [{ position }] = await dataSource.query<Array<{ position: string }>>(
    'SELECT @@GLOBAL.gtid_binlog_pos AS position',
  );
  const runner = dataSource.createQueryRunner('slave');
  try {
    if (position) {
      const [{ waited }] = (await runner.query('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [
        position,
        waitSeconds,
      ])) as Array<{ waited: number | string | null }>;
      if (Number(waited) !== 0) throw new ReplicaBehindError(waitSeconds);
    }
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

export function hasReplicas(dataSource: DataSource): boolean {
  const options = dataSource.options as { replication?: { slaves?: unknown[] } };
  return (options.replication?.slaves?.length ?? 0) > 0;
}
