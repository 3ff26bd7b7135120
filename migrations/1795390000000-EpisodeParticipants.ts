import { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = [
  'create',
  'update',
  'status_change',
  'delete',
  'view_unmasked',
  'override',
  'view_cases',
  'view_sensitive',
  'view_contact',
  'login',
  'login_failed',
  'login_locked',
  'logout',
  'session_revoked',
  'void',
];
const ROLES =
  "'registering', 'managing', 'examining', 'grading', 'high_risk_case', 'delivering', 'postpartum_visiting', 'day42_check'";

const actionEnum = (actions: string[]) => actions.map((a) => `'${a}'`).join(', ');

/**
 * The shared episode (两个系统管理): each facility caring for a pregnancy is a participant with a
 * role, and access follows participation. Today's data: each pregnancy's facility becomes its
 * registering and managing participant, and the facility that recorded a delivery its delivering
 * one, all active, by statutory duty; the audit trail gains `view_shared`.
 */
export class EpisodeParticipants1795390000000 implements MigrationInterface {
  name = 'EpisodeParticipants1795390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`episode_participant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`role\` enum (${ROLES}) NOT NULL, \`status\` enum ('proposed', 'active', 'ended', 'declined') NOT NULL, \`started_via\` enum ('registration', 'referral', 'transfer', 'delivery_notice', 'self_presented') NOT NULL, \`responsible_clinician_id\` int NULL, \`started_on\` date NOT NULL, \`ended_on\` date NULL, \`legal_basis\` enum ('statutory_duty', 'consent') NOT NULL, \`woman_informed\` tinyint NOT NULL DEFAULT 1, \`note\` varchar(500) NULL, \`created_by\` int NOT NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_episode_participant\` (\`pregnancy_id\`, \`facility_id\`, \`role\`), INDEX \`idx_episode_participant_facility\` (\`facility_id\`, \`status\`, \`pregnancy_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`episode_notice\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`recipient_facility_id\` int NOT NULL, \`kind\` enum ('participant_joined') NOT NULL, \`about_facility_id\` int NOT NULL, \`role\` enum (${ROLES}) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`read_at\` datetime(3) NULL, INDEX \`idx_episode_notice_recipient\` (\`recipient_facility_id\`, \`read_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `INSERT INTO episode_participant (pregnancy_id, facility_id, role, status, started_via, started_on, legal_basis, woman_informed, created_by, version)
       SELECT p.id, p.facility_id, r.role, 'active', 'registration', p.registration_date, 'statutory_duty', 1, p.created_by, 1
       FROM pregnancy p CROSS JOIN (SELECT 'registering' AS role UNION ALL SELECT 'managing') r`,
    );
    await queryRunner.query(
      `INSERT INTO episode_participant (pregnancy_id, facility_id, role, status, started_via, started_on, legal_basis, woman_informed, created_by, version)
       SELECT d.pregnancy_id, d.facility_id, 'delivering', 'active', 'registration',
              COALESCE(p.outcome_date, p.registration_date), 'statutory_duty', 1, d.recorded_by, 1
       FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id
       WHERE d.voided_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`audit_entry\` MODIFY \`action\` enum (${actionEnum([...ACTIONS_BEFORE, 'view_shared'])}) NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM `audit_entry` WHERE `action` = 'view_shared'");
    await queryRunner.query(
      `ALTER TABLE \`audit_entry\` MODIFY \`action\` enum (${actionEnum(ACTIONS_BEFORE)}) NOT NULL`,
    );
    await queryRunner.query('DROP TABLE `episode_notice`');
    await queryRunner.query('DROP TABLE `episode_participant`');
  }
}
