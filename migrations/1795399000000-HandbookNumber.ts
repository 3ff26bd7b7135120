import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 母子健康手册 number she carries: the ward desk finds her pregnancy by it. One handbook per
 * pregnancy, so a number names one pregnancy.
 */
export class HandbookNumber1795399000000 implements MigrationInterface {
  name = 'HandbookNumber1795399000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `pregnancy` ADD `handbook_number` varchar(24) NULL AFTER `postpartum_address`, ' +
        'ADD UNIQUE INDEX `uq_pregnancy_handbook` (`handbook_number`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `pregnancy` DROP INDEX `uq_pregnancy_handbook`, DROP COLUMN `handbook_number`',
    );
  }
}
