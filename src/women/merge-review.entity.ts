import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `requested` waits in the reviewing facility's queue; its mch_staff `merged` the two records or
 * `dismissed` the flag (two women); a merge can be undone (`unmerged`).
 */
export const MERGE_REVIEW_STATUSES = ['requested', 'merged', 'dismissed', 'unmerged'] as const;
export type MergeReviewStatus = (typeof MERGE_REVIEW_STATUSES)[number];

/**
 * A check whether the two records of a possible duplicate are one woman. Seen by mch_staff of the
 * facility whose registration raised the flag, of the facility that registered the matching
 * record and of the reviewing facility, which manages the matching record and decides.
 */
@Entity('merge_review')
@Index('uq_merge_review_duplicate', ['possibleDuplicateId'], { unique: true })
@Index('idx_merge_review_requesting', ['requestingFacilityId', 'requestedAt'])
@Index('idx_merge_review_matched', ['matchedFacilityId', 'requestedAt'])
@Index('idx_merge_review_reviewing', ['reviewingFacilityId', 'requestedAt'])
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

  /** The facility that manages the matching record's latest pregnancy: its mch_staff decide. */
  @Column({ type: 'int' })
  reviewingFacilityId: number;

  @Column({ type: 'enum', enum: MERGE_REVIEW_STATUSES, default: 'requested' })
  status: MergeReviewStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  requestedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt: Date;

  /** With `merged` (and after an unmerge): the woman whose record was kept. */
  @Column({ type: 'int', nullable: true })
  keptWomanId: number | null;

  @Column({ type: 'int', nullable: true })
  decidedBy: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @Column({ type: 'int', nullable: true })
  undoneBy: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  undoneAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  undoNote: string | null;
}

/**
 * One value a merge changed (a record moved to the kept pregnancy or woman, a status, a
 * registration date), with the value before: an unmerge puts back each that still holds the
 * merged value.
 */
@Entity('merge_change')
@Index('idx_merge_change_review', ['mergeReviewId', 'id'])
export class MergeChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  mergeReviewId: number;

  @Column({ type: 'varchar', length: 40 })
  tableName: string;

  @Column({ type: 'int' })
  rowId: number;

  @Column({ type: 'varchar', length: 40 })
  columnName: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  fromValue: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  toValue: string | null;
}
