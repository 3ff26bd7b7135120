import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions (auth_session) and the system_admin role. Existing `admin` users stay
 * facility admins: who should manage every facility is a decision for people, not a migration.
 */
export class SessionsAndSystemAdmin1795360100000 implements MigrationInterface {
  name = 'SessionsAndSystemAdmin1795360100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `app_user` MODIFY `role` enum ('nurse', 'mch_staff', 'statistician', 'admin', 'system_admin') NOT NULL",
    );
    await queryRunner.query(
      "CREATE TABLE `auth_session` (`id` char(32) NOT NULL, `user_id` int NOT NULL, `facility_id` int NOT NULL, `role` enum ('nurse', 'mch_staff', 'statistician', 'admin', 'system_admin') NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `expires_at` datetime(3) NOT NULL, `revoked_at` datetime(3) NULL, `revoked_reason` varchar(32) NULL, INDEX `idx_auth_session_user` (`user_id`, `revoked_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    await queryRunner.query(
      'ALTER TABLE `auth_session` ADD CONSTRAINT `fk_auth_session_user` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `auth_session` DROP FOREIGN KEY `fk_auth_session_user`');
    await queryRunner.query('DROP TABLE `auth_session`');
    // A system admin becomes a facility admin of the facility they belong to.
    await queryRunner.query("UPDATE `app_user` SET `role` = 'admin' WHERE `role` = 'system_admin'");
    await queryRunner.query(
      "ALTER TABLE `app_user` MODIFY `role` enum ('nurse', 'mch_staff', 'statistician', 'admin') NOT NULL",
    );
  }
}
