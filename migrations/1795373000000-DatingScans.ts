import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every ultrasound as its own row. The single scan a pregnancy held so far becomes its first
 * (dating) scan: used for dating unless an IVF transfer dates the pregnancy. The method was not
 * recorded; a scan up to 13+6 (97 days) is taken as a CRL, a later one as biometry.
 */
export class DatingScans1795373000000 implements MigrationInterface {
  name = 'DatingScans1795373000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`dating_scan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`scan_date\` date NOT NULL, \`method\` enum ('crl', 'biometry') NOT NULL, \`ga_days\` smallint UNSIGNED NOT NULL, \`used_for_dating\` tinyint NOT NULL, \`not_used_reason\` enum ('earlier_scan_dates', 'ivf_dates') NULL, \`note\` varchar(500) NULL, \`created_by\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_dating_scan_pregnancy\` (\`pregnancy_id\`, \`scan_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`dating_scan\` ADD CONSTRAINT \`FK_c88ddabf17fd106978a82a39688\` FOREIGN KEY (\`pregnancy_id\`) REFERENCES \`pregnancy\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO \`dating_scan\` (\`pregnancy_id\`, \`facility_id\`, \`scan_date\`, \`method\`, \`ga_days\`, \`used_for_dating\`, \`not_used_reason\`, \`created_by\`, \`created_at\`)
       SELECT p.id, p.facility_id, p.ultrasound_scan_date,
              IF(p.ultrasound_ga_days <= 97, 'crl', 'biometry'), p.ultrasound_ga_days,
              p.ivf_transfer_date IS NULL, IF(p.ivf_transfer_date IS NULL, NULL, 'ivf_dates'),
              p.created_by, p.created_at
       FROM \`pregnancy\` p
       WHERE p.ultrasound_scan_date IS NOT NULL AND p.ultrasound_ga_days IS NOT NULL
       ORDER BY p.id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `dating_scan` DROP FOREIGN KEY `FK_c88ddabf17fd106978a82a39688`',
    );
    await queryRunner.query('DROP TABLE `dating_scan`');
  }
}
