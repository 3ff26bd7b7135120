import type { IdentifierCipher } from '../core/privacy/identifier-cipher';
import { type Cell, type RowSink, TABLE_COLUMNS, type TableName } from './tables';

const WOMAN = TABLE_COLUMNS.woman as readonly string[];
const DOCUMENT_NUMBER = WOMAN.indexOf('document_number');
const DOCUMENT_INDEX = WOMAN.indexOf('document_index');
const PHONE = WOMAN.indexOf('phone');
const PHONE_INDEX = WOMAN.indexOf('phone_index');

/**
 * Stores generated women as the app does: document number and phone encrypted, their blind
 * indexes set. The generator itself writes plaintext, so its specs can check the identifiers.
 */
export class SealingSink implements RowSink {
  constructor(
    private readonly inner: RowSink,
    private readonly cipher: IdentifierCipher,
  ) {}

  add(table: TableName, row: Cell[]): void {
    if (table === 'woman') {
      const documentNumber = String(row[DOCUMENT_NUMBER]);
      const phone = String(row[PHONE]);
      row[DOCUMENT_NUMBER] = this.cipher.encrypt(documentNumber);
      row[DOCUMENT_INDEX] = this.cipher.blindIndex('document', documentNumber);
      row[PHONE] = this.cipher.encrypt(phone);
      row[PHONE_INDEX] = this.cipher.blindIndex('phone', phone);
    }
    this.inner.add(table, row);
  }
}
