import { MigrationInterface, QueryRunner } from 'typeorm';

/** Set only while not voided: the unique indexes hold among the records that count. */
const LIVE_COLUMNS = [
  {
    table: 'delivery',
    column: 'live_pregnancy_id',
    type: 'int',
    expression: 'CASE WHEN `voided_at` IS NULL THEN `pregnancy_id` END',
  },
  {
    table: 'newborn',
    column: 'live_birth_order',
    type: 'tinyint UNSIGNED',
    expression: 'CASE WHEN `voided_at` IS NULL THEN `birth_order` END',
  },
];

/**
 * Deliveries and newborns can be voided (recorded on the wrong woman, a baby entered twice): the
 * row stays, flagged, and leaves every count. One delivery per pregnancy and one baby per birth
 * order hold among the records not voided, so a delivery voided can be recorded again.
 */
export class DeliveryAndNewbornVoids1795384000000 implements MigrationInterface {
  name = 'DeliveryAndNewbornVoids1795384000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const database = await queryRunner.getCurrentDatabase();
    for (const { table, column, type, expression } of LIVE_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD \`voided_at\` datetime(3) NULL, ADD \`voided_by\` int NULL, ADD \`void_reason\` varchar(500) NULL, ADD \`${column}\` ${type} AS (${expression}) STORED`,
      );
      await queryRunner.query(
        'INSERT INTO `typeorm_metadata`(`database`, `schema`, `table`, `type`, `name`, `value`) VALUES (DEFAULT, ?, ?, ?, ?, ?)',
        [database, table, 'GENERATED_COLUMN', column, expression],
      );
    }
    await queryRunner.query(
      'ALTER TABLE `delivery` DROP INDEX `uq_delivery_pregnancy`, ADD INDEX `idx_delivery_pregnancy` (`pregnancy_id`), ADD UNIQUE INDEX `uq_delivery_live_pregnancy` (`live_pregnancy_id`)',
    );
    await queryRunner.query(
      'ALTER TABLE `newborn` DROP INDEX `uq_newborn_order`, ADD UNIQUE INDEX `uq_newborn_live_order` (`delivery_id`, `live_birth_order`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const database = await queryRunner.getCurrentDatabase();
    await queryRunner.query(
      'ALTER TABLE `newborn` DROP INDEX `uq_newborn_live_order`, ADD UNIQUE INDEX `uq_newborn_order` (`delivery_id`, `birth_order`)',
    );
    await queryRunner.query(
      'ALTER TABLE `delivery` DROP INDEX `uq_delivery_live_pregnancy`, DROP INDEX `idx_delivery_pregnancy`, ADD UNIQUE INDEX `uq_delivery_pregnancy` (`pregnancy_id`)',
    );
    for (const { table, column } of LIVE_COLUMNS) {
      await queryRunner.query(
        'DELETE FROM `typeorm_metadata` WHERE `type` = ? AND `name` = ? AND `schema` = ? AND `table` = ?',
        ['GENERATED_COLUMN', column, database, table],
      );
      await queryRunner.query(
        `ALTER TABLE \`${table}\` DROP COLUMN \`${column}\`, DROP COLUMN \`voided_at\`, DROP COLUMN \`voided_by\`, DROP COLUMN \`void_reason\``,
      );
    }
  }
}
