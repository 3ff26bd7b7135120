import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';
import { Pregnancy } from './pregnancy.entity';
import {
  SCAN_METHODS,
  SCAN_NOT_USED_REASONS,
  type ScanMethod,
  type ScanNotUsedReason,
} from './rules/dating-scans';

/**
 * Every ultrasound of a pregnancy. The earliest dates it (its date and GA are also kept on the
 * pregnancy as the dating scan); the others are kept, not used for dating, with the reason.
 */
@Entity('dating_scan')
@Index('idx_dating_scan_pregnancy', ['pregnancyId', 'scanDate'])
export class DatingScan {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @ManyToOne(() => Pregnancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pregnancy_id' })
  pregnancy?: Pregnancy;

  /** The facility that recorded the scan. */
  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  scanDate: string;

  @Column({ type: 'enum', enum: SCAN_METHODS })
  method: ScanMethod;

  /** Gestational age the scan measured (CRL or biometry), in days. */
  @Column({ type: 'smallint', unsigned: true })
  gaDays: number;

  @Column({ type: 'boolean' })
  usedForDating: boolean;

  @Column({ type: 'enum', enum: SCAN_NOT_USED_REASONS, nullable: true })
  notUsedReason: ScanNotUsedReason | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  createdBy: number;

  @CreatedAtColumn()
  createdAt: Date;
}
