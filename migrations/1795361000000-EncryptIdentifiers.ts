import { MigrationInterface, QueryRunner } from 'typeorm';
import { identifierCipher } from '../src/core/privacy/identifier-cipher';
import { resealWomanIdentifiers } from '../src/women/reseal-identifiers';

const CIPHERTEXT = 'varchar(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL';
const BLIND_INDEX = 'char(64) CHARACTER SET ascii COLLATE ascii_bin';

/**
 * Document numbers and phones encrypted in the row (AES-256-GCM, keys from IDENTIFIER_KEYS, as the
 * app reads them), with HMAC blind indexes for exact search; the unique document key moves to the
 * index. Existing rows are encrypted in batches.
 */
export class EncryptIdentifiers1795361000000 implements MigrationInterface {
  name = 'EncryptIdentifiers1795361000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`woman\` DROP INDEX \`uq_woman_document\`, DROP INDEX \`idx_woman_phone\`,
        MODIFY \`document_number\` ${CIPHERTEXT}, MODIFY \`phone\` ${CIPHERTEXT},
        ADD \`document_index\` ${BLIND_INDEX} NULL AFTER \`document_number\`,
        ADD \`phone_index\` ${BLIND_INDEX} NULL AFTER \`phone\``,
    );
    await resealWomanIdentifiers(identifierCipher(), (work) => work(queryRunner));
    await queryRunner.query(
      `ALTER TABLE \`woman\` MODIFY \`document_index\` ${BLIND_INDEX} NOT NULL,
        MODIFY \`phone_index\` ${BLIND_INDEX} NOT NULL,
        ADD UNIQUE INDEX \`uq_woman_document\` (\`document_index\`, \`document_type\`),
        ADD INDEX \`idx_woman_phone\` (\`phone_index\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const cipher = identifierCipher();
    let afterId = 0;
    for (;;) {
      const rows = (await queryRunner.query(
        'SELECT id, document_number, phone FROM woman WHERE id > ? ORDER BY id LIMIT 1000',
        [afterId],
      )) as { id: number; document_number: string; phone: string }[];
      for (const row of rows) {
        await queryRunner.query(
          'UPDATE woman SET document_number = ?, phone = ?, updated_at = updated_at WHERE id = ?',
          [cipher.decrypt(row.document_number), cipher.decrypt(row.phone), row.id],
        );
      }
      if (rows.length < 1000) break;
      afterId = rows[rows.length - 1].id;
    }
    await queryRunner.query(
      `ALTER TABLE \`woman\` DROP INDEX \`uq_woman_document\`, DROP INDEX \`idx_woman_phone\`,
        DROP COLUMN \`document_index\`, DROP COLUMN \`phone_index\`,
        MODIFY \`document_number\` varchar(32) NOT NULL, MODIFY \`phone\` varchar(20) NOT NULL,
        ADD UNIQUE INDEX \`uq_woman_document\` (\`document_number\`, \`document_type\`),
        ADD INDEX \`idx_woman_phone\` (\`phone\`)`,
    );
  }
}
