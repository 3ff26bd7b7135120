import type { DataSource } from 'typeorm';
import { identifierCipher } from '../../src/core/privacy/identifier-cipher';

/** Document numbers are encrypted: raw SQL finds a woman by the blind index, as the app does. */
export const documentIndex = (documentNumber: string): string =>
  identifierCipher().blindIndex('document', documentNumber);

export async function womanIdOfDocument(
  dataSource: DataSource,
  documentNumber: string,
): Promise<number | null> {
  const [row] = await dataSource.query<{ id: number }[]>(
    'SELECT id FROM woman WHERE document_index = ?',
    [documentIndex(documentNumber)],
  );
  return row ? Number(row.id) : null;
}

/** Her row exactly as stored, every column. */
export async function rawWomanRow(
  dataSource: DataSource,
  id: number,
): Promise<Record<string, unknown>> {
  const [row] = await dataSource.query<Record<string, unknown>[]>(
    'SELECT * FROM woman WHERE id = ?',
    [id],
  );
  return row;
}
