import type { IdentifierCipher } from '../core/privacy/identifier-cipher';

/** Rows per batch (and per transaction, for the command). */
export const DEFAULT_BATCH = 1000;

/** What runs SQL: a query runner (a migration), an entity manager (a transaction). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface ResealOptions {
  /** Recompute the blind indexes of every row, not only of rows re-encrypted. */
  reindex?: boolean;
  /** Count, change nothing. */
  check?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
}

export interface ResealResult {
  scanned: number;
  /** Rows re-encrypted or re-indexed (with `check`: that would be). */
  resealed: number;
}

interface StoredIdentifiers {
  id: number;
  document_number: string;
  document_index: string | null;
  phone: string;
  phone_index: string | null;
}

/**
 * Brings every woman's identifiers under the active key, batch by batch; `inBatch` runs one
 * batch's statements (in a transaction of its own, for the command). A value that is not
 * encrypted yet (the migration that introduced encryption) is taken as the plaintext.
 */
export async function resealWomanIdentifiers(
  cipher: IdentifierCipher,
  inBatch: <T>(work: (db: Queryable) => Promise<T>) => Promise<T>,
  options: ResealOptions = {},
): Promise<ResealResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const plain = (stored: string) =>
    cipher.keyIdOf(stored) === null ? stored : cipher.decrypt(stored);
  const result: ResealResult = { scanned: 0, resealed: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await inBatch(async (db) => {
      const rows = (await db.query(
        `SELECT id, document_number, document_index, phone, phone_index FROM woman
         WHERE id > ? ORDER BY id LIMIT ? ${options.check ? '' : 'FOR UPDATE'}`,
        [afterId, batchSize],
      )) as StoredIdentifiers[];
      const stale = rows.filter(
        (row) =>
          options.reindex ||
          cipher.needsRotation(row.document_number) ||
          cipher.needsRotation(row.phone),
      );
      if (stale.length > 0 && !options.check) {
        const values: unknown[] = [];
        for (const row of stale) {
          const documentNumber = plain(row.document_number);
          const phone = plain(row.phone);
          values.push(
            row.id,
            cipher.encrypt(documentNumber),
            cipher.blindIndex('document', documentNumber),
            cipher.encrypt(phone),
            cipher.blindIndex('phone', phone),
          );
        }
        // One statement per batch; updated_at is assigned to itself so it keeps its value.
        await db.query(
          `UPDATE woman w JOIN (${stale
            .map((_, i) =>
              i === 0
                ? 'SELECT ? AS id, ? AS document_number, ? AS document_index, ? AS phone, ? AS phone_index'
                : 'SELECT ?, ?, ?, ?, ?',
            )
            .join(' UNION ALL ')}) v ON v.id = w.id
           SET w.document_number = v.document_number, w.document_index = v.document_index,
               w.phone = v.phone, w.phone_index = v.phone_index, w.updated_at = w.updated_at`,
          values,
        );
      }
      return { rows: rows.length, lastId: rows.at(-1)?.id ?? afterId, stale: stale.length };
    });
    result.scanned += batch.rows;
    result.resealed += batch.stale;
    if (batch.rows < batchSize) break;
    afterId = Number(batch.lastId);
    options.log?.(`[keys] ${result.scanned} women scanned, ${result.resealed} resealed`);
  }
  return result;
}
