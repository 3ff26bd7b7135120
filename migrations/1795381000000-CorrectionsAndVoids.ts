import { MigrationInterface, QueryRunner } from 'typeorm';

/** The voidable records: the row stays, flagged, and leaves every count. */
const VOIDABLE = ['feeding_event', 'feeding_contraindication', 'antenatal_visit'];

/**
 * Codes of the caesarean indications (src/delivery/rules/caesarean-indications.ts, 《剖宫产手术的专家
 * 共识（2014）》), copied here so the migration does not change when the list does, with the free
 * texts that name each one exactly.
 */
const INDICATIONS: Record<string, string[]> = {
  fetal_distress: ['胎儿窘迫'],
  cephalopelvic_disproportion: ['头盆不称', '产程停滞', '头盆不称/产程停滞'],
  malpresentation: ['胎位异常', '臀位', '横位'],
  scarred_uterus: ['瘢痕子宫'],
  placenta_praevia: ['前置胎盘', '前置血管', '前置胎盘/前置血管'],
  placental_abruption: ['胎盘早剥'],
  cord_prolapse: ['脐带脱垂'],
  severe_preeclampsia: ['重度子痫前期', '子痫', '重度子痫前期/子痫'],
  multiple_pregnancy: ['多胎妊娠', '双胎妊娠', '双胎'],
  macrosomia: ['巨大儿'],
  maternal_disease: ['妊娠合并症', '妊娠合并症/并发症'],
  birth_canal_abnormality: ['产道异常'],
  maternal_request: ['社会因素', '孕妇要求', '社会因素/孕妇要求'],
  other: [],
};

/** Free texts that meant "no indication" (meansNoIndication()). */
const MEANS_NONE = [
  '',
  '-',
  '--',
  '—',
  '/',
  '无',
  '没有',
  '否',
  '无指征',
  '无医学指征',
  'none',
  'no',
  'nil',
  'n/a',
  'na',
  'null',
];

const codeList = (codes: string[]) => codes.map((code) => `'${code}'`).join(', ');

/**
 * Corrections and voids: void flags (when, who, why) on feeding events, contraindications and
 * antenatal visits, a version on contraindications, the audit action `void`, and the caesarean
 * indication coded. Existing free text is mapped: a text meaning none becomes no indication, a
 * text naming a listed indication its code, anything else `other` with the text kept.
 */
export class CorrectionsAndVoids1795381000000 implements MigrationInterface {
  name = 'CorrectionsAndVoids1795381000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of VOIDABLE) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` ADD \`voided_at\` datetime(3) NULL, ADD \`voided_by\` int NULL, ADD \`void_reason\` varchar(500) NULL`,
      );
    }
    await queryRunner.query(
      'ALTER TABLE `feeding_contraindication` ADD `version` int NOT NULL DEFAULT 1',
    );
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override', 'view_cases', 'view_sensitive', 'view_contact', 'login', 'login_failed', 'login_locked', 'logout', 'session_revoked', 'void') NOT NULL",
    );

    await queryRunner.query(
      'ALTER TABLE `delivery` ADD `caesarean_indication_text` varchar(200) NULL AFTER `caesarean_indication`',
    );
    const none = MEANS_NONE.map(() => '?').join(', ');
    await queryRunner.query(
      `UPDATE delivery SET caesarean_indication = NULL
       WHERE mode <> 'caesarean' OR LOWER(TRIM(caesarean_indication)) IN (${none})`,
      MEANS_NONE,
    );
    const named = Object.entries(INDICATIONS).flatMap(([code, texts]) =>
      texts.map((text) => ({ code, text })),
    );
    await queryRunner.query(
      `UPDATE delivery SET caesarean_indication_text = TRIM(caesarean_indication),
         caesarean_indication = CASE TRIM(caesarean_indication)
           ${named.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 'other' END
       WHERE caesarean_indication IS NOT NULL`,
      named.flatMap(({ code, text }) => [text, code]),
    );
    // A text that named its indication exactly says nothing more.
    await queryRunner.query(
      `UPDATE delivery SET caesarean_indication_text = NULL
       WHERE caesarean_indication IS NOT NULL AND caesarean_indication <> 'other'`,
    );
    await queryRunner.query(
      `ALTER TABLE \`delivery\` MODIFY \`caesarean_indication\` enum (${codeList(Object.keys(INDICATIONS))}) NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `delivery` MODIFY `caesarean_indication` varchar(200) NULL',
    );
    await queryRunner.query(
      `UPDATE delivery SET caesarean_indication = COALESCE(caesarean_indication_text, caesarean_indication)
       WHERE caesarean_indication IS NOT NULL`,
    );
    await queryRunner.query('ALTER TABLE `delivery` DROP COLUMN `caesarean_indication_text`');
    await queryRunner.query("DELETE FROM `audit_entry` WHERE `action` = 'void'");
    await queryRunner.query(
      "ALTER TABLE `audit_entry` MODIFY `action` enum ('create', 'update', 'status_change', 'delete', 'view_unmasked', 'override', 'view_cases', 'view_sensitive', 'view_contact', 'login', 'login_failed', 'login_locked', 'logout', 'session_revoked') NOT NULL",
    );
    await queryRunner.query('ALTER TABLE `feeding_contraindication` DROP COLUMN `version`');
    for (const table of VOIDABLE) {
      await queryRunner.query(
        `ALTER TABLE \`${table}\` DROP COLUMN \`voided_at\`, DROP COLUMN \`voided_by\`, DROP COLUMN \`void_reason\``,
      );
    }
  }
}
