import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicator values gain the count of cases not complete enough to decide (beside the excluded).
 * Feeding recalls gain the class "breast milk with complementary food" (WHO/UNICEF 2021): a recall
 * of breast milk with solids and no formula or animal milk was classed mixed and is reclassed.
 * Values whose definitions changed meaning are marked stale, so the next plan recomputes them.
 */
export class IncompleteCasesAndComplementaryFeeding1795380000000 implements MigrationInterface {
  name = 'IncompleteCasesAndComplementaryFeeding1795380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `indicator_value` ADD `incomplete` int NOT NULL DEFAULT 0 AFTER `excluded`',
    );
    await queryRunner.query(
      "ALTER TABLE `breastfeeding_follow_up` MODIFY `classification` enum ('exclusive', 'predominant', 'complementary', 'mixed', 'none') NOT NULL",
    );
    await queryRunner.query(
      "UPDATE `breastfeeding_follow_up` SET `classification` = 'complementary' WHERE `breast_milk` = 1 AND `formula_or_other_milk` = 0 AND `solids` = 1",
    );
    await queryRunner.query(
      "UPDATE `indicator_value` SET `stale` = 1 WHERE `indicator_code` IN ('BF-01', 'BF-02', 'BF-03', 'BF-03M', 'BF-04', 'BF-04M', 'BF-05', 'BF-10', 'CL-01', 'FA-03b')",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "UPDATE `breastfeeding_follow_up` SET `classification` = 'mixed' WHERE `classification` = 'complementary'",
    );
    await queryRunner.query(
      "ALTER TABLE `breastfeeding_follow_up` MODIFY `classification` enum ('exclusive', 'predominant', 'mixed', 'none') NOT NULL",
    );
    await queryRunner.query('ALTER TABLE `indicator_value` DROP COLUMN `incomplete`');
  }
}
