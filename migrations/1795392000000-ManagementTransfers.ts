import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 迁入/迁出: the managing role moves between facilities by a request the other side confirms or
 * returns with a note; at most one request pending per pregnancy. Notices gain the kinds a
 * transfer sends.
 */
export class ManagementTransfers1795392000000 implements MigrationInterface {
  name = 'ManagementTransfers1795392000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`episode_transfer\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`direction\` enum ('hand_over', 'take_in') NOT NULL, \`from_facility_id\` int NOT NULL, \`to_facility_id\` int NOT NULL, \`reason\` varchar(500) NOT NULL, \`legal_basis\` enum ('statutory_duty', 'consent') NOT NULL, \`woman_informed\` tinyint NOT NULL, \`status\` enum ('pending', 'confirmed', 'returned', 'withdrawn') NOT NULL DEFAULT 'pending', \`requested_by\` int NOT NULL, \`requested_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`answered_by\` int NULL, \`answered_at\` datetime(3) NULL, \`answer_note\` varchar(500) NULL, \`pending_pregnancy_id\` int AS (CASE WHEN \`status\` = 'pending' THEN \`pregnancy_id\` END) STORED, \`version\` int NOT NULL, UNIQUE INDEX \`uq_episode_transfer_pending\` (\`pending_pregnancy_id\`), INDEX \`idx_episode_transfer_to\` (\`to_facility_id\`, \`status\`, \`requested_at\`), INDEX \`idx_episode_transfer_from\` (\`from_facility_id\`, \`status\`, \`requested_at\`), INDEX \`idx_episode_transfer_pregnancy\` (\`pregnancy_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      "ALTER TABLE `episode_notice` MODIFY `kind` enum ('participant_joined', 'manager_changed') NOT NULL",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM `episode_notice` WHERE `kind` = 'manager_changed'");
    await queryRunner.query(
      "ALTER TABLE `episode_notice` MODIFY `kind` enum ('participant_joined') NOT NULL",
    );
    await queryRunner.query('DROP TABLE `episode_transfer`');
  }
}
