import { randomBytes } from 'node:crypto';
import { IdentifierCipher } from '../core/privacy/identifier-cipher';
import { generateInMemory } from './in-memory-cohort';
import { SealingSink } from './sealing-sink';
import { MemorySink, TABLE_NAMES } from './tables';

describe('SealingSink', () => {
  const cipher = new IdentifierCipher({
    keys: new Map([['k1', randomBytes(32)]]),
    activeKeyId: 'k1',
    indexKey: randomBytes(32),
  });

  it('stores women as the app does and passes other rows through', () => {
    const { sink: plain } = generateInMemory({
      pregnancies: 50,
      facilities: 2,
      seed: 3,
      today: '2026-11-22',
    });
    const sealed = new MemorySink();
    const sealing = new SealingSink(sealed, cipher);
    for (const table of TABLE_NAMES) {
      for (const row of plain.rows.get(table) ?? []) sealing.add(table, [...row]);
    }
    const before = plain.records('woman');
    const after = sealed.records('woman');
    expect(after).toHaveLength(before.length);
    after.forEach((woman, i) => {
      const original = before[i];
      expect(original.document_index).toBeNull();
      expect(woman.document_number).not.toBe(original.document_number);
      expect(cipher.decrypt(String(woman.document_number))).toBe(original.document_number);
      expect(cipher.decrypt(String(woman.phone))).toBe(original.phone);
      expect(woman.document_index).toBe(
        cipher.blindIndex('document', String(original.document_number)),
      );
      expect(woman.phone_index).toBe(cipher.blindIndex('phone', String(original.phone)));
      expect({ ...woman, document_number: 0, phone: 0, document_index: 0, phone_index: 0 }).toEqual(
        { ...original, document_number: 0, phone: 0, document_index: 0, phone_index: 0 },
      );
    });
    expect(sealed.rows.get('pregnancy')).toEqual(plain.rows.get('pregnancy'));
  });
});
