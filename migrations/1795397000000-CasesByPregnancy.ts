import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pregnancy's high-risk cases are found by the pregnancy, wherever they were opened: the
 * delivering hospital's indicators count a case the community centre opened.
 */
export class CasesByPregnancy1795397000000 implements MigrationInterface {
  name = 'CasesByPregnancy1795397000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `high_risk_case` ADD INDEX `idx_high_risk_case_pregnancy` (`pregnancy_id`, `opened_at`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `high_risk_case` DROP INDEX `idx_high_risk_case_pregnancy`',
    );
  }
}
