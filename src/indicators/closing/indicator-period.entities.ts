import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalToNumber } from '../../core/database/decimal-columns';
import { type TargetDirection, TARGET_DIRECTIONS } from '../definitions/indicator-definition';
import { type PeriodKind, PERIOD_KINDS } from '../periods';

/**
 * A closed version of a facility's period: its values were frozen (indicator_value_closed) by
 * maternal-health staff. A correction to a record of the period afterwards leaves them as they
 * are and sets `correctedAt`; the recomputed values can then be closed as the next version.
 */
@Entity('indicator_period_version')
@Unique('uq_indicator_period_version', ['facilityId', 'periodKey', 'version'])
export class IndicatorPeriodVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'varchar', length: 8 })
  periodKey: string;

  @Column({ type: 'enum', enum: PERIOD_KINDS })
  periodKind: PeriodKind;

  @Column({ type: 'date' })
  periodFrom: string;

  /** 1 for the first close, then 2, 3, … */
  @Column({ type: 'smallint', unsigned: true })
  version: number;

  @Column({ type: 'datetime', precision: 3 })
  closedAt: Date;

  @Column({ type: 'int' })
  closedBy: number;

  /** When a correction to a record of the period was first seen after the close. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  correctedAt: Date | null;
}

/**
 * One frozen value of a closed period version: a copy of its indicator_value row at the close.
 * Written once and never changed (the application's role may only read and insert this table).
 */
@Entity('indicator_value_closed')
@Unique('uq_indicator_value_closed', ['periodVersionId', 'indicatorCode'])
@Index('idx_indicator_value_closed_facility_period', ['facilityId', 'periodKey'])
export class ClosedIndicatorValue {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  periodVersionId: number;

  @Column({ type: 'smallint', unsigned: true })
  version: number;

  @Column({ type: 'varchar', length: 24 })
  indicatorCode: string;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'varchar', length: 8 })
  periodKey: string;

  @Column({ type: 'int' })
  numerator: number;

  @Column({ type: 'int' })
  denominator: number;

  @Column({ type: 'int' })
  excluded: number;

  @Column({ type: 'int' })
  incomplete: number;

  @Column({
    type: 'decimal',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: decimalToNumber,
  })
  value: number | null;

  @Column({ type: 'enum', enum: TARGET_DIRECTIONS, nullable: true })
  targetDirection: TargetDirection | null;

  @Column({
    type: 'decimal',
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: decimalToNumber,
  })
  targetValue: number | null;

  @Column({ type: 'tinyint', nullable: true })
  targetMet: boolean | null;

  @Column({ type: 'smallint', unsigned: true })
  definitionVersion: number;

  @Column({ type: 'datetime', precision: 3 })
  computedAt: Date;

  @Column({ type: 'varchar', length: 100 })
  jobId: string;

  @Column({ type: 'date', nullable: true })
  asOf: string | null;

  @Column({ type: 'tinyint' })
  provisional: boolean;
}
