import { MigrationInterface, QueryRunner } from 'typeorm';

/** The registrations cohort reads a facility's pregnancies registered in a period. */
export class IndicatorIndexes1795359225920 implements MigrationInterface {
  name = 'IndicatorIndexes1795359225920';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `idx_pregnancy_facility_registration` ON `pregnancy` (`facility_id`, `registration_date`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_pregnancy_facility_registration` ON `pregnancy`');
  }
}
