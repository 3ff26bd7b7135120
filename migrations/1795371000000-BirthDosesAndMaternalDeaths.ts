import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every newborn's hepatitis B birth dose and BCG (time, batch, who gave it), and the time and
 * cause of a maternal death. The exposed-baby record's first vaccine dose becomes the newborn's
 * birth dose: doses already recorded on a baby whose newborn record exists move onto it (a
 * planned record of the same birth order is linked first, as recording the delivery does); a
 * record with no newborn yet keeps its dose until the delivery is recorded.
 */
export class BirthDosesAndMaternalDeaths1795371000000 implements MigrationInterface {
  name = 'BirthDosesAndMaternalDeaths1795371000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `newborn` ' +
        'ADD `hep_b_birth_dose_at` datetime(3) NULL, ' +
        'ADD `hep_b_birth_dose_batch` varchar(40) NULL, ' +
        'ADD `hep_b_birth_dose_given_by` varchar(50) NULL, ' +
        'ADD `bcg_at` datetime(3) NULL, ' +
        'ADD `bcg_batch` varchar(40) NULL, ' +
        'ADD `bcg_given_by` varchar(50) NULL',
    );
    await queryRunner.query(
      `UPDATE \`exposed_infant\` ei
       JOIN \`newborn\` n ON n.pregnancy_id = ei.pregnancy_id AND n.birth_order = ei.birth_order
       SET ei.newborn_id = n.id, ei.born_at = COALESCE(ei.born_at, n.born_at)
       WHERE ei.newborn_id IS NULL`,
    );
    await queryRunner.query(
      `UPDATE \`newborn\` n
       JOIN \`exposed_infant\` ei ON ei.newborn_id = n.id
       SET n.hep_b_birth_dose_at = ei.hep_bvaccine1_at
       WHERE ei.hep_bvaccine1_at IS NOT NULL AND n.hep_b_birth_dose_at IS NULL`,
    );
    await queryRunner.query(
      'UPDATE `exposed_infant` SET `hep_bvaccine1_at` = NULL WHERE `newborn_id` IS NOT NULL',
    );
    await queryRunner.query(
      `CREATE TABLE \`maternal_death\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pregnancy_id\` int NOT NULL, \`facility_id\` int NOT NULL, \`died_at\` datetime(3) NOT NULL, \`cause\` enum ('obstetric_haemorrhage', 'hypertensive_disorder', 'amniotic_fluid_embolism', 'heart_disease', 'other_medical', 'other', 'accidental') NOT NULL, \`cause_detail\` varchar(200) NULL, \`recorded_by\` int NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`uq_maternal_death_pregnancy\` (\`pregnancy_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `maternal_death`');
    await queryRunner.query(
      `UPDATE \`exposed_infant\` ei
       JOIN \`newborn\` n ON n.id = ei.newborn_id
       SET ei.hep_bvaccine1_at = n.hep_b_birth_dose_at
       WHERE n.hep_b_birth_dose_at IS NOT NULL`,
    );
    await queryRunner.query(
      'ALTER TABLE `newborn` DROP `hep_b_birth_dose_at`, DROP `hep_b_birth_dose_batch`, ' +
        'DROP `hep_b_birth_dose_given_by`, DROP `bcg_at`, DROP `bcg_batch`, DROP `bcg_given_by`',
    );
  }
}
