import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import { decimalToNumber } from '../core/database/decimal-columns';
import { type Voidable, VoidFlags } from '../core/database/voids';

export const FETAL_POSITIONS = ['cephalic', 'breech', 'transverse', 'oblique', 'unknown'] as const;
export type FetalPosition = (typeof FETAL_POSITIONS)[number];

export const OEDEMA_GRADES = ['none', 'mild', 'moderate', 'severe'] as const;
export type OedemaGrade = (typeof OEDEMA_GRADES)[number];

/** Urine dipstick readings. */
export const DIPSTICK_READINGS = ['negative', 'trace', '1+', '2+', '3+', '4+'] as const;
export type DipstickReading = (typeof DIPSTICK_READINGS)[number];

/**
 * One antenatal examination (产前检查). A voided one stays, flagged, and counts nowhere: schedule,
 * overdue worklist, grading, SM indicators.
 */
@Entity('antenatal_visit')
@Index('idx_visit_pregnancy_date', ['pregnancyId', 'visitDate', 'voidedAt'])
@Index('idx_visit_facility_date', ['facilityId', 'visitDate'])
export class AntenatalVisit extends VoidFlags implements Voidable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  visitDate: string;

  /** A second examination on the same day, recorded on purpose. */
  @Column({ type: 'boolean', default: false })
  sameDayRepeat: boolean;

  @Column({ type: 'decimal', precision: 5, scale: 1, nullable: true, transformer: decimalToNumber })
  weightKg: number | null;

  @Column({ type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalToNumber })
  heightCm: number | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  systolicMmHg: number | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  diastolicMmHg: number | null;

  @Column({ type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalToNumber })
  fundalHeightCm: number | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  fetalHeartRate: number | null;

  @Column({ type: 'enum', enum: FETAL_POSITIONS, nullable: true })
  fetalPosition: FetalPosition | null;

  @Column({ type: 'enum', enum: OEDEMA_GRADES, nullable: true })
  oedema: OedemaGrade | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  haemoglobinGL: number | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  plateletsE9L: number | null;

  @Column({ type: 'enum', enum: DIPSTICK_READINGS, nullable: true })
  urineProtein: DipstickReading | null;

  @Column({ type: 'enum', enum: DIPSTICK_READINGS, nullable: true })
  urineGlucose: DipstickReading | null;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'date', nullable: true })
  nextAppointmentDate: string | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
