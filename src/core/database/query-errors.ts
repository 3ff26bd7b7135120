import { QueryFailedError } from 'typeorm';

/** A unique index refused the row; with `indexName`, that index in particular. */
export function isDuplicateKeyError(error: unknown, indexName?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  if (driverError?.code !== 'ER_DUP_ENTRY') return false;
  return indexName === undefined || String(driverError.message).includes(indexName);
}
