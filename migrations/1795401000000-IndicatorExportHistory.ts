import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every export of indicator values, with its file: who exported which period of which facility or
 * region, which computation each facility's values were (closed version, state, as-of day,
 * computed at), and the bytes sent, so the report centre can list what went to the bureau and
 * hand out the same file again. Written once (the application may only read and insert).
 */
export class IndicatorExportHistory1795401000000 implements MigrationInterface {
  name = 'IndicatorExportHistory1795401000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `indicator_export` (' +
        '`id` int NOT NULL AUTO_INCREMENT, ' +
        '`facility_id` int NULL, ' +
        '`region_code` varchar(12) NULL, ' +
        '`period_key` varchar(8) NOT NULL, ' +
        "`format` enum('xlsx','csv','fhir') NOT NULL, " +
        '`complete` tinyint NOT NULL, ' +
        '`held` json NOT NULL, ' +
        '`job_id` varchar(40) NULL, ' +
        '`exported_by` int NOT NULL, ' +
        '`exported_at` datetime(3) NOT NULL, ' +
        '`filename` varchar(120) NOT NULL, ' +
        '`content_type` varchar(100) NOT NULL, ' +
        '`bytes` int NOT NULL, ' +
        '`sha256` char(64) NOT NULL, ' +
        '`content` mediumblob NOT NULL, ' +
        'PRIMARY KEY (`id`), ' +
        'UNIQUE INDEX `uq_indicator_export_job` (`job_id`), ' +
        'INDEX `idx_indicator_export_facility` (`facility_id`, `exported_at`), ' +
        'INDEX `idx_indicator_export_region` (`region_code`, `exported_at`)' +
        ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `indicator_export`');
  }
}
