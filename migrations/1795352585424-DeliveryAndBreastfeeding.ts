import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery, newborns, the timed feeding events of the stay and contraindications; postpartum
 * contacts and breastfeeding follow-ups; the newborn an exposed-baby record points at.
 */
export class DeliveryAndBreastfeeding1795352585424 implements MigrationInterface {
  name = 'DeliveryAndBreastfeeding1795352585424';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`delivery\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`delivered_at\` datetime(3) NOT NULL, \`place\` enum ('this_facility', 'other_facility', 'en_route', 'home') NOT NULL, \`mode\` enum ('spontaneous_vaginal', 'assisted_vaginal', 'caesarean') NOT NULL, \`caesarean_indication\` varchar(200) NULL, \`isolation_room\` tinyint NOT NULL DEFAULT 0, \`complications\` varchar(500) NULL, \`blood_loss_ml\` smallint UNSIGNED NULL, \`maternal_outcome\` enum ('well', 'complications', 'transferred', 'death') NOT NULL, \`mother_discharged_at\` datetime(3) NULL, \`recorded_by\` int NOT NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_delivery_facility_time\` (\`facility_id\`, \`delivered_at\`), UNIQUE INDEX \`uq_delivery_pregnancy\` (\`pregnancy_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`newborn\` (\`id\` int NOT NULL AUTO_INCREMENT, \`delivery_id\` int NOT NULL, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`birth_order\` tinyint UNSIGNED NOT NULL, \`born_at\` datetime(3) NOT NULL, \`sex\` enum ('female', 'male', 'undetermined') NOT NULL, \`birth_weight_g\` smallint UNSIGNED NOT NULL, \`length_cm\` decimal(4,1) NULL, \`apgar1\` tinyint UNSIGNED NULL, \`apgar5\` tinyint UNSIGNED NULL, \`vital_status\` enum ('live_birth', 'stillbirth') NOT NULL, \`stillbirth_timing\` enum ('antepartum', 'intrapartum') NULL, \`nicu_admitted_at\` datetime(3) NULL, \`nicu_reason\` varchar(200) NULL, \`died_at\` datetime(3) NULL, \`death_cause\` varchar(200) NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_newborn_pregnancy\` (\`pregnancy_id\`), INDEX \`idx_newborn_facility_born\` (\`facility_id\`, \`born_at\`), UNIQUE INDEX \`uq_newborn_order\` (\`delivery_id\`, \`birth_order\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`feeding_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`newborn_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`kind\` enum ('skin_to_skin', 'first_breastfeed', 'separation', 'supplement', 'discharge') NOT NULL, \`start_at\` datetime(3) NOT NULL, \`end_at\` datetime(3) NULL, \`detail\` varchar(200) NULL, \`medical_reason\` varchar(200) NULL, \`discharge_feeding\` enum ('exclusive', 'mixed', 'formula_only', 'none') NULL, \`recorded_by\` int NOT NULL, \`version\` int NOT NULL, INDEX \`idx_feeding_event_newborn\` (\`newborn_id\`, \`kind\`, \`start_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`feeding_contraindication\` (\`id\` int NOT NULL AUTO_INCREMENT, \`newborn_id\` int NOT NULL, \`kind\` enum ('galactosemia', 'maternal_hiv_replacement_feeding', 'nicu_parenteral_nutrition', 'maternal_medication') NOT NULL, \`decided_by\` varchar(50) NOT NULL, \`decided_on\` date NOT NULL, \`note\` varchar(500) NULL, \`recorded_by\` int NOT NULL, INDEX \`idx_contraindication_newborn\` (\`newborn_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`postpartum_contact\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`kind\` enum ('postpartum_visit', 'day42_check') NOT NULL, \`contact_date\` date NOT NULL, \`findings\` text NULL, \`classification\` enum ('recovered', 'not_recovered') NULL, \`disposition\` enum ('close', 'refer') NULL, \`assessment_id\` int NULL, \`recorded_by\` int NOT NULL, INDEX \`idx_postpartum_contact_pregnancy\` (\`pregnancy_id\`, \`kind\`, \`contact_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`breastfeeding_follow_up\` (\`id\` int NOT NULL AUTO_INCREMENT, \`newborn_id\` int NOT NULL, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`contact\` enum ('postpartum_visit', 'day42_check', 'phone_4m', 'phone_6m', 'other') NOT NULL, \`followed_up_on\` date NOT NULL, \`breast_milk\` tinyint NOT NULL, \`water\` tinyint NOT NULL, \`formula_or_other_milk\` tinyint NOT NULL, \`other_liquids\` tinyint NOT NULL, \`solids\` tinyint NOT NULL, \`ors_drops_medicine\` tinyint NOT NULL, \`classification\` enum ('exclusive', 'predominant', 'mixed', 'none') NOT NULL, \`problems\` json NOT NULL, \`guidance\` varchar(500) NULL, \`referral\` enum ('breast_clinic', 'consultation_clinic') NULL, \`referral_outcome\` varchar(200) NULL, \`recorded_by\` int NOT NULL, INDEX \`idx_bf_follow_up_facility\` (\`facility_id\`, \`followed_up_on\`), INDEX \`idx_bf_follow_up_newborn\` (\`newborn_id\`, \`followed_up_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(`ALTER TABLE \`exposed_infant\` ADD \`newborn_id\` int NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `exposed_infant` DROP COLUMN `newborn_id`');
    await queryRunner.query('DROP TABLE `breastfeeding_follow_up`');
    await queryRunner.query('DROP TABLE `postpartum_contact`');
    await queryRunner.query('DROP TABLE `feeding_contraindication`');
    await queryRunner.query('DROP TABLE `feeding_event`');
    await queryRunner.query('DROP TABLE `newborn`');
    await queryRunner.query('DROP TABLE `delivery`');
  }
}
