import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full values an audit row masks, encrypted, so an administrator can reveal one entry (an
 * audited read) while the trail itself still holds no readable document number or phone.
 */
export class SealedAuditValues1795402000000 implements MigrationInterface {
  name = 'SealedAuditValues1795402000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `audit_entry` ADD `sealed` text NULL AFTER `reason`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `audit_entry` DROP COLUMN `sealed`');
  }
}
