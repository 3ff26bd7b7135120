import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalToNumber } from '../core/database/decimal-columns';
import { type TargetDirection, TARGET_DIRECTIONS } from './definitions/indicator-definition';
import { type PeriodKind, PERIOD_KINDS } from './periods';

/**
 * The counts of one indicator for one facility and period, and how they were computed: a
 * computed value (indicator_value) and a frozen one of a closed period (indicator_value_closed)
 * hold the same columns.
 */
export abstract class IndicatorCounts {
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

  /** Cases not complete enough to decide (a stay with no discharge): beside the value, not in it. */
  @Column({ type: 'int', default: 0 })
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

  /** The day now-dependent rules were evaluated as of (evaluation-day.ts); null before it existed. */
  @Column({ type: 'date', nullable: true })
  asOf: string | null;

  /** Computed before the period's end plus its grace: may change without any correction. */
  @Column({ type: 'tinyint', default: 0 })
  provisional: boolean;
}

/**
 * One computed value: indicator × facility × period. A job upserts these rows, so running it twice
 * leaves the same rows; regional totals are sums of numerators and denominators across facilities.
 */
@Entity('indicator_value')
@Unique('uq_indicator_value', ['indicatorCode', 'facilityId', 'periodKey'])
@Index('idx_indicator_value_facility_period', ['facilityId', 'periodKind', 'periodFrom'])
@Index('idx_indicator_value_stale', ['stale', 'facilityId'])
export class IndicatorValue extends IndicatorCounts {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'enum', enum: PERIOD_KINDS })
  periodKind: PeriodKind;

  @Column({ type: 'date' })
  periodFrom: string;

  /** A record behind the value changed after it was computed; the next run recomputes it. */
  @Column({ type: 'tinyint', default: 0 })
  stale: boolean;
}

/**
 * A district indicator's facility value split by the region its cases are attributed to
 * (IndicatorDefinition.counting): what a region's district value sums, whichever facility
 * counted the case. Written with the facility's value, replacing the previous split.
 */
@Entity('indicator_value_share')
@Index('idx_indicator_value_share_region', ['indicatorCode', 'periodKey', 'regionCode'])
export class IndicatorValueShare {
  @PrimaryColumn({ type: 'int' })
  facilityId: number;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  indicatorCode: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  periodKey: string;

  /** The county (6 digits) the cases are attributed to; empty when not known. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'int' })
  numerator: number;

  @Column({ type: 'int' })
  denominator: number;

  @Column({ type: 'int' })
  excluded: number;

  @Column({ type: 'int' })
  incomplete: number;
}

/** A facility's own target for an indicator, set by an admin; otherwise the definition's default. */
@Entity('indicator_target')
@Unique('uq_indicator_target', ['facilityId', 'indicatorCode'])
export class IndicatorTargetOverride {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'varchar', length: 24 })
  indicatorCode: string;

  @Column({ type: 'enum', enum: TARGET_DIRECTIONS })
  direction: TargetDirection;

  @Column({
    type: 'decimal',
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: decimalToNumber,
  })
  value: number | null;

  @Column({ type: 'int' })
  setBy: number;

  @Column({ type: 'datetime', precision: 3 })
  setAt: Date;
}

/** How far the audit trail has been read for late corrections (one row per reader). */
@Entity('indicator_watermark')
export class IndicatorWatermark {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'bigint' })
  lastAuditId: string;

  /** Ids at or below `lastAuditId` that were not there when read (see indicator-staleness). */
  @Column({ type: 'json', nullable: true })
  pendingAuditIds: PendingAuditId[] | null;
}

/** An audit id not there when its range was read, and since when it has been looked for. */
export interface PendingAuditId {
  id: string;
  since: string;
}
