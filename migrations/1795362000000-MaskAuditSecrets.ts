import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit values whose key ends like this hold a document number or a phone (src/core/privacy). */
const SECRET_KEY = "(LOWER(k) LIKE '%phone' OR LOWER(k) LIKE '%documentnumber')";

/** The SQL of keepEnds() in src/core/privacy/masking.ts: head and tail kept, the rest starred. */
const keepEnds = (value: string, head: number, tail: number) =>
  `IF(CHAR_LENGTH(${value}) <= ${head + tail}, REPEAT('*', CHAR_LENGTH(${value})),
      CONCAT(LEFT(${value}, ${head}), REPEAT('*', CHAR_LENGTH(${value}) - ${head + tail}), RIGHT(${value}, ${tail})))`;

const sqlString = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** maskDocumentNumber() and maskPhone() of src/core/privacy/masking.ts, in SQL. */
const MASKS = {
  documentNumber: (value: string) =>
    `IF(CHAR_LENGTH(${value}) >= 12, ${keepEnds(value, 6, 4)}, ${keepEnds(value, 1, 2)})`,
  phone: (value: string) => keepEnds(value, 3, 4),
};

/**
 * Masks the full document numbers and phones that audit rows written before AuditService masked
 * them hold in `before`/`after`, top-level keys (the only ones audit values had): the keys are
 * found in the rows themselves, so a contact's or companion's phone is masked too. Masking is
 * idempotent. Runs as the migration account: the application's cannot update audit rows.
 * Irreversible: the full values are gone.
 */
export class MaskAuditSecrets1795362000000 implements MigrationInterface {
  name = 'MaskAuditSecrets1795362000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['before', 'after']) {
      const keys = (await queryRunner.query(
        `SELECT DISTINCT j.k FROM audit_entry a,
           JSON_TABLE(JSON_KEYS(a.\`${column}\`), '$[*]' COLUMNS (k VARCHAR(255) PATH '$')) j
         WHERE a.\`${column}\` IS NOT NULL AND ${SECRET_KEY}`,
      )) as Array<{ k: string }>;
      for (const { k } of keys) {
        const path = sqlString(`$."${k.replaceAll('"', '\\"')}"`);
        const value = `JSON_UNQUOTE(JSON_EXTRACT(\`${column}\`, ${path}))`;
        const mask = k.toLowerCase().endsWith('phone') ? MASKS.phone : MASKS.documentNumber;
        await queryRunner.query(
          `UPDATE audit_entry SET \`${column}\` = JSON_SET(\`${column}\`, ${path}, ${mask(value)})
           WHERE JSON_TYPE(JSON_EXTRACT(\`${column}\`, ${path})) = 'STRING'`,
        );
      }
    }
  }

  public async down(): Promise<void> {
    // The full values cannot be recovered; the masked rows stay as they are.
  }
}
