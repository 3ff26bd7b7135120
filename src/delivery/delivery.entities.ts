import { RESIDENCE_CATEGORIES, type ResidenceCategory } from '../episodes/rules/residence';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import { decimalToNumber } from '../core/database/decimal-columns';
import { type Voidable, VoidFlags } from '../core/database/voids';
import {
  CAESAREAN_INDICATION_CODES,
  type CaesareanIndication,
} from './rules/caesarean-indications';

export const DELIVERY_PLACES = ['this_facility', 'other_facility', 'en_route', 'home'] as const;
export const DELIVERY_MODES = ['spontaneous_vaginal', 'assisted_vaginal', 'caesarean'] as const;
export const MATERNAL_OUTCOMES = ['well', 'complications', 'transferred', 'death'] as const;

/**
 * The birth (分娩): one per pregnancy, not voided; recording it makes the pregnancy delivered, and
 * voiding it makes her open again.
 */
@Entity('delivery')
@Index('idx_delivery_pregnancy', ['pregnancyId'])
@Index('idx_delivery_facility_time', ['facilityId', 'deliveredAt'])
@Index('idx_delivery_attributed_region', ['attributedRegionCode', 'deliveredAt'])
export class Delivery extends VoidFlags implements Voidable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  /** Set only while not voided; its unique index allows one delivery per pregnancy. */
  @Column({
    type: 'int',
    nullable: true,
    generatedType: 'STORED',
    asExpression: 'CASE WHEN `voided_at` IS NULL THEN `pregnancy_id` END',
    insert: false,
    update: false,
    select: false,
  })
  @Index('uq_delivery_live_pregnancy', { unique: true })
  livePregnancyId: number | null;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'datetime', precision: 3 })
  deliveredAt: Date;

  @Column({ type: 'enum', enum: DELIVERY_PLACES })
  place: (typeof DELIVERY_PLACES)[number];

  @Column({ type: 'enum', enum: DELIVERY_MODES })
  mode: (typeof DELIVERY_MODES)[number];

  /**
   * For a caesarean: the coded indication (rules/caesarean-indications); null means none. BF-06
   * counts these and the non-medical ones (maternal request).
   */
  @Column({ type: 'enum', enum: CAESAREAN_INDICATION_CODES, nullable: true })
  caesareanIndication: CaesareanIndication | null;

  /** The text of an indication coded `other` (required then), or a detail of another code. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  caesareanIndicationText: string | null;

  @Column({ type: 'boolean', default: false })
  isolationRoom: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  complications: string | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  bloodLossMl: number | null;

  @Column({ type: 'enum', enum: MATERNAL_OUTCOMES })
  maternalOutcome: (typeof MATERNAL_OUTCOMES)[number];

  /** The mother's discharge; the postpartum visit is due within 7 days of it. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  motherDischargedAt: Date | null;

  /** Her residence category when she delivered (episodes/rules/residence). */
  @Column({ type: 'enum', enum: RESIDENCE_CATEGORIES, nullable: true })
  residenceCategory: ResidenceCategory | null;

  /** The region she is counted in by district indicators, under `attributionRule`. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  attributedRegionCode: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  attributionRule: string | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export const SEXES = ['female', 'male', 'undetermined'] as const;
export const VITAL_STATUSES = ['live_birth', 'stillbirth'] as const;
export const STILLBIRTH_TIMINGS = ['antepartum', 'intrapartum'] as const;

/** One baby born (新生儿); a stillbirth is recorded too. A baby entered twice is voided. */
@Entity('newborn')
@Index('uq_newborn_live_order', ['deliveryId', 'liveBirthOrder'], { unique: true })
@Index('idx_newborn_facility_born', ['facilityId', 'bornAt'])
@Index('idx_newborn_pregnancy', ['pregnancyId'])
export class Newborn extends VoidFlags implements Voidable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  deliveryId: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'tinyint', unsigned: true })
  birthOrder: number;

  /** Set only while not voided; its unique index gives each baby of a delivery its own order. */
  @Column({
    type: 'tinyint',
    unsigned: true,
    nullable: true,
    generatedType: 'STORED',
    asExpression: 'CASE WHEN `voided_at` IS NULL THEN `birth_order` END',
    insert: false,
    update: false,
    select: false,
  })
  liveBirthOrder: number | null;

  @Column({ type: 'datetime', precision: 3 })
  bornAt: Date;

  @Column({ type: 'enum', enum: SEXES })
  sex: (typeof SEXES)[number];

  @Column({ type: 'smallint', unsigned: true })
  birthWeightG: number;

  @Column({ type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalToNumber })
  lengthCm: number | null;

  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  apgar1: number | null;

  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  apgar5: number | null;

  @Column({ type: 'enum', enum: VITAL_STATUSES })
  vitalStatus: (typeof VITAL_STATUSES)[number];

  @Column({ type: 'enum', enum: STILLBIRTH_TIMINGS, nullable: true })
  stillbirthTiming: (typeof STILLBIRTH_TIMINGS)[number] | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  nicuAdmittedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  nicuReason: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  diedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  deathCause: string | null;

  /**
   * The hepatitis B birth dose (乙肝疫苗首针), for every live-born baby: the one record of it. An
   * exposed baby's PMTCT record reads and writes its first vaccine dose here.
   */
  @Column({ name: 'hep_b_birth_dose_at', type: 'datetime', precision: 3, nullable: true })
  hepBBirthDoseAt: Date | null;

  @Column({ name: 'hep_b_birth_dose_batch', type: 'varchar', length: 40, nullable: true })
  hepBBirthDoseBatch: string | null;

  /** Who gave it, as written on the vaccination record. */
  @Column({ name: 'hep_b_birth_dose_given_by', type: 'varchar', length: 50, nullable: true })
  hepBBirthDoseGivenBy: string | null;

  /** BCG (卡介苗). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  bcgAt: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  bcgBatch: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  bcgGivenBy: string | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export const BIRTH_VACCINES = ['hep_b', 'bcg'] as const;
export type BirthVaccine = (typeof BIRTH_VACCINES)[number];

/** The newborn columns of each birth dose. */
export const BIRTH_DOSE_COLUMNS = {
  hep_b: { at: 'hepBBirthDoseAt', batch: 'hepBBirthDoseBatch', givenBy: 'hepBBirthDoseGivenBy' },
  bcg: { at: 'bcgAt', batch: 'bcgBatch', givenBy: 'bcgGivenBy' },
} as const satisfies Record<BirthVaccine, Record<'at' | 'batch' | 'givenBy', keyof Newborn>>;

export const FEEDING_EVENT_KINDS = [
  'skin_to_skin',
  'first_breastfeed',
  'separation',
  'supplement',
  'discharge',
] as const;
export type FeedingEventKind = (typeof FEEDING_EVENT_KINDS)[number];

/** A timed event of the stay: skin-to-skin, first feed, separation, supplement, discharge. */
@Entity('feeding_event')
@Index('idx_feeding_event_newborn', ['newbornId', 'kind', 'startAt'])
export class FeedingEvent extends VoidFlags implements Voidable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  newbornId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: FEEDING_EVENT_KINDS })
  kind: FeedingEventKind;

  @Column({ type: 'datetime', precision: 3 })
  startAt: Date;

  /** Skin-to-skin and separations have an end; null while still going. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  endAt: Date | null;

  /** Separation reason, or what the supplement was. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  detail: string | null;

  /** Separation or supplement: the medical reason, null when none. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  medicalReason: string | null;

  /** Discharge: feeding at discharge. */
  @Column({ type: 'enum', enum: ['exclusive', 'mixed', 'formula_only', 'none'], nullable: true })
  dischargeFeeding: 'exclusive' | 'mixed' | 'formula_only' | 'none' | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @VersionColumn()
  version: number;
}

export const CONTRAINDICATIONS = [
  'galactosemia',
  'maternal_hiv_replacement_feeding',
  'nicu_parenteral_nutrition',
  'maternal_medication',
] as const;

/** Contraindications that state the mother's HIV result: shown to clinical roles only. */
export const RESULT_CONTRAINDICATIONS: readonly string[] = ['maternal_hiv_replacement_feeding'];
/** Shown to the other roles in place of a contraindication that states a result. */
export const WITHHELD_CONTRAINDICATION = 'withheld';

/** An accepted medical reason not to breastfeed (DOMAIN §8), with who decided. */
@Entity('feeding_contraindication')
@Index('idx_contraindication_newborn', ['newbornId'])
export class FeedingContraindication extends VoidFlags implements Voidable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  newbornId: number;

  @Column({ type: 'enum', enum: CONTRAINDICATIONS })
  kind: (typeof CONTRAINDICATIONS)[number];

  @Column({ type: 'varchar', length: 50 })
  decidedBy: string;

  @Column({ type: 'date' })
  decidedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @VersionColumn()
  version: number;
}
