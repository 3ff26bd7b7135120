import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { decimalToNumber } from '../core/database/decimal-columns';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import type { DatingEvidence, EddSource } from './rules/gestational-age';
import {
  END_OUTCOMES,
  type EndOutcome,
  PREGNANCY_STATUSES,
  type PregnancyStatus,
} from './rules/pregnancy-status';
import { Woman } from './woman.entity';
import { RISK_COLOURS, type RiskColour } from '../risk/rules/risk-colour';
import { Facility } from '../core/facilities/facility.entity';

export const EDD_SOURCES: readonly EddSource[] = ['lmp', 'ultrasound', 'ivf'];

/** One episode of care, from registration (建册) to case closure. */
@Entity('pregnancy')
@Index('idx_pregnancy_facility_status_edd', ['facilityId', 'status', 'edd'])
@Index('idx_pregnancy_woman', ['womanId'])
@Index('idx_pregnancy_facility_registration', ['facilityId', 'registrationDate'])
@Index('idx_pregnancy_registering', ['registeringFacilityId', 'registrationDate'])
@Index('idx_pregnancy_overdue', ['facilityId', 'status', 'overdueFrom', 'riskColour', 'riskPurple'])
export class Pregnancy {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  womanId: number;

  @ManyToOne(() => Woman, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'woman_id' })
  woman?: Woman;

  /** The managing facility (管理单位): her worklists; a confirmed transfer moves her. */
  @Column({ type: 'int' })
  facilityId: number;

  /** The facility that registered her (建册单位): never changes. */
  @Column({ type: 'int' })
  registeringFacilityId: number;

  @ManyToOne(() => Facility, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id' })
  facility?: Facility;

  @Column({ type: 'date' })
  registrationDate: string;

  @Column({ type: 'date', nullable: true })
  lmp: string | null;

  @Column({ type: 'date', nullable: true })
  ultrasoundScanDate: string | null;

  /** Gestational age measured by the dating scan, in days. */
  @Column({ type: 'smallint', unsigned: true, nullable: true })
  ultrasoundGaDays: number | null;

  @Column({ type: 'date', nullable: true })
  ivfTransferDate: string | null;

  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  ivfEmbryoAgeDays: number | null;

  @Column({ type: 'date' })
  edd: string;

  @Column({ type: 'enum', enum: EDD_SOURCES })
  eddSource: EddSource;

  @Column({ type: 'tinyint', unsigned: true })
  gravidity: number;

  @Column({ type: 'tinyint', unsigned: true })
  parity: number;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  previousCaesareans: number;

  @Column({ type: 'tinyint', unsigned: true, default: 1 })
  fetusCount: number;

  /** 孕前体重 as she gives it at registration: the BMI is computed from it when known. */
  @Column({ type: 'decimal', precision: 4, scale: 1, nullable: true, transformer: decimalToNumber })
  prePregnancyWeightKg: number | null;

  /** 产休地: where she spends the month after the birth; her delivery notice goes to its centre. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  postpartumRegionCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  postpartumAddress: string | null;

  /** 母子健康手册 number: written on the handbook she carries, one handbook per pregnancy. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  handbookNumber: string | null;

  @Column({ type: 'enum', enum: PREGNANCY_STATUSES, default: 'open' })
  status: PregnancyStatus;

  @Column({ type: 'date', nullable: true })
  statusDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  @Column({ type: 'enum', enum: END_OUTCOMES, nullable: true })
  endOutcome: EndOutcome | null;

  /** The day the pregnancy itself ended (delivery, miscarriage, death); later moves keep it. */
  @Column({ type: 'date', nullable: true })
  outcomeDate: string | null;

  /** Latest grading (null until screened); kept by the risk module, not a user edit. */
  @Column({ type: 'enum', enum: RISK_COLOURS, nullable: true })
  riskColour: RiskColour | null;

  @Column({ type: 'boolean', default: false })
  riskPurple: boolean;

  /** Date of her latest antenatal visit; kept by the antenatal module for the overdue worklist. */
  @Column({ type: 'date', nullable: true })
  lastVisitDate: string | null;

  /**
   * The day from which she is on the overdue worklist, from the facility's schedule, the EDD and
   * her last visit; null when not open or no window is left. Kept by the antenatal module
   * (`overdue-from.ts`) wherever one of those changes, so the worklist reads an index range.
   */
  @Column({ type: 'date', nullable: true })
  overdueFrom: string | null;

  /** Set only while open; its unique index allows one open pregnancy per woman. */
  @Column({
    type: 'int',
    nullable: true,
    generatedType: 'STORED',
    asExpression: "CASE WHEN `status` = 'open' THEN `woman_id` END",
    insert: false,
    update: false,
    select: false,
  })
  @Index('uq_pregnancy_open_woman', { unique: true })
  openWomanId: number | null;

  /** With status `merged`: the pregnancy of the same episode that carries her records now. */
  @Column({ type: 'int', nullable: true })
  mergedIntoId: number | null;

  @Column({ type: 'int' })
  createdBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** The evidence the EDD was computed from. */
  datingEvidence(): DatingEvidence {
    return {
      lmp: this.lmp,
      ultrasound:
        this.ultrasoundScanDate !== null && this.ultrasoundGaDays !== null
          ? { scanDate: this.ultrasoundScanDate, gaDays: this.ultrasoundGaDays }
          : null,
      ivf:
        this.ivfTransferDate !== null && this.ivfEmbryoAgeDays !== null
          ? { transferDate: this.ivfTransferDate, embryoAgeDays: this.ivfEmbryoAgeDays }
          : null,
    };
  }
}
