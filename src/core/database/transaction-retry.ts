import { Logger } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';

/** Driver codes of a transaction the server rolled back to break a lock cycle or a lock wait. */
const CONFLICT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** Driver and socket codes of a database the app cannot reach or lost mid-query. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
  // mysql2's pool cluster (with DB_REPLICA_HOSTS) while the primary is set aside after a failure.
  'POOL_NONEONLINE',
]);

function driverCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError: unknown = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A deadlock or a lock wait timeout: the whole transaction may run again. */
export function isWriteConflictError(error: unknown): boolean {
  const code = driverCode(error);
  return code !== undefined && CONFLICT_CODES.has(code);
}

/** The database is unreachable or dropped the connection. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const code = driverCode(error);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return (
    /connect ETIMEDOUT|Connection lost|closed state|Pool is closed/i.test(message) ||
    (error as { fatal?: unknown } | null)?.fatal === true
  );
}

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** The first pause; each later one doubles, with full jitter. */
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 25 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (one whole transaction) again after a deadlock, a lock wait timeout or a connection
 * lost before commit, a bounded number of times with jittered exponential pauses. What still fails
 * is thrown as is; the exception filter answers it 409 or 503.
 */
export async function withTransactionRetry<T>(
  work: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = isWriteConflictError(error) || isDatabaseUnavailableError(error);
      if (!retryable || attempt >= policy.attempts) throw error;
      await sleep(Math.random() * policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

const INSTALLED = Symbol('transactionRetryInstalled');

/**
 * Makes `dataSource.transaction(...)`, the one way the services open a write transaction, retry
 * as `withTransactionRetry` does. Nested `manager.transaction` calls run inside the outer attempt.
 */
export function installTransactionRetry(
  dataSource: DataSource,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): void {
  const marked = dataSource as DataSource & { [INSTALLED]?: boolean };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const logger = new Logger('Database');
  const original = dataSource.transaction.bind(dataSource) as (
    ...args: unknown[]
  ) => Promise<unknown>;
  const retrying = (...args: unknown[]): Promise<unknown> => {
    let attempt = 0;
    return withTransactionRetry(() => {
      attempt++;
      if (attempt > 1) logger.debug(`transaction retried (attempt ${attempt})`);
      return original(...args);
    }, policy);
  };
  dataSource.transaction = retrying;
}
