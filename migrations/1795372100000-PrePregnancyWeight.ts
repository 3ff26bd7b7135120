import { MigrationInterface, QueryRunner } from 'typeorm';

/** The pre-pregnancy weight given at registration, from which the BMI factor is computed. */
export class PrePregnancyWeight1795372100000 implements MigrationInterface {
  name = 'PrePregnancyWeight1795372100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `pregnancy` ADD `pre_pregnancy_weight_kg` decimal(4,1) NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `pregnancy` DROP COLUMN `pre_pregnancy_weight_kg`');
  }
}
