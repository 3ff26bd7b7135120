import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';
import { MATERNAL_DEATH_CAUSES, type MaternalDeathCause } from './rules/maternal-death';

/**
 * The woman's death in pregnancy or within 42 days of its end: when, and the cause by the
 * national classification. Written with the status change to `maternal_death`, one per pregnancy.
 */
@Entity('maternal_death')
@Index('uq_maternal_death_pregnancy', ['pregnancyId'], { unique: true })
export class MaternalDeath {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'datetime', precision: 3 })
  diedAt: Date;

  @Column({ type: 'enum', enum: MATERNAL_DEATH_CAUSES })
  cause: MaternalDeathCause;

  /** What the cause was, in words (the diagnosis), e.g. 产后出血 for obstetric haemorrhage. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  causeDetail: string | null;

  @Column({ type: 'int' })
  recordedBy: number;

  @CreatedAtColumn()
  createdAt: Date;
}
