import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { IndicatorCounts } from '../indicator.entities';
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
export class ClosedIndicatorValue extends IndicatorCounts {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  periodVersionId: number;

  @Column({ type: 'smallint', unsigned: true })
  version: number;
}
