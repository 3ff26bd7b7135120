import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Antenatal visits, visit schedules, contact attempts, risk catalogues and gradings, high-risk
 * cases, referrals and district reports. Seeds the national risk catalogue (CN-2017) and the
 * national minimum visit schedule as data, written out here so later code changes cannot alter
 * what this migration did.
 */
const NATIONAL_FACTORS: [string, string | null, boolean, string, string, string][] = [
  ['AGE_35_PLUS', 'yellow', false, 'derived', '年龄≥35岁', 'Age 35 or over'],
  ['AGE_18_OR_UNDER', 'yellow', false, 'derived', '年龄≤18岁', 'Age 18 or under'],
  ['BMI_OVER_25', 'yellow', false, 'derived', 'BMI>25', 'BMI over 25'],
  ['BMI_UNDER_18_5', 'yellow', false, 'derived', 'BMI<18.5', 'BMI under 18.5'],
  ['HEIGHT_145_OR_UNDER', 'yellow', false, 'derived', '身高≤145cm', 'Height 145 cm or under'],
  [
    'ANAEMIA_HB_60_110',
    'yellow',
    false,
    'derived',
    '妊娠合并贫血（Hb 60-110g/L）',
    'Anaemia, Hb 60–110 g/L',
  ],
  [
    'PLATELETS_50_100',
    'yellow',
    false,
    'derived',
    '妊娠合并血小板减少（PLT 50-100×10⁹/L）',
    'Thrombocytopenia, platelets 50–100 ×10⁹/L',
  ],
  [
    'BP_140_90',
    'yellow',
    false,
    'derived',
    '妊娠期高血压（血压≥140/90mmHg）',
    'Hypertension in pregnancy, BP ≥ 140/90',
  ],
  [
    'ONE_PREVIOUS_CAESAREAN',
    'yellow',
    false,
    'derived',
    '瘢痕子宫（剖宫产1次）',
    'Scarred uterus, one previous caesarean',
  ],
  [
    'MULTIPLE_PREGNANCY',
    'yellow',
    false,
    'derived',
    '多胎妊娠（双胎及以上）',
    'Multiple pregnancy (twins or more)',
  ],
  [
    'IVF_PREGNANCY',
    'yellow',
    false,
    'derived',
    '辅助生殖妊娠',
    'Assisted reproduction (IVF) pregnancy',
  ],
  ['RH_NEGATIVE', 'yellow', false, 'ticked', 'Rh血型阴性', 'Rh negative'],
  [
    'THREE_PLUS_MISCARRIAGES',
    'yellow',
    false,
    'ticked',
    '不良孕产史：各类流产≥3次',
    '3 or more previous miscarriages',
  ],
  [
    'PREVIOUS_PRETERM_BIRTH',
    'yellow',
    false,
    'ticked',
    '不良孕产史：早产',
    'Previous preterm birth',
  ],
  [
    'PREVIOUS_PERINATAL_DEATH',
    'yellow',
    false,
    'ticked',
    '不良孕产史：围产儿死亡',
    'Previous perinatal death',
  ],
  [
    'PREVIOUS_BIRTH_DEFECT',
    'yellow',
    false,
    'ticked',
    '不良孕产史：出生缺陷',
    'Previous birth defect',
  ],
  [
    'PREVIOUS_ECTOPIC',
    'yellow',
    false,
    'ticked',
    '不良孕产史：异位妊娠',
    'Previous ectopic pregnancy',
  ],
  [
    'FIBROID_OR_CYST_5CM',
    'yellow',
    false,
    'ticked',
    '子宫肌瘤或卵巢囊肿≥5cm',
    'Uterine fibroid or ovarian cyst ≥ 5 cm',
  ],
  [
    'THYROID_OR_DIABETES_NO_MEDICATION',
    'yellow',
    false,
    'ticked',
    '无需药物治疗的糖尿病、甲状腺疾病',
    'Diabetes or thyroid disease, no medication',
  ],
  [
    'MILD_HEART_DISEASE',
    'yellow',
    false,
    'ticked',
    '心脏病（经心内科诊治无需药物治疗、心功能正常）',
    'Heart disease, no medication, normal function',
  ],
  [
    'HBSAG_CARRIER_NORMAL_LIVER',
    'yellow',
    false,
    'ticked',
    '肝炎病毒携带（表面抗原阳性、肝功能正常）',
    'HBsAg carrier, normal liver function',
  ],
  ['AGE_40_PLUS', 'orange', false, 'derived', '年龄≥40岁', 'Age 40 or over'],
  ['BMI_28_PLUS', 'orange', false, 'derived', 'BMI≥28', 'BMI 28 or over'],
  [
    'SEVERE_ANAEMIA_HB_40_60',
    'orange',
    false,
    'derived',
    '重度贫血（Hb 40-60g/L）',
    'Severe anaemia, Hb 40–60 g/L',
  ],
  [
    'PLATELETS_30_50',
    'orange',
    false,
    'derived',
    '血小板减少（PLT 30-50×10⁹/L）',
    'Thrombocytopenia, platelets 30–50 ×10⁹/L',
  ],
  [
    'TWO_PLUS_UTERINE_OPERATIONS',
    'orange',
    false,
    'derived',
    '各类子宫手术史（如剖宫产、子宫肌瘤挖除术等）≥2次',
    '2 or more uterine operations',
  ],
  [
    'DIABETES_OR_THYROID_ON_MEDICATION',
    'orange',
    false,
    'ticked',
    '需药物治疗的糖尿病、甲状腺疾病',
    'Diabetes or thyroid disease on medication',
  ],
  ['SEVERE_PRE_ECLAMPSIA', 'orange', false, 'ticked', '重度子痫前期', 'Severe pre-eclampsia'],
  [
    'CHRONIC_HYPERTENSION_WITH_PRE_ECLAMPSIA',
    'orange',
    false,
    'ticked',
    '慢性高血压合并子痫前期',
    'Chronic hypertension with pre-eclampsia',
  ],
  ['HEART_FUNCTION_II', 'orange', false, 'ticked', '心功能II级', 'Heart function class II'],
  [
    'MILD_PULMONARY_HYPERTENSION',
    'orange',
    false,
    'ticked',
    '轻度肺动脉高压（<50mmHg）',
    'Mild pulmonary hypertension (< 50 mmHg)',
  ],
  ['ASTHMA', 'orange', false, 'ticked', '哮喘', 'Asthma'],
  [
    'TWINS_WITH_POLYHYDRAMNIOS',
    'orange',
    false,
    'ticked',
    '双胎、羊水过多',
    'Twins with polyhydramnios',
  ],
  ['HB_UNDER_40', 'red', false, 'derived', '重度贫血（Hb<40g/L）', 'Hb under 40 g/L'],
  [
    'PLATELETS_UNDER_30',
    'red',
    false,
    'derived',
    '血小板减少（PLT<30×10⁹/L）',
    'Platelets under 30 ×10⁹/L',
  ],
  [
    'PULMONARY_HYPERTENSION_50_PLUS',
    'red',
    false,
    'ticked',
    '各种原因引起的肺动脉高压（≥50mmHg）',
    'Pulmonary hypertension ≥ 50 mmHg',
  ],
  [
    'COMPLEX_CONGENITAL_HEART_DISEASE',
    'red',
    false,
    'ticked',
    '复杂先心（法洛氏四联症、艾森曼格综合征等）',
    'Complex congenital heart disease',
  ],
  [
    'HEART_FUNCTION_III_IV',
    'red',
    false,
    'ticked',
    '心功能III-IV级',
    'Heart function class III–IV',
  ],
  ['DECOMPENSATED_CIRRHOSIS', 'red', false, 'ticked', '肝硬化失代偿', 'Decompensated cirrhosis'],
  [
    'CKD_SEVERE_HYPERTENSION_OR_RENAL_FAILURE',
    'red',
    false,
    'ticked',
    '慢性肾脏疾病伴严重高血压、肾功能不全',
    'Chronic kidney disease with severe hypertension or renal failure',
  ],
  [
    'APLASTIC_ANAEMIA_OR_LEUKAEMIA',
    'red',
    false,
    'ticked',
    '再生障碍性贫血、白血病',
    'Aplastic anaemia or leukaemia',
  ],
  [
    'PERNICIOUS_PLACENTA_PRAEVIA',
    'red',
    false,
    'ticked',
    '凶险性前置胎盘',
    'Pernicious placenta praevia',
  ],
  ['HIV_POSITIVE', null, true, 'derived', 'HIV感染及艾滋病', 'HIV infection'],
  ['SYPHILIS_POSITIVE', null, true, 'derived', '梅毒', 'Syphilis'],
  [
    'HBSAG_POSITIVE',
    null,
    true,
    'derived',
    '病毒性肝炎（乙肝表面抗原阳性）',
    'Hepatitis B (HBsAg positive)',
  ],
  [
    'OTHER_VIRAL_HEPATITIS',
    null,
    true,
    'ticked',
    '病毒性肝炎（乙肝以外）',
    'Viral hepatitis other than B',
  ],
  ['TUBERCULOSIS', null, true, 'ticked', '结核病', 'Tuberculosis'],
  [
    'SEVERE_INFECTIOUS_PNEUMONIA',
    null,
    true,
    'ticked',
    '重症感染性肺炎',
    'Severe infectious pneumonia',
  ],
  [
    'SPECIAL_VIRAL_INFECTION',
    null,
    true,
    'ticked',
    '特殊病毒感染（H1N7、寨卡等）',
    'Special viral infection (e.g. Zika)',
  ],
];

/** 基本公卫 3rd ed.: code, label, first and last gestational-age day. */
const BASIC_SCHEDULE: [string, string, number, number][] = [
  ['ANC1', '孕13周前', 0, 90],
  ['ANC2', '孕16-20周', 112, 146],
  ['ANC3', '孕21-24周', 147, 174],
  ['ANC4', '孕28-36周', 196, 258],
  ['ANC5', '孕37-40周', 259, 286],
];

export class RiskAndAntenatal1795350623335 implements MigrationInterface {
  name = 'RiskAndAntenatal1795350623335';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`antenatal_visit\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`visit_date\` date NOT NULL, \`same_day_repeat\` tinyint NOT NULL DEFAULT 0, \`weight_kg\` decimal(5,1) NULL, \`height_cm\` decimal(4,1) NULL, \`systolic_mm_hg\` smallint UNSIGNED NULL, \`diastolic_mm_hg\` smallint UNSIGNED NULL, \`fundal_height_cm\` decimal(4,1) NULL, \`fetal_heart_rate\` smallint UNSIGNED NULL, \`fetal_position\` enum ('cephalic', 'breech', 'transverse', 'oblique', 'unknown') NULL, \`oedema\` enum ('none', 'mild', 'moderate', 'severe') NULL, \`haemoglobin_gl\` smallint UNSIGNED NULL, \`platelets_e9_l\` smallint UNSIGNED NULL, \`urine_protein\` enum ('negative', 'trace', '1+', '2+', '3+', '4+') NULL, \`urine_glucose\` enum ('negative', 'trace', '1+', '2+', '3+', '4+') NULL, \`findings\` text NULL, \`next_appointment_date\` date NULL, \`recorded_by\` int NOT NULL, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), INDEX \`idx_visit_facility_date\` (\`facility_id\`, \`visit_date\`), INDEX \`idx_visit_pregnancy_date\` (\`pregnancy_id\`, \`visit_date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contact_attempt\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`attempted_at\` datetime(3) NOT NULL, \`outcome\` enum ('called', 'no_answer', 'will_come', 'moved_away', 'refused') NOT NULL, \`note\` varchar(500) NULL, \`user_id\` int NOT NULL, INDEX \`idx_contact_pregnancy_time\` (\`pregnancy_id\`, \`attempted_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`schedule_window\` (\`id\` int NOT NULL AUTO_INCREMENT, \`facility_id\` int NULL, \`ordinal\` tinyint UNSIGNED NOT NULL, \`code\` varchar(16) NOT NULL, \`label\` varchar(50) NOT NULL, \`start_day\` smallint UNSIGNED NOT NULL, \`end_day\` smallint UNSIGNED NOT NULL, INDEX \`idx_schedule_window_facility\` (\`facility_id\`, \`ordinal\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`high_risk_case\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`status\` enum ('open', 'closed') NOT NULL DEFAULT 'open', \`opened_by_assessment_id\` int NOT NULL, \`opened_at\` datetime(3) NOT NULL, \`responsible_clinician_id\` int NULL, \`plan\` text NULL, \`closed_at\` datetime(3) NULL, \`close_reason\` varchar(200) NULL, \`open_pregnancy_id\` int AS (CASE WHEN \`status\` = 'open' THEN \`pregnancy_id\` END) STORED, \`version\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_high_risk_case_open\` (\`open_pregnancy_id\`), INDEX \`idx_high_risk_case_facility\` (\`facility_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `INSERT INTO \`typeorm_metadata\`(\`database\`, \`schema\`, \`table\`, \`type\`, \`name\`, \`value\`) VALUES (DEFAULT, ?, ?, ?, ?, ?)`,
      [
        await queryRunner.getCurrentDatabase(),
        'high_risk_case',
        'GENERATED_COLUMN',
        'open_pregnancy_id',
        "CASE WHEN `status` = 'open' THEN `pregnancy_id` END",
      ],
    );
    await queryRunner.query(
      `CREATE TABLE \`high_risk_case_note\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`noted_at\` datetime(3) NOT NULL, \`author_id\` int NOT NULL, \`text\` text NOT NULL, INDEX \`idx_case_note_case\` (\`case_id\`, \`noted_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`referred_on\` date NOT NULL, \`to_facility_name\` varchar(100) NOT NULL, \`reason\` varchar(500) NOT NULL, \`follow_up_due_on\` date NOT NULL, \`result_followed_up_on\` date NULL, \`result\` varchar(500) NULL, \`created_by\` int NOT NULL, \`version\` int NOT NULL, INDEX \`idx_referral_followup\` (\`facility_id\`, \`result_followed_up_on\`, \`follow_up_due_on\`), INDEX \`idx_referral_case\` (\`case_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`risk_catalogue\` (\`id\` int NOT NULL AUTO_INCREMENT, \`version\` varchar(32) NOT NULL, \`province\` char(2) NULL, \`name\` varchar(100) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_f53f66432bd796103c4b3c5fc8\` (\`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`risk_factor\` (\`id\` int NOT NULL AUTO_INCREMENT, \`catalogue_id\` int NOT NULL, \`code\` varchar(48) NOT NULL, \`colour\` enum ('green', 'yellow', 'orange', 'red') NULL, \`purple\` tinyint NOT NULL DEFAULT 0, \`origin\` enum ('derived', 'ticked') NOT NULL, \`description_zh\` varchar(200) NOT NULL, \`description_en\` varchar(200) NOT NULL, UNIQUE INDEX \`uq_risk_factor_code\` (\`catalogue_id\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`risk_assessment\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`kind\` enum ('registration_screening', 'visit', 'postpartum_visit', 'day42_check', 'automatic') NOT NULL, \`assessed_at\` datetime(3) NOT NULL, \`assessed_on\` date NOT NULL, \`ga_days\` smallint NULL, \`colour\` enum ('green', 'yellow', 'orange', 'red') NOT NULL, \`purple\` tinyint NOT NULL, \`catalogue_id\` int NOT NULL, \`assessor_id\` int NOT NULL, \`source_visit_id\` int NULL, INDEX \`idx_risk_assessment_facility\` (\`facility_id\`, \`assessed_at\`), INDEX \`idx_risk_assessment_pregnancy\` (\`pregnancy_id\`, \`assessed_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`risk_assessment_factor\` (\`id\` int NOT NULL AUTO_INCREMENT, \`assessment_id\` int NOT NULL, \`code\` varchar(48) NOT NULL, \`colour\` enum ('green', 'yellow', 'orange', 'red') NULL, \`purple\` tinyint NOT NULL, \`origin\` enum ('derived', 'ticked') NOT NULL, \`evidence\` varchar(200) NULL, \`source_record\` varchar(40) NULL, INDEX \`idx_assessment_factor\` (\`assessment_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `CREATE TABLE \`risk_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`assessment_id\` int NOT NULL, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`colour\` enum ('orange', 'red') NOT NULL, \`graded_at\` datetime(3) NOT NULL, \`due_at\` datetime(3) NOT NULL, \`reported_at\` datetime(3) NULL, \`reported_to\` varchar(100) NULL, \`reported_by\` int NULL, INDEX \`idx_risk_report_facility_due\` (\`facility_id\`, \`reported_at\`, \`due_at\`), UNIQUE INDEX \`IDX_c91a9fe88b72d0deae9e478633\` (\`assessment_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await queryRunner.query(
      `ALTER TABLE \`pregnancy\` ADD \`risk_colour\` enum ('green', 'yellow', 'orange', 'red') NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE \`pregnancy\` ADD \`risk_purple\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE \`pregnancy\` ADD \`last_visit_date\` date NULL`);

    await queryRunner.query(
      'INSERT INTO `risk_catalogue` (`version`, `province`, `name`) VALUES (?, NULL, ?)',
      ['CN-2017', '孕产妇妊娠风险筛查与评估（国卫办妇幼发〔2017〕35号）'],
    );
    const [{ id }] = (await queryRunner.query(
      'SELECT id FROM `risk_catalogue` WHERE `version` = ?',
      ['CN-2017'],
    )) as { id: number }[];
    for (const [code, colour, purple, origin, descriptionZh, descriptionEn] of NATIONAL_FACTORS) {
      await queryRunner.query(
        'INSERT INTO `risk_factor` (`catalogue_id`, `code`, `colour`, `purple`, `origin`, `description_zh`, `description_en`) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [id, code, colour, purple, origin, descriptionZh, descriptionEn],
      );
    }
    for (const [index, [code, label, startDay, endDay]] of BASIC_SCHEDULE.entries()) {
      await queryRunner.query(
        'INSERT INTO `schedule_window` (`facility_id`, `ordinal`, `code`, `label`, `start_day`, `end_day`) VALUES (NULL, ?, ?, ?, ?, ?)',
        [index + 1, code, label, startDay, endDay],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DELETE FROM `typeorm_metadata` WHERE `type` = ? AND `name` = ? AND `schema` = ? AND `table` = ?',
      [
        'GENERATED_COLUMN',
        'open_pregnancy_id',
        await queryRunner.getCurrentDatabase(),
        'high_risk_case',
      ],
    );
    await queryRunner.query('ALTER TABLE `pregnancy` DROP COLUMN `last_visit_date`');
    await queryRunner.query('ALTER TABLE `pregnancy` DROP COLUMN `risk_purple`');
    await queryRunner.query('ALTER TABLE `pregnancy` DROP COLUMN `risk_colour`');
    await queryRunner.query('DROP TABLE `risk_report`');
    await queryRunner.query('DROP TABLE `risk_assessment_factor`');
    await queryRunner.query('DROP TABLE `risk_assessment`');
    await queryRunner.query('DROP TABLE `risk_factor`');
    await queryRunner.query('DROP TABLE `risk_catalogue`');
    await queryRunner.query('DROP TABLE `referral`');
    await queryRunner.query('DROP TABLE `high_risk_case_note`');
    await queryRunner.query('DROP TABLE `high_risk_case`');
    await queryRunner.query('DROP TABLE `schedule_window`');
    await queryRunner.query('DROP TABLE `contact_attempt`');
    await queryRunner.query('DROP TABLE `antenatal_visit`');
  }
}
