import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EXPORT_FORMATS, type ExportFormat } from '../indicator-jobs.producer';
import type { ValueState } from '../indicator-values.service';

/** Which computation a facility's values in an export were. */
export interface HeldVersion {
  facilityId: number;
  code: string;
  name: string;
  /** The period version its values are (closed, or the computation since; see state). */
  version: number | null;
  state: ValueState;
  asOf: string | null;
  /** When the newest of its values was computed (ISO instant). */
  computedAt: string | null;
  values: number;
}

/**
 * One export of indicator values as it was sent: scope, period, format, the computation it held
 * and the file itself. Written once; the report centre lists them and hands out the same bytes.
 */
@Entity('indicator_export')
@Index('idx_indicator_export_facility', ['facilityId', 'exportedAt'])
@Index('idx_indicator_export_region', ['regionCode', 'exportedAt'])
export class IndicatorExportRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  facilityId: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  regionCode: string | null;

  @Column({ type: 'varchar', length: 8 })
  periodKey: string;

  @Column({ type: 'enum', enum: EXPORT_FORMATS })
  format: ExportFormat;

  /** False when exported with allowStale while something was missing, stale or corrected. */
  @Column({ type: 'boolean' })
  complete: boolean;

  @Column({ type: 'json' })
  held: HeldVersion[];

  /** The queued export's job; null for one downloaded at once. */
  @Index('uq_indicator_export_job', { unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  jobId: string | null;

  @Column({ type: 'int' })
  exportedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  exportedAt: Date;

  @Column({ type: 'varchar', length: 120 })
  filename: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'int' })
  bytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'mediumblob', select: false })
  content: Buffer;
}
