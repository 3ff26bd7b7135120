import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import { RISK_COLOURS, type RiskColour } from './rules/risk-colour';

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** 高危专案管理: opened by an ORANGE, RED or PURPLE grading, followed until case closure. */
@Entity('high_risk_case')
@Index('idx_high_risk_case_facility', ['facilityId', 'status'])
@Index('idx_high_risk_case_pregnancy', ['pregnancyId', 'openedAt'])
export class HighRiskCase {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: CASE_STATUSES, default: 'open' })
  status: CaseStatus;

  @Column({ type: 'int' })
  openedByAssessmentId: number;

  @Column({ type: 'datetime', precision: 3 })
  openedAt: Date;

  @Column({ type: 'int', nullable: true })
  responsibleClinicianId: number | null;

  @Column({ type: 'text', nullable: true })
  plan: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  closeReason: string | null;

  /** Set only while open; its unique index allows one open case per pregnancy. */
  @Column({
    type: 'int',
    nullable: true,
    generatedType: 'STORED',
    asExpression: "CASE WHEN `status` = 'open' THEN `pregnancy_id` END",
    insert: false,
    update: false,
    select: false,
  })
  @Index('uq_high_risk_case_open', { unique: true })
  openPregnancyId: number | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

@Entity('high_risk_case_note')
@Index('idx_case_note_case', ['caseId', 'notedAt'])
export class CaseNote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  caseId: number;

  @Column({ type: 'datetime', precision: 3 })
  notedAt: Date;

  @Column({ type: 'int' })
  authorId: number;

  @Column({ type: 'text' })
  text: string;
}

export const REFERRAL_URGENCIES = ['routine', 'urgent', 'critical'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/**
 * Referral (转诊) to a higher-level facility; its result must come back within 2 weeks
 * (REFERRAL_FEEDBACK_DAYS). A receiver of the system receives her (and takes part in her episode)
 * or declines, and feeds the result back; the referring facility stays a participant.
 */
@Entity('referral')
@Index('idx_referral_case', ['caseId'])
@Index('idx_referral_followup', ['facilityId', 'resultFollowedUpOn', 'followUpDueOn'])
@Index('idx_referral_receiver', ['toFacilityId', 'receivedAt'])
export class Referral {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  caseId: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  /** The receiving facility, when it is one of the system's; else only its name is known. */
  @Column({ type: 'int', nullable: true })
  toFacilityId: number | null;

  @Column({ type: 'enum', enum: RISK_COLOURS, nullable: true })
  colourAtReferral: RiskColour | null;

  @Column({ type: 'boolean', default: false })
  purpleAtReferral: boolean;

  @Column({ type: 'enum', enum: REFERRAL_URGENCIES, default: 'routine' })
  urgency: ReferralUrgency;

  /** For a critically ill woman: when the receiving facility was contacted, before she left. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  receiverContactedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  escorted: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  receivedBy: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  declinedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineNote: string | null;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'date' })
  referredOn: string;

  @Column({ type: 'varchar', length: 100 })
  toFacilityName: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'date' })
  followUpDueOn: string;

  @Column({ type: 'date', nullable: true })
  resultFollowedUpOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  result: string | null;

  @Column({ type: 'int' })
  createdBy: number;

  @VersionColumn()
  version: number;
}
