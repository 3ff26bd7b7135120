import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';

/** The stay indicators whose failed babies the office works through (母乳喂养 audit). */
export const REVIEWED_INDICATORS = ['BF-01', 'BF-02', 'BF-03', 'BF-04', 'BF-05'] as const;
export type ReviewedIndicator = (typeof REVIEWED_INDICATORS)[number];

/**
 * A baby failing a Baby-Friendly indicator, marked reviewed by the maternal-health office with
 * its note. Unmarking deletes the row; the audit trail keeps what it said.
 */
@Entity('breastfeeding_failure_review')
@Unique('uq_failure_review_newborn', ['newbornId', 'indicatorCode'])
@Index('idx_failure_review_month', ['facilityId', 'periodKey'])
export class FailureReview {
  @PrimaryGeneratedColumn()
  id: number;

  /** The facility the baby was born at, whose office reviews it. */
  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'int' })
  newbornId: number;

  @Column({ type: 'varchar', length: 10 })
  indicatorCode: ReviewedIndicator;

  /** The month of the birth (hospital calendar), as the indicator counts the baby: 2026-11. */
  @Column({ type: 'char', length: 7 })
  periodKey: string;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'int' })
  reviewedBy: number;

  @Column({ type: 'datetime', precision: 3 })
  reviewedAt: Date;

  @VersionColumn()
  version: number;
}
