import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DUPLICATE_REASONS = ['same_name_and_birth_date', 'same_phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Two women with different documents who may be one person; found at registration. */
@Entity('possible_duplicate')
@Index('uq_possible_duplicate', ['womanId', 'matchedWomanId', 'reason'], { unique: true })
@Index('idx_possible_duplicate_facility', ['facilityId', 'detectedAt'])
export class PossibleDuplicate {
  @PrimaryGeneratedColumn()
  id: number;

  /** The woman just registered. */
  @Column({ type: 'int' })
  womanId: number;

  @Column({ type: 'int' })
  matchedWomanId: number;

  @Column({ type: 'enum', enum: DUPLICATE_REASONS })
  reason: DuplicateReason;

  /** Where the registration that found it happened. */
  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'datetime', precision: 3 })
  detectedAt: Date;
}
