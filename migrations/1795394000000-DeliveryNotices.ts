import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 分娩信息: a facility is a hospital, a community health centre or an MCH institute, and a
 * community centre serves region codes (its 辖区), each held by one centre. A delivery sends a
 * notice to the centre serving her 产休地, which acknowledges it; the postpartum visit falls due
 * from discharge (or, for a high-risk newborn, from acknowledgement). Existing facilities are
 * hospitals with no service area; existing deliveries send no notice.
 */
export class DeliveryNotices1795394000000 implements MigrationInterface {
  name = 'DeliveryNotices1795394000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `facility` ADD `kind` enum ('hospital', 'community_centre', 'mch_institute') NOT NULL DEFAULT 'hospital' AFTER `level`",
    );
    await queryRunner.query(
      'CREATE TABLE `facility_service_area` (`region_code` varchar(12) NOT NULL, `facility_id` int NOT NULL, INDEX `idx_facility_service_area_facility` (`facility_id`), PRIMARY KEY (`region_code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      "CREATE TABLE `delivery_notice` (`id` int NOT NULL AUTO_INCREMENT, `pregnancy_id` int NOT NULL, `delivery_id` int NOT NULL, `from_facility_id` int NOT NULL, `region_code` varchar(12) NOT NULL, `target_facility_id` int NULL, `routed_by` int NULL, `high_risk_newborn` tinyint NOT NULL DEFAULT 0, `high_risk_reasons` json NULL, `status` enum ('unrouted', 'sent', 'acknowledged', 'cancelled') NOT NULL, `sent_at` datetime(3) NULL, `acknowledged_at` datetime(3) NULL, `acknowledged_by` int NULL, `visit_due_on` date NULL, `return_note` varchar(500) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `version` int NOT NULL, UNIQUE INDEX `uq_delivery_notice_delivery` (`delivery_id`), INDEX `idx_delivery_notice_target` (`target_facility_id`, `status`, `sent_at`), INDEX `idx_delivery_notice_from` (`from_facility_id`, `status`, `sent_at`), INDEX `idx_delivery_notice_pregnancy` (`pregnancy_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `delivery_notice`');
    await queryRunner.query('DROP TABLE `facility_service_area`');
    await queryRunner.query('ALTER TABLE `facility` DROP COLUMN `kind`');
  }
}
