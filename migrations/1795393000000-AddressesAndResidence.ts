import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Her addresses, each with a region code of 6, 9 or 12 digits (县, 乡镇/街道, 村/社区): her
 * registered household (户籍), where she lives (since when), and, per pregnancy, where she spends
 * the month after the birth (产休地). At delivery: her residence category and the region she is
 * counted in, with the rule that decided. The data already there: a local woman's 户籍 is where
 * she lives; a delivery is counted where she lives, category `local` or `unknown`, rule
 * `migrated`.
 */
export class AddressesAndResidence1795393000000 implements MigrationInterface {
  name = 'AddressesAndResidence1795393000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `woman` MODIFY `residence_region_code` varchar(12) NOT NULL, ADD `residence_address` varchar(200) NULL AFTER `residence_region_code`, ADD `residence_since` date NULL AFTER `residence_address`, ADD `hukou_region_code` varchar(12) NULL AFTER `residence_since`, ADD `hukou_address` varchar(200) NULL AFTER `hukou_region_code`',
    );
    await queryRunner.query(
      "UPDATE `woman` SET `hukou_region_code` = `residence_region_code` WHERE `household_type` = 'local'",
    );
    await queryRunner.query(
      'ALTER TABLE `pregnancy` ADD `postpartum_region_code` varchar(12) NULL, ADD `postpartum_address` varchar(200) NULL',
    );
    await queryRunner.query(
      "ALTER TABLE `delivery` ADD `residence_category` enum ('local', 'same_city', 'same_province', 'other_province', 'overseas', 'unknown') NULL, ADD `attributed_region_code` varchar(12) NULL, ADD `attribution_rule` varchar(60) NULL",
    );
    await queryRunner.query(
      `UPDATE delivery d JOIN pregnancy p ON p.id = d.pregnancy_id JOIN woman w ON w.id = p.woman_id
       SET d.residence_category = IF(w.household_type = 'local', 'local', 'unknown'),
           d.attributed_region_code = w.residence_region_code, d.attribution_rule = 'migrated'`,
    );
    await queryRunner.query(
      'ALTER TABLE `delivery` ADD INDEX `idx_delivery_attributed_region` (`attributed_region_code`, `delivered_at`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `delivery` DROP INDEX `idx_delivery_attributed_region`, DROP COLUMN `residence_category`, DROP COLUMN `attributed_region_code`, DROP COLUMN `attribution_rule`',
    );
    await queryRunner.query(
      'ALTER TABLE `pregnancy` DROP COLUMN `postpartum_region_code`, DROP COLUMN `postpartum_address`',
    );
    await queryRunner.query(
      'ALTER TABLE `woman` DROP COLUMN `residence_address`, DROP COLUMN `residence_since`, DROP COLUMN `hukou_region_code`, DROP COLUMN `hukou_address`, MODIFY `residence_region_code` char(6) NOT NULL',
    );
  }
}
