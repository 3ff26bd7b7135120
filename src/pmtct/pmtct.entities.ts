import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';

export const DISEASE_CODES = ['hiv', 'syphilis', 'hbsag'] as const;
export type DiseaseCode = (typeof DISEASE_CODES)[number];

export const COUNSELLING_STAGES = ['pre_test', 'post_test'] as const;
export const TEST_SUBJECTS = ['woman', 'partner'] as const;
export const TEST_KINDS = ['screening', 'confirmatory'] as const;
export const TEST_METHODS = [
  'rapid',
  'elisa',
  'chemiluminescence',
  'treponemal',
  'non_treponemal',
  'western_blot',
  'nucleic_acid',
  'other',
] as const;
/** `labour`: the rapid test at admission in labour, acted on at once (DOMAIN.md §7). */
export const TEST_SETTINGS = ['antenatal', 'labour', 'postpartum'] as const;
export const HBEAG_RESULTS = ['negative', 'positive'] as const;
export const TEST_RESULTS = ['negative', 'positive', 'indeterminate'] as const;

/** Counselling before a test (accepted or declined) or after it (result given). */
@Entity('pmtct_counselling')
@Index('idx_pmtct_counselling_pregnancy', ['pregnancyId', 'counselledOn'])
export class PmtctCounselling {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: COUNSELLING_STAGES })
  stage: (typeof COUNSELLING_STAGES)[number];

  @Column({ type: 'date' })
  counselledOn: string;

  /** Before a test: she accepted testing. After one: always true. */
  @Column({ type: 'boolean' })
  accepted: boolean;

  @Column({ type: 'int', nullable: true })
  testId: number | null;

  @Column({ type: 'int' })
  counsellorId: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

/** One HIV, syphilis or HBsAg test of the woman (or her partner) in this pregnancy. */
@Entity('pmtct_test')
@Index('idx_pmtct_test_pregnancy', ['pregnancyId', 'disease', 'sampleDate'])
@Index('idx_pmtct_test_facility', ['facilityId', 'disease', 'result'])
export class PmtctTest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: TEST_SUBJECTS, default: 'woman' })
  subject: (typeof TEST_SUBJECTS)[number];

  @Column({ type: 'enum', enum: DISEASE_CODES })
  disease: DiseaseCode;

  @Column({ type: 'enum', enum: TEST_KINDS })
  kind: (typeof TEST_KINDS)[number];

  @Column({ type: 'enum', enum: TEST_METHODS, nullable: true })
  method: (typeof TEST_METHODS)[number] | null;

  @Column({ type: 'date' })
  sampleDate: string;

  @Column({ type: 'enum', enum: TEST_SETTINGS })
  setting: (typeof TEST_SETTINGS)[number];

  /** Null while the laboratory has not answered. */
  @Column({ type: 'enum', enum: TEST_RESULTS, nullable: true })
  result: (typeof TEST_RESULTS)[number] | null;

  @Column({ type: 'date', nullable: true })
  resultDate: string | null;

  /** Non-treponemal titre, e.g. 1:8. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  titre: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  laboratory: string | null;

  /** HBsAg tests: HBV DNA viral load, IU/mL (an antiviral from 2×10^5). */
  @Column({
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: {
      to: (value: number | null | undefined) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  hbvDnaIuPerMl: number | null;

  /** HBsAg tests: HBeAg (an antiviral when positive). */
  @Column({ type: 'enum', enum: HBEAG_RESULTS, nullable: true })
  hbeag: (typeof HBEAG_RESULTS)[number] | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export const TREATMENT_KINDS = ['art', 'syphilis_course', 'hbv_antiviral'] as const;
export type TreatmentKind = (typeof TREATMENT_KINDS)[number];

/** The mother's treatment: antiretroviral therapy, a syphilis course, or an HBV antiviral. */
@Entity('maternal_treatment')
@Index('idx_maternal_treatment_pregnancy', ['pregnancyId', 'disease'])
export class MaternalTreatment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: DISEASE_CODES })
  disease: DiseaseCode;

  @Column({ type: 'enum', enum: TREATMENT_KINDS })
  kind: TreatmentKind;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'varchar', length: 100 })
  regimen: string;

  /** ART she was already taking when she conceived: `startedOn` is before the LMP. */
  @Column({ type: 'boolean', default: false })
  onArtAtConception: boolean;

  @Column({ type: 'int' })
  recordedBy: number;
}

/** One dose of a syphilis course (benzathine penicillin 2.4 MU weekly). */
@Entity('treatment_dose')
@Index('idx_treatment_dose_treatment', ['treatmentId', 'givenOn'])
export class TreatmentDose {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  treatmentId: number;

  @Column({ type: 'date' })
  givenOn: string;

  @Column({ type: 'varchar', length: 50 })
  drug: string;

  @Column({ type: 'varchar', length: 30 })
  dose: string;

  @Column({ type: 'int' })
  recordedBy: number;
}

export const FEEDING_CHOICES = ['breastfeeding', 'replacement', 'mixed'] as const;

/**
 * A baby exposed to HIV, syphilis or HBV: planned before birth, or made for every live-born baby
 * when the delivery (or a positive result after it) is recorded; timed from birth.
 */
@Entity('exposed_infant')
@Index('uq_exposed_infant', ['pregnancyId', 'birthOrder'], { unique: true })
@Index('idx_exposed_infant_facility', ['facilityId', 'bornAt'])
export class ExposedInfant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  /** 1, or 2 for the second twin. */
  @Column({ type: 'tinyint', unsigned: true })
  birthOrder: number;

  /** The newborn record, once the delivery is recorded. */
  @Column({ type: 'int', nullable: true })
  newbornId: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  bornAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  hivProphylaxisStartedAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  hivProphylaxisRegimen: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  hbigAt: Date | null;

  /**
   * The first hepatitis B vaccine dose, held here only while the baby has no newborn record:
   * once linked, the dose is the newborn's hepatitis B birth dose (read and written through
   * infant-birth-dose.ts) and this column is null.
   */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  hepBVaccine1At: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  syphilisProphylaxisAt: Date | null;

  @Column({ type: 'enum', enum: FEEDING_CHOICES, nullable: true })
  feedingChoice: (typeof FEEDING_CHOICES)[number] | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A follow-up visit of an exposed child (HIV 48 h … 18 months; syphilis 3 … 18 months). */
@Entity('infant_follow_up')
@Index('uq_infant_follow_up', ['infantId', 'code'], { unique: true })
export class InfantFollowUp {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  infantId: number;

  @Column({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'date' })
  doneOn: string;

  @Column({ type: 'varchar', length: 200 })
  result: string;

  @Column({ type: 'int' })
  recordedBy: number;
}
