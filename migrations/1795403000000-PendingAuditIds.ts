import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit ids the staleness marking read past before their rows were there (a write still
 * running when a later one had committed), looked for again at its next runs.
 */
export class PendingAuditIds1795403000000 implements MigrationInterface {
  name = 'PendingAuditIds1795403000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `indicator_watermark` ADD `pending_audit_ids` json NULL AFTER `last_audit_id`',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `indicator_watermark` DROP COLUMN `pending_audit_ids`');
  }
}
