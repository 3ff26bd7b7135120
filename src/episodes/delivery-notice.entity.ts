import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';
import type { HighRiskNewbornReason } from './rules/delivery-notices';

export const DELIVERY_NOTICE_STATUSES = ['unrouted', 'sent', 'acknowledged', 'cancelled'] as const;
export type DeliveryNoticeStatus = (typeof DELIVERY_NOTICE_STATUSES)[number];

/**
 * 分娩信息: the delivering facility tells the community centre of her 产休地 that she delivered,
 * when she goes home, her babies and whether one is high-risk; the centre acknowledges it and
 * visits her. `unrouted` when no centre serves the region (it is routed by hand); `cancelled`
 * when the delivery is voided. One per delivery.
 */
@Entity('delivery_notice')
@Index('idx_delivery_notice_target', ['targetFacilityId', 'status', 'sentAt'])
@Index('idx_delivery_notice_from', ['fromFacilityId', 'status', 'sentAt'])
@Index('idx_delivery_notice_pregnancy', ['pregnancyId'])
export class DeliveryNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Index('uq_delivery_notice_delivery', { unique: true })
  @Column({ type: 'int' })
  deliveryId: number;

  @Column({ type: 'int' })
  fromFacilityId: number;

  /** The 产休地 region code it was routed by (her residence when none was given). */
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'int', nullable: true })
  targetFacilityId: number | null;

  /** Who routed it by hand; null when the service areas did. */
  @Column({ type: 'int', nullable: true })
  routedBy: number | null;

  @Column({ type: 'boolean', default: false })
  highRiskNewborn: boolean;

  @Column({ type: 'json', nullable: true })
  highRiskReasons: HighRiskNewbornReason[] | null;

  @Column({ type: 'enum', enum: DELIVERY_NOTICE_STATUSES })
  status: DeliveryNoticeStatus;

  /** When it went to its target: at the delivery, or when routed by hand. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  acknowledgedBy: number | null;

  /** The day the postpartum home visit falls due (rules/delivery-notices). */
  @Column({ type: 'date', nullable: true })
  visitDueOn: string | null;

  /** Why the last centre it went to returned it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  returnNote: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @VersionColumn()
  version: number;
}
