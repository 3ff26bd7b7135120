import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE =
  "'open', 'delivered', 'closed', 'ended', 'transferred_out', 'lost_to_follow_up', 'maternal_death'";

/**
 * Merges of two records of one woman (issue 15, item 8): the merged woman points at the kept
 * one, a duplicate pregnancy is `merged` into the one that continues, the review records who
 * decided what, and every value the merge changed is kept in `merge_change` so that an unmerge
 * puts it back.
 */
export class WomanMerges1795398000000 implements MigrationInterface {
  name = 'WomanMerges1795398000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `woman` ADD `merged_into_id` int NULL, ADD INDEX `idx_woman_merged_into` (`merged_into_id`)',
    );
    await queryRunner.query(
      `ALTER TABLE \`pregnancy\` MODIFY \`status\` enum (${STATUSES_BEFORE}, 'merged') NOT NULL DEFAULT 'open', ADD \`merged_into_id\` int NULL`,
    );
    await queryRunner.query(
      "ALTER TABLE `merge_review` MODIFY `status` enum ('requested', 'merged', 'dismissed', 'unmerged') NOT NULL DEFAULT 'requested', ADD `reviewing_facility_id` int NULL, ADD `kept_woman_id` int NULL, ADD `decided_by` int NULL, ADD `decided_at` datetime(3) NULL, ADD `decision_note` varchar(500) NULL, ADD `undone_by` int NULL, ADD `undone_at` datetime(3) NULL, ADD `undo_note` varchar(500) NULL",
    );
    // Reviews asked for before merges existed go to the facility that registered the match.
    await queryRunner.query(
      'UPDATE `merge_review` SET `reviewing_facility_id` = `matched_facility_id`',
    );
    await queryRunner.query(
      'ALTER TABLE `merge_review` MODIFY `reviewing_facility_id` int NOT NULL, ADD INDEX `idx_merge_review_reviewing` (`reviewing_facility_id`, `requested_at`)',
    );
    await queryRunner.query(
      'CREATE TABLE `merge_change` (`id` int NOT NULL AUTO_INCREMENT, `merge_review_id` int NOT NULL, `table_name` varchar(40) NOT NULL, `row_id` int NOT NULL, `column_name` varchar(40) NOT NULL, `from_value` varchar(40) NULL, `to_value` varchar(40) NULL, INDEX `idx_merge_change_review` (`merge_review_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `merge_change`');
    await queryRunner.query(
      "ALTER TABLE `merge_review` DROP INDEX `idx_merge_review_reviewing`, DROP `reviewing_facility_id`, DROP `kept_woman_id`, DROP `decided_by`, DROP `decided_at`, DROP `decision_note`, DROP `undone_by`, DROP `undone_at`, DROP `undo_note`, MODIFY `status` enum ('requested') NOT NULL DEFAULT 'requested'",
    );
    await queryRunner.query(
      `ALTER TABLE \`pregnancy\` DROP \`merged_into_id\`, MODIFY \`status\` enum (${STATUSES_BEFORE}) NOT NULL DEFAULT 'open'`,
    );
    await queryRunner.query(
      'ALTER TABLE `woman` DROP INDEX `idx_woman_merged_into`, DROP `merged_into_id`',
    );
  }
}
