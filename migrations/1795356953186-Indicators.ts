import { MigrationInterface, QueryRunner } from 'typeorm';

/** Computed indicator values (one per indicator, facility and period), target overrides, and the audit watermark. */
export class Indicators1795356953186 implements MigrationInterface {
  name = 'Indicators1795356953186';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`indicator_value\` (\`id\` int NOT NULL AUTO_INCREMENT, \`indicator_code\` varchar(24) NOT NULL, \`facility_id\` int NOT NULL, \`period_key\` varchar(8) NOT NULL, \`period_kind\` enum ('month', 'quarter', 'year', 'statistical_year') NOT NULL, \`period_from\` date NOT NULL, \`numerator\` int NOT NULL, \`denominator\` int NOT NULL, \`excluded\` int NOT NULL, \`value\` decimal(14,2) NULL, \`target_direction\` enum ('at_least', 'at_most', 'falling') NULL, \`target_value\` decimal(10,2) NULL, \`target_met\` tinyint NULL, \`definition_version\` smallint UNSIGNED NOT NULL, \`computed_at\` datetime(3) NOT NULL, \`job_id\` varchar(100) NOT NULL, \`stale\` tinyint NOT NULL DEFAULT 0, INDEX \`idx_indicator_value_facility_period\` (\`facility_id\`, \`period_kind\`, \`period_from\`), INDEX \`idx_indicator_value_stale\` (\`stale\`, \`facility_id\`), UNIQUE INDEX \`uq_indicator_value\` (\`indicator_code\`, \`facility_id\`, \`period_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`indicator_target\` (\`id\` int NOT NULL AUTO_INCREMENT, \`facility_id\` int NOT NULL, \`indicator_code\` varchar(24) NOT NULL, \`direction\` enum ('at_least', 'at_most', 'falling') NOT NULL, \`value\` decimal(10,2) NULL, \`set_by\` int NOT NULL, \`set_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_indicator_target\` (\`facility_id\`, \`indicator_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`indicator_watermark\` (\`name\` varchar(32) NOT NULL, \`last_audit_id\` bigint NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override', 'view_cases') NOT NULL",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override') NOT NULL",
    );
    await queryRunner.query('DROP TABLE `indicator_watermark`');
    await queryRunner.query('DROP TABLE `indicator_target`');
    await queryRunner.query('DROP TABLE `indicator_value`');
  }
}
