import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import {
  PARTICIPANT_ROLES,
  PARTICIPANT_STATUSES,
  PARTICIPATION_STARTS,
  SHARE_LEGAL_BASES,
  type ParticipantRole,
  type ParticipantStatus,
  type ParticipationStart,
  type ShareLegalBasis,
} from './rules/participation';

/**
 * A facility's part in one pregnancy's episode, in one role: what it may read and write follows
 * from it (episode-access.ts). One row per pregnancy, facility and role; a role taken again is the
 * same row made active again.
 */
@Entity('episode_participant')
@Index('uq_episode_participant', ['pregnancyId', 'facilityId', 'role'], { unique: true })
@Index('idx_episode_participant_facility', ['facilityId', 'status', 'pregnancyId'])
export class EpisodeParticipant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: PARTICIPANT_ROLES })
  role: ParticipantRole;

  @Column({ type: 'enum', enum: PARTICIPANT_STATUSES })
  status: ParticipantStatus;

  @Column({ type: 'enum', enum: PARTICIPATION_STARTS })
  startedVia: ParticipationStart;

  /** The 妇保 doctor responsible, for the managing role. */
  @Column({ type: 'int', nullable: true })
  responsibleClinicianId: number | null;

  @Column({ type: 'date' })
  startedOn: string;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  /** Why the facility shares her record: its legal basis, and that she was told. */
  @Column({ type: 'enum', enum: SHARE_LEGAL_BASES })
  legalBasis: ShareLegalBasis;

  @Column({ type: 'boolean', default: true })
  womanInformed: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  createdBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** What another participant is told: a facility joined her episode, or manages her now. */
export const NOTICE_KINDS = ['participant_joined', 'manager_changed'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A notice to the participants of an episode, read by the recipient facility. */
@Entity('episode_notice')
@Index('idx_episode_notice_recipient', ['recipientFacilityId', 'readAt', 'id'])
export class EpisodeNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  recipientFacilityId: number;

  @Column({ type: 'enum', enum: NOTICE_KINDS })
  kind: NoticeKind;

  /** The facility the notice is about (the one that joined, the new manager). */
  @Column({ type: 'int' })
  aboutFacilityId: number;

  @Column({ type: 'enum', enum: PARTICIPANT_ROLES })
  role: ParticipantRole;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}
