import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admission test in labour gets its own setting, `labour` (rows recorded as `intrapartum` are
 * those tests); HBsAg tests carry HBV DNA and HBeAg, which decide whether she needs an antiviral;
 * ART started before the pregnancy is marked "on ART at conception".
 */
export class PmtctLabourTestsAndMarkers1795370000000 implements MigrationInterface {
  name = 'PmtctLabourTestsAndMarkers1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `pmtct_test` MODIFY `setting` enum ('antenatal', 'intrapartum', 'labour', 'postpartum') NOT NULL",
    );
    await queryRunner.query(
      "UPDATE `pmtct_test` SET `setting` = 'labour' WHERE `setting` = 'intrapartum'",
    );
    await queryRunner.query(
      "ALTER TABLE `pmtct_test` MODIFY `setting` enum ('antenatal', 'labour', 'postpartum') NOT NULL",
    );
    await queryRunner.query(
      "ALTER TABLE `pmtct_test` ADD `hbv_dna_iu_per_ml` bigint UNSIGNED NULL, ADD `hbeag` enum ('negative', 'positive') NULL",
    );
    await queryRunner.query(
      'ALTER TABLE `maternal_treatment` ADD `on_art_at_conception` tinyint NOT NULL DEFAULT 0',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `maternal_treatment` DROP COLUMN `on_art_at_conception`');
    await queryRunner.query(
      'ALTER TABLE `pmtct_test` DROP COLUMN `hbeag`, DROP COLUMN `hbv_dna_iu_per_ml`',
    );
    await queryRunner.query(
      "ALTER TABLE `pmtct_test` MODIFY `setting` enum ('antenatal', 'intrapartum', 'labour', 'postpartum') NOT NULL",
    );
    await queryRunner.query(
      "UPDATE `pmtct_test` SET `setting` = 'intrapartum' WHERE `setting` = 'labour'",
    );
    await queryRunner.query(
      "ALTER TABLE `pmtct_test` MODIFY `setting` enum ('antenatal', 'intrapartum', 'postpartum') NOT NULL",
    );
  }
}
