import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A referral (转诊) to a facility of the system: the receiving facility, the colour at referral,
 * the urgency (a critically ill woman: the receiver contacted first, escorted), and its receipt or
 * refusal by the receiver. Existing referrals name their receiver in words only and are routine;
 * each gets its pregnancy and the colour her pregnancy has now (the nearest known).
 */
export class ReferralsAcrossFacilities1795391000000 implements MigrationInterface {
  name = 'ReferralsAcrossFacilities1795391000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `referral` ADD `pregnancy_id` int NULL AFTER `case_id`, ADD `to_facility_id` int NULL AFTER `referred_on`, ADD `colour_at_referral` enum ('green', 'yellow', 'orange', 'red') NULL, ADD `purple_at_referral` tinyint NOT NULL DEFAULT 0, ADD `urgency` enum ('routine', 'urgent', 'critical') NOT NULL DEFAULT 'routine', ADD `receiver_contacted_at` datetime(3) NULL, ADD `escorted` tinyint NOT NULL DEFAULT 0, ADD `received_at` datetime(3) NULL, ADD `received_by` int NULL, ADD `declined_at` datetime(3) NULL, ADD `decline_note` varchar(500) NULL",
    );
    await queryRunner.query(
      `UPDATE referral r JOIN high_risk_case c ON c.id = r.case_id JOIN pregnancy p ON p.id = c.pregnancy_id
       SET r.pregnancy_id = c.pregnancy_id, r.colour_at_referral = p.risk_colour, r.purple_at_referral = p.risk_purple`,
    );
    await queryRunner.query(
      'ALTER TABLE `referral` MODIFY `pregnancy_id` int NOT NULL, ADD INDEX `idx_referral_receiver` (`to_facility_id`, `received_at`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `referral` DROP INDEX `idx_referral_receiver`, DROP COLUMN `pregnancy_id`, DROP COLUMN `to_facility_id`, DROP COLUMN `colour_at_referral`, DROP COLUMN `purple_at_referral`, DROP COLUMN `urgency`, DROP COLUMN `receiver_contacted_at`, DROP COLUMN `escorted`, DROP COLUMN `received_at`, DROP COLUMN `received_by`, DROP COLUMN `declined_at`, DROP COLUMN `decline_note`',
    );
  }
}
