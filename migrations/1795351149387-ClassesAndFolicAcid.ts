import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prenatal classes (topics, sessions, the attendance register) and folic acid (dispensings, intake
 * reports, knowledge surveys). Seeds the class topics of DOMAIN.md §5.
 */
const TOPICS: [string, string, string, boolean][] = [
  ['breastfeeding', '母乳喂养', 'Breastfeeding', true],
  ['nutrition', '孕期营养', 'Nutrition in pregnancy', false],
  ['danger_signs', '孕期危险信号', 'Danger signs in pregnancy', false],
  ['labour_delivery', '分娩准备', 'Labour and delivery', false],
  ['newborn_care', '新生儿护理', 'Newborn care', false],
  ['postpartum_recovery', '产后康复', 'Postpartum recovery', false],
];

export class ClassesAndFolicAcid1795351149387 implements MigrationInterface {
  name = 'ClassesAndFolicAcid1795351149387';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`class_topic\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name_zh\` varchar(50) NOT NULL, \`name_en\` varchar(80) NOT NULL, \`breastfeeding\` tinyint NOT NULL DEFAULT 0, UNIQUE INDEX \`IDX_14bd3dd1976ff28699e6c90f30\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`class_session\` (\`id\` int NOT NULL AUTO_INCREMENT, \`facility_id\` int NOT NULL, \`topic_id\` int NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`session_date\` date NOT NULL, \`duration_minutes\` smallint UNSIGNED NOT NULL, \`instructor\` varchar(50) NOT NULL, \`place\` varchar(100) NOT NULL, \`capacity\` smallint UNSIGNED NOT NULL, \`created_by\` int NOT NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_class_session_facility_time\` (\`facility_id\`, \`starts_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`class_attendance\` (\`id\` int NOT NULL AUTO_INCREMENT, \`session_id\` int NOT NULL, \`woman_id\` int NOT NULL, \`pregnancy_id\` int NULL, \`companion\` enum ('partner', 'family_member', 'other') NULL, \`checked_in_by\` int NOT NULL, \`checked_in_at\` datetime(3) NOT NULL, INDEX \`idx_class_attendance_woman\` (\`woman_id\`), UNIQUE INDEX \`uq_class_attendance\` (\`session_id\`, \`woman_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`folic_acid_dispensing\` (\`id\` int NOT NULL AUTO_INCREMENT, \`woman_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`dispensed_on\` date NOT NULL, \`dose_mg\` decimal(2,1) NOT NULL, \`bottles\` tinyint UNSIGNED NOT NULL, \`tablets_per_bottle\` smallint UNSIGNED NOT NULL, \`batch_number\` varchar(40) NULL, \`dispensed_by\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_folic_dispensing_facility\` (\`facility_id\`, \`dispensed_on\`), INDEX \`idx_folic_dispensing_woman\` (\`woman_id\`, \`dispensed_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`folic_acid_intake_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`woman_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`reported_on\` date NOT NULL, \`started_on\` date NULL, \`stopped_on\` date NULL, \`missed_days\` smallint UNSIGNED NULL, \`estimated_days_taken\` smallint UNSIGNED NULL, \`recorded_by\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_folic_intake_woman\` (\`woman_id\`, \`reported_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`folic_acid_survey\` (\`id\` int NOT NULL AUTO_INCREMENT, \`woman_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`asked_on\` date NOT NULL, \`knows_prevents_neural_tube_defects\` tinyint NOT NULL, \`knows_when_to_take\` tinyint NOT NULL, \`asked_by\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`idx_folic_survey_facility\` (\`facility_id\`, \`asked_on\`), INDEX \`idx_folic_survey_woman\` (\`woman_id\`, \`asked_on\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE INDEX \`idx_woman_registered_facility\` ON \`woman\` (\`registered_facility_id\`)`,
    );
    for (const [code, nameZh, nameEn, breastfeeding] of TOPICS) {
      await queryRunner.query(
        'INSERT INTO `class_topic` (`code`, `name_zh`, `name_en`, `breastfeeding`) VALUES (?, ?, ?, ?)',
        [code, nameZh, nameEn, breastfeeding],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_woman_registered_facility` ON `woman`');
    await queryRunner.query('DROP TABLE `folic_acid_survey`');
    await queryRunner.query('DROP TABLE `folic_acid_intake_report`');
    await queryRunner.query('DROP TABLE `folic_acid_dispensing`');
    await queryRunner.query('DROP TABLE `class_attendance`');
    await queryRunner.query('DROP TABLE `class_session`');
    await queryRunner.query('DROP TABLE `class_topic`');
  }
}
