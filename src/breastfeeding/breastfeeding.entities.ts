import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RECALL_CLASSES } from './rules/feeding-recall';

export const POSTPARTUM_CONTACT_KINDS = ['postpartum_visit', 'day42_check'] as const;
export type PostpartumContactKind = (typeof POSTPARTUM_CONTACT_KINDS)[number];

/** 产后访视 within 7 days of discharge, and the 42-day check (产后42天检查) that closes the case. */
@Entity('postpartum_contact')
@Index('idx_postpartum_contact_pregnancy', ['pregnancyId', 'kind', 'contactDate'])
export class PostpartumContact {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: POSTPARTUM_CONTACT_KINDS })
  kind: PostpartumContactKind;

  @Column({ type: 'date' })
  contactDate: string;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  /** 42-day check: 已恢复 / 未恢复. */
  @Column({ type: 'enum', enum: ['recovered', 'not_recovered'], nullable: true })
  classification: 'recovered' | 'not_recovered' | null;

  /** 42-day check: 结案 (close) or 转诊 (refer). */
  @Column({ type: 'enum', enum: ['close', 'refer'], nullable: true })
  disposition: 'close' | 'refer' | null;

  /** The risk re-assessment made at this contact. */
  @Column({ type: 'int', nullable: true })
  assessmentId: number | null;

  @Column({ type: 'int' })
  recordedBy: number;
}

export const FOLLOW_UP_CONTACTS = [
  'postpartum_visit',
  'day42_check',
  'phone_4m',
  'phone_6m',
  'other',
] as const;
export { RECALL_CLASSES };
export const BREASTFEEDING_PROBLEMS = [
  'sore_or_cracked_nipples',
  'engorgement',
  'mastitis',
  'perceived_low_supply',
  'not_latching',
  'return_to_work',
  'other',
] as const;
export const BREASTFEEDING_REFERRALS = ['breast_clinic', 'consultation_clinic'] as const;

/** A breastfeeding follow-up of one baby: 24-hour recall, problems, guidance, referral. */
@Entity('breastfeeding_follow_up')
@Index('idx_bf_follow_up_newborn', ['newbornId', 'followedUpOn'])
@Index('idx_bf_follow_up_facility', ['facilityId', 'followedUpOn'])
export class BreastfeedingFollowUp {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  newbornId: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: FOLLOW_UP_CONTACTS })
  contact: (typeof FOLLOW_UP_CONTACTS)[number];

  @Column({ type: 'date' })
  followedUpOn: string;

  @Column({ type: 'boolean' }) breastMilk: boolean;
  @Column({ type: 'boolean' }) water: boolean;
  @Column({ type: 'boolean' }) formulaOrOtherMilk: boolean;
  @Column({ type: 'boolean' }) otherLiquids: boolean;
  @Column({ type: 'boolean' }) solids: boolean;
  @Column({ type: 'boolean' }) orsDropsMedicine: boolean;

  /** Classified from the recall when recorded (WHO 2021 definitions). */
  @Column({ type: 'enum', enum: RECALL_CLASSES })
  classification: (typeof RECALL_CLASSES)[number];

  @Column({ type: 'json' })
  problems: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  guidance: string | null;

  @Column({ type: 'enum', enum: BREASTFEEDING_REFERRALS, nullable: true })
  referral: (typeof BREASTFEEDING_REFERRALS)[number] | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  referralOutcome: string | null;

  @Column({ type: 'int' })
  recordedBy: number;
}
