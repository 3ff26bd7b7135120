import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Period close: the as-of day and provisional flag of each computed value, the closed versions
 * of a facility's period and their frozen values.
 */
export class IndicatorPeriodClose1795382000000 implements MigrationInterface {
  name = 'IndicatorPeriodClose1795382000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `indicator_value` ADD `as_of` date NULL, ADD `provisional` tinyint NOT NULL DEFAULT 0',
    );
    await queryRunner.query(
      "CREATE TABLE `indicator_period_version` (`id` int NOT NULL AUTO_INCREMENT, `facility_id` int NOT NULL, `period_key` varchar(8) NOT NULL, `period_kind` enum ('month', 'quarter', 'year', 'statistical_year') NOT NULL, `period_from` date NOT NULL, `version` smallint UNSIGNED NOT NULL, `closed_at` datetime(3) NOT NULL, `closed_by` int NOT NULL, `corrected_at` datetime(3) NULL, UNIQUE INDEX `uq_indicator_period_version` (`facility_id`, `period_key`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      "CREATE TABLE `indicator_value_closed` (`id` int NOT NULL AUTO_INCREMENT, `period_version_id` int NOT NULL, `version` smallint UNSIGNED NOT NULL, `indicator_code` varchar(24) NOT NULL, `facility_id` int NOT NULL, `period_key` varchar(8) NOT NULL, `numerator` int NOT NULL, `denominator` int NOT NULL, `excluded` int NOT NULL, `incomplete` int NOT NULL DEFAULT 0, `value` decimal(14,2) NULL, `target_direction` enum ('at_least', 'at_most', 'falling') NULL, `target_value` decimal(10,2) NULL, `target_met` tinyint NULL, `definition_version` smallint UNSIGNED NOT NULL, `computed_at` datetime(3) NOT NULL, `job_id` varchar(100) NOT NULL, `as_of` date NULL, `provisional` tinyint NOT NULL DEFAULT 0, INDEX `idx_indicator_value_closed_facility_period` (`facility_id`, `period_key`), UNIQUE INDEX `uq_indicator_value_closed` (`period_version_id`, `indicator_code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `indicator_value_closed`');
    await queryRunner.query('DROP TABLE `indicator_period_version`');
    await queryRunner.query('ALTER TABLE `indicator_value` DROP `provisional`, DROP `as_of`');
  }
}
