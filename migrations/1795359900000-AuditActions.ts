import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit actions of the trust boundary: sensitive reads, contact reveals, logins and sessions. */
export class AuditActions1795359900000 implements MigrationInterface {
  name = 'AuditActions1795359900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override', 'view_cases', 'view_sensitive', 'view_contact', 'login', 'login_failed', 'login_locked', 'logout', 'session_revoked') NOT NULL",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override', 'view_cases') NOT NULL",
    );
  }
}
