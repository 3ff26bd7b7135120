import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';
import { decimalToNumber } from '../core/database/decimal-columns';

/** Free folic acid handed out (增补叶酸): often before any pregnancy exists. */
@Entity('folic_acid_dispensing')
@Index('idx_folic_dispensing_woman', ['womanId', 'dispensedOn'])
@Index('idx_folic_dispensing_facility', ['facilityId', 'dispensedOn'])
export class FolicAcidDispensing {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  womanId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  dispensedOn: string;

  @Column({ type: 'decimal', precision: 2, scale: 1, transformer: decimalToNumber })
  doseMg: 0.4 | 0.8;

  @Column({ type: 'tinyint', unsigned: true })
  bottles: number;

  @Column({ type: 'smallint', unsigned: true })
  tabletsPerBottle: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  batchNumber: string | null;

  @Column({ type: 'int' })
  dispensedBy: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/** Her own account of taking it, given at a visit. */
@Entity('folic_acid_intake_report')
@Index('idx_folic_intake_woman', ['womanId', 'reportedOn'])
export class FolicAcidIntakeReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  womanId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  reportedOn: string;

  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ type: 'date', nullable: true })
  stoppedOn: string | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  missedDays: number | null;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  estimatedDaysTaken: number | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/** Knowledge survey (知晓): does she know what it prevents and when to take it. */
@Entity('folic_acid_survey')
@Index('idx_folic_survey_woman', ['womanId', 'askedOn'])
@Index('idx_folic_survey_facility', ['facilityId', 'askedOn'])
export class FolicAcidSurvey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  womanId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  askedOn: string;

  @Column({ type: 'boolean' })
  knowsPreventsNeuralTubeDefects: boolean;

  @Column({ type: 'boolean' })
  knowsWhenToTake: boolean;

  @Column({ type: 'int' })
  askedBy: number;

  @CreatedAtColumn()
  createdAt: Date;
}
