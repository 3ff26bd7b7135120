import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Requested by mch_staff; the review itself (merge or dismiss) comes with shared episodes. */
export const MERGE_REVIEW_STATUSES = ['requested'] as const;
export type MergeReviewStatus = (typeof MERGE_REVIEW_STATUSES)[number];

/**
 * A request that the facilities of a possible duplicate check together whether the two records
 * are one woman. Seen by mch_staff of both: the facility whose registration raised the flag and
 * the facility that registered the matching record.
 */
@Entity('merge_review')
@Index('uq_merge_review_duplicate', ['possibleDuplicateId'], { unique: true })
@Index('idx_merge_review_requesting', ['requestingFacilityId', 'requestedAt'])
@Index('idx_merge_review_matched', ['matchedFacilityId', 'requestedAt'])
export class MergeReview {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  possibleDuplicateId: number;

  /** Where the flag was raised (the possible duplicate's facility). */
  @Column({ type: 'int' })
  requestingFacilityId: number;

  /** The facility that registered the matching record. */
  @Column({ type: 'int' })
  matchedFacilityId: number;

  @Column({ type: 'enum', enum: MERGE_REVIEW_STATUSES, default: 'requested' })
  status: MergeReviewStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  requestedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt: Date;
}
