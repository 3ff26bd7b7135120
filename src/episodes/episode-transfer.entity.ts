import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import {
  SHARE_LEGAL_BASES,
  TRANSFER_DIRECTIONS,
  TRANSFER_STATUSES,
  type ShareLegalBasis,
  type TransferDirection,
  type TransferStatus,
} from './rules/participation';

/**
 * 迁入/迁出: a request to move her management from one facility to another, made by either side
 * (the manager hands her over, or the other facility asks to take her in) and confirmed or
 * returned with a note by the side that did not ask. One pending per pregnancy.
 */
@Entity('episode_transfer')
@Index('idx_episode_transfer_to', ['toFacilityId', 'status', 'requestedAt'])
@Index('idx_episode_transfer_from', ['fromFacilityId', 'status', 'requestedAt'])
@Index('idx_episode_transfer_pregnancy', ['pregnancyId'])
export class EpisodeTransfer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'enum', enum: TRANSFER_DIRECTIONS })
  direction: TransferDirection;

  /** The managing facility when the request was made. */
  @Column({ type: 'int' })
  fromFacilityId: number;

  /** The facility that is to manage her. */
  @Column({ type: 'int' })
  toFacilityId: number;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'enum', enum: SHARE_LEGAL_BASES })
  legalBasis: ShareLegalBasis;

  @Column({ type: 'boolean' })
  womanInformed: boolean;

  @Column({ type: 'enum', enum: TRANSFER_STATUSES, default: 'pending' })
  status: TransferStatus;

  @Column({ type: 'int' })
  requestedBy: number;

  @Column({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  requestedAt: Date;

  @Column({ type: 'int', nullable: true })
  answeredBy: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  answerNote: string | null;

  /** Set only while pending; its unique index allows one pending request per pregnancy. */
  @Column({
    type: 'int',
    nullable: true,
    generatedType: 'STORED',
    asExpression: "CASE WHEN `status` = 'pending' THEN `pregnancy_id` END",
    insert: false,
    update: false,
    select: false,
  })
  @Index('uq_episode_transfer_pending', { unique: true })
  pendingPregnancyId: number | null;

  @VersionColumn()
  version: number;

  /** The facility that must answer: the side that did not ask. */
  get answeringFacilityId(): number {
    return this.direction === 'hand_over' ? this.toFacilityId : this.fromFacilityId;
  }

  /** The facility that asked. */
  get requestingFacilityId(): number {
    return this.direction === 'hand_over' ? this.fromFacilityId : this.toFacilityId;
  }
}
