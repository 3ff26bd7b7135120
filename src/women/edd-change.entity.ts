import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EddSource } from './rules/gestational-age';
import { EDD_SOURCES, Pregnancy } from './pregnancy.entity';

/** Every EDD a pregnancy has had: the first one at registration, then each re-dating. */
@Entity('edd_change')
@Index('idx_edd_change_pregnancy', ['pregnancyId', 'changedAt'])
export class EddChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @ManyToOne(() => Pregnancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pregnancy_id' })
  pregnancy?: Pregnancy;

  @Column({ type: 'date', nullable: true })
  oldEdd: string | null;

  @Column({ type: 'date' })
  newEdd: string;

  @Column({ type: 'enum', enum: EDD_SOURCES, nullable: true })
  oldSource: EddSource | null;

  @Column({ type: 'enum', enum: EDD_SOURCES })
  newSource: EddSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'int' })
  changedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  changedAt: Date;
}
