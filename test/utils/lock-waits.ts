import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Another desk in the middle of its work: holds every new audit row back (a shared lock on the
 * gap after the last one), so a request waits at its first audit row, inside its transaction,
 * with what it has locked so far. Committing the desk's transaction lets them all go on.
 */
async function holdAuditWrites(dataSource: DataSource): Promise<QueryRunner> {
  const desk = dataSource.createQueryRunner();
  await desk.connect();
  await desk.startTransaction();
  await desk.query(
    `SELECT id FROM audit_entry
     WHERE id > (SELECT COALESCE(MAX(id), 0) FROM audit_entry) LOCK IN SHARE MODE`,
  );
  return desk;
}

/**
 * Resolves once `count` statements of the application's account (other than the `desk`'s own)
 * have run for over 200 ms, that is wait for a lock: only the account's own threads are listed
 * to it.
 */
export async function waitForLockWaits(desk: QueryRunner, count = 1): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    const [{ waiting }] = (await desk.query(
      `SELECT COUNT(*) AS waiting FROM information_schema.PROCESSLIST
       WHERE ID <> CONNECTION_ID() AND COMMAND <> 'Sleep' AND TIME_MS > 200`,
    )) as Array<{ waiting: string }>;
    if (Number(waiting) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${count} requests did not come to wait for a lock within 10 s`);
}

/** Ends the desk's transaction, if it is still open, and gives its connection back. */
export async function releaseDesk(desk: QueryRunner): Promise<void> {
  if (desk.isTransactionActive) await desk.rollbackTransaction();
  await desk.release();
}

/**
 * A race for her lock: sends `first`, and once it waits at its first audit row (with what it has
 * locked), `second`; then lets both go on. Resolves to both answers, in that order.
 */
export async function whileFirstHolds<A, B>(
  dataSource: DataSource,
  first: () => PromiseLike<A>,
  second: () => PromiseLike<B>,
): Promise<[A, B]> {
  const desk = await holdAuditWrites(dataSource);
  try {
    const firstAnswer = Promise.resolve(first());
    await waitForLockWaits(desk, 1);
    const secondAnswer = Promise.resolve(second());
    await waitForLockWaits(desk, 2);
    await desk.commitTransaction();
    return [await firstAnswer, await secondAnswer];
  } finally {
    await releaseDesk(desk);
  }
}
