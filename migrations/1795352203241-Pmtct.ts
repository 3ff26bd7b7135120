import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prevention of mother-to-child transmission: counselling, HIV/syphilis/HBsAg tests, the mother's
 * treatments and syphilis doses, exposed babies and their follow-up visits.
 */
export class Pmtct1795352203241 implements MigrationInterface {
  name = 'Pmtct1795352203241';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`pmtct_counselling\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`stage\` enum ('pre_test', 'post_test') NOT NULL, \`counselled_on\` date NOT NULL, \`accepted\` tinyint NOT NULL, \`test_id\` int NULL, \`counsellor_id\` int NOT NULL, \`note\` varchar(500) NULL, INDEX \`idx_pmtct_counselling_pregnancy\` (\`pregnancy_id\`, \`counselled_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`pmtct_test\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`subject\` enum ('woman', 'partner') NOT NULL DEFAULT 'woman', \`disease\` enum ('hiv', 'syphilis', 'hbsag') NOT NULL, \`kind\` enum ('screening', 'confirmatory') NOT NULL, \`method\` enum ('rapid', 'elisa', 'chemiluminescence', 'treponemal', 'non_treponemal', 'western_blot', 'nucleic_acid', 'other') NULL, \`sample_date\` date NOT NULL, \`setting\` enum ('antenatal', 'intrapartum', 'postpartum') NOT NULL, \`result\` enum ('negative', 'positive', 'indeterminate') NULL, \`result_date\` date NULL, \`titre\` varchar(16) NULL, \`laboratory\` varchar(100) NULL, \`recorded_by\` int NOT NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_pmtct_test_facility\` (\`facility_id\`, \`disease\`, \`result\`), INDEX \`idx_pmtct_test_pregnancy\` (\`pregnancy_id\`, \`disease\`, \`sample_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`maternal_treatment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`disease\` enum ('hiv', 'syphilis', 'hbsag') NOT NULL, \`kind\` enum ('art', 'syphilis_course', 'hbv_antiviral') NOT NULL, \`started_on\` date NOT NULL, \`regimen\` varchar(100) NOT NULL, \`recorded_by\` int NOT NULL, INDEX \`idx_maternal_treatment_pregnancy\` (\`pregnancy_id\`, \`disease\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`treatment_dose\` (\`id\` int NOT NULL AUTO_INCREMENT, \`treatment_id\` int NOT NULL, \`given_on\` date NOT NULL, \`drug\` varchar(50) NOT NULL, \`dose\` varchar(30) NOT NULL, \`recorded_by\` int NOT NULL, INDEX \`idx_treatment_dose_treatment\` (\`treatment_id\`, \`given_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`exposed_infant\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`birth_order\` tinyint UNSIGNED NOT NULL, \`born_at\` datetime(3) NULL, \`hiv_prophylaxis_started_at\` datetime(3) NULL, \`hiv_prophylaxis_regimen\` varchar(100) NULL, \`hbig_at\` datetime(3) NULL, \`hep_bvaccine1_at\` datetime(3) NULL, \`syphilis_prophylaxis_at\` datetime(3) NULL, \`feeding_choice\` enum ('breastfeeding', 'replacement', 'mixed') NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_exposed_infant_facility\` (\`facility_id\`, \`born_at\`), UNIQUE INDEX \`uq_exposed_infant\` (\`pregnancy_id\`, \`birth_order\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`infant_follow_up\` (\`id\` int NOT NULL AUTO_INCREMENT, \`infant_id\` int NOT NULL, \`code\` varchar(24) NOT NULL, \`done_on\` date NOT NULL, \`result\` varchar(200) NOT NULL, \`recorded_by\` int NOT NULL, UNIQUE INDEX \`uq_infant_follow_up\` (\`infant_id\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `infant_follow_up`');
    await queryRunner.query('DROP TABLE `exposed_infant`');
    await queryRunner.query('DROP TABLE `treatment_dose`');
    await queryRunner.query('DROP TABLE `maternal_treatment`');
    await queryRunner.query('DROP TABLE `pmtct_test`');
    await queryRunner.query('DROP TABLE `pmtct_counselling`');
  }
}
