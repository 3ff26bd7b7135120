import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `pregnancy.overdue_from`: the day from which an open pregnancy is on the overdue worklist, kept
 * by the service so the worklist reads an index range instead of every open pregnancy × window.
 * Hand-written: the column is added instantly, filled set-based from each facility's schedule
 * (its own, else the national one), and only then indexed. The index carries the risk colour,
 * so the worklist orders a facility's overdue women without reading their rows.
 */
export class PregnancyOverdueFrom1795357168398 implements MigrationInterface {
  name = 'PregnancyOverdueFrom1795357168398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `pregnancy` ADD `overdue_from` date NULL');
    // The overdue day (window end + 7) of the first window that starts after the last visit.
    await queryRunner.query(
      `UPDATE pregnancy p SET p.overdue_from = (
         SELECT p.edd - INTERVAL 280 DAY + INTERVAL (MIN(sw.end_day) + 7) DAY
         FROM schedule_window sw
         WHERE sw.facility_id <=> (SELECT MAX(own.facility_id) FROM schedule_window own WHERE own.facility_id = p.facility_id)
           AND sw.start_day > COALESCE(DATEDIFF(p.last_visit_date, p.edd) + 280, -1))
       WHERE p.status = 'open'`,
    );
    await queryRunner.query(
      'CREATE INDEX `idx_pregnancy_overdue` ON `pregnancy` (`facility_id`, `status`, `overdue_from`, `risk_colour`, `risk_purple`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_pregnancy_overdue` ON `pregnancy`');
    await queryRunner.query('ALTER TABLE `pregnancy` DROP COLUMN `overdue_from`');
  }
}
