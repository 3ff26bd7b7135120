import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The breastfeeding audit (issue 17): a baby failing a Baby-Friendly indicator, marked reviewed
 * by the maternal-health office with a note. The application's grants on the new table come from
 * app-grants after the run, as for every table.
 */
export class BreastfeedingFailureReviews1795400000000 implements MigrationInterface {
  name = 'BreastfeedingFailureReviews1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `breastfeeding_failure_review` (`id` int NOT NULL AUTO_INCREMENT, `facility_id` int NOT NULL, `newborn_id` int NOT NULL, `indicator_code` varchar(10) NOT NULL, `period_key` char(7) NOT NULL, `note` varchar(500) NOT NULL, `reviewed_by` int NOT NULL, `reviewed_at` datetime(3) NOT NULL, `version` int NOT NULL, INDEX `idx_failure_review_month` (`facility_id`, `period_key`), UNIQUE INDEX `uq_failure_review_newborn` (`newborn_id`, `indicator_code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `breastfeeding_failure_review`');
  }
}
