import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pregnancy's registering facility (建册单位), which never changes, beside its managing one
 * (`facility_id`), which a transfer moves: registrations are counted where she was registered.
 * The data already there: the registering participant, or the managing facility.
 */
export class RegisteringFacility1795395000000 implements MigrationInterface {
  name = 'RegisteringFacility1795395000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `pregnancy` ADD `registering_facility_id` int NULL AFTER `facility_id`',
    );
    await queryRunner.query(
      `UPDATE pregnancy p
       LEFT JOIN episode_participant ep ON ep.pregnancy_id = p.id AND ep.role = 'registering'
       SET p.registering_facility_id = COALESCE(ep.facility_id, p.facility_id)`,
    );
    await queryRunner.query(
      'ALTER TABLE `pregnancy` MODIFY `registering_facility_id` int NOT NULL, ADD INDEX `idx_pregnancy_registering` (`registering_facility_id`, `registration_date`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `pregnancy` DROP INDEX `idx_pregnancy_registering`, DROP COLUMN `registering_facility_id`',
    );
  }
}
