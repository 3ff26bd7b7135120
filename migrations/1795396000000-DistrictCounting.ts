import { MigrationInterface, QueryRunner } from 'typeorm';

/** The district indicators when this migration was written. */
const DISTRICT_CODES = ['SM-01', 'SM-02', 'SM-03', 'SM-04', 'SM-05', 'SM-06', 'SM-11', 'SM-12'];

/**
 * District indicators count each woman in the region she is attributed to: each facility's value
 * of such an indicator is kept split by attributed region. Values computed before have no split
 * until they are computed again.
 */
export class DistrictCounting1795396000000 implements MigrationInterface {
  name = 'DistrictCounting1795396000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `indicator_value_share` (`facility_id` int NOT NULL, `indicator_code` varchar(24) NOT NULL, `period_key` varchar(8) NOT NULL, `region_code` varchar(12) NOT NULL, `numerator` int NOT NULL, `denominator` int NOT NULL, `excluded` int NOT NULL, `incomplete` int NOT NULL, INDEX `idx_indicator_value_share_region` (`indicator_code`, `period_key`, `region_code`), PRIMARY KEY (`facility_id`, `indicator_code`, `period_key`, `region_code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    // Recomputed by the next run, with their split.
    await queryRunner.query(
      `UPDATE indicator_value SET stale = 1 WHERE indicator_code IN (${DISTRICT_CODES.map((c) => `'${c}'`).join(', ')})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `indicator_value_share`');
  }
}
