import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { episodesConfig } from '../../config';
import { diffOf } from '../core/audit/audit-diff';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { updateIfVersion } from '../core/database/versioned-update';
import { DomainError, fieldError } from '../core/errors/domain.error';
import { Facility, FacilityServiceArea } from '../core/facilities/facility.entity';
import { Page, pageOf, pageWindow, PageQueryDto } from '../core/http/pagination';
import { daysBetween } from '../core/time/calendar-date';
import { HospitalClock } from '../core/time/hospital-clock';
import { gestationalAgeDays } from '../women/rules/gestational-age';
import type { Pregnancy } from '../women/pregnancy.entity';
import {
  DeliveryNoticeDto,
  DeliveryNoticeQueryDto,
  NoticeBabyDto,
  ReturnDeliveryNoticeDto,
  RouteDeliveryNoticeDto,
  VisitDueDto,
} from './dto/delivery-notices.dto';
import { DeliveryNotice } from './delivery-notice.entity';
import { EpisodesService } from './episodes.service';
import { highRiskNewbornReasons, servingFacility, visitDueOn } from './rules/delivery-notices';

const NOTICE_AUDITED = [
  'status',
  'targetFacilityId',
  'routedBy',
  'acknowledgedAt',
  'visitDueOn',
  'returnNote',
] as const;

/**
 * 分娩信息 (基本公卫规范 第三版: the community visits her within 7 days of discharge "after
 * receiving the delivery information from the hospital"): a delivery sends a notice to the centre
 * serving her 产休地, which acknowledges it and visits her; a notice no centre serves is routed by
 * hand. Worklists: notices not acknowledged in time, notices with no target, visits due.
 */
@Injectable()
export class DeliveryNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly episodes: EpisodesService,
    @Inject(episodesConfig.KEY) private readonly config: ConfigType<typeof episodesConfig>,
  ) {}

  /**
   * In the delivery's transaction: the notice to the centre serving her 产休地 (her residence
   * when none was given), with her babies' high-risk reasons. The centre is asked to take part
   * (`proposed`) until it acknowledges; one that delivered her itself acknowledges at once.
   */
  async send(
    manager: EntityManager,
    pregnancy: Pregnancy,
    deliveryId: number,
    residenceRegionCode: string,
    actor: Actor,
  ): Promise<void> {
    const regionCode = pregnancy.postpartumRegionCode ?? residenceRegionCode;
    const target = await this.servingCentre(manager, regionCode);
    const reasons = await this.highRiskReasons(manager, pregnancy, deliveryId);
    const notice = await manager.save(
      manager.create(DeliveryNotice, {
        pregnancyId: pregnancy.id,
        deliveryId,
        fromFacilityId: actor.facilityId,
        regionCode,
        targetFacilityId: target,
        highRiskNewborn: reasons.length > 0,
        highRiskReasons: reasons,
        status: target === null ? 'unrouted' : 'sent',
        sentAt: target === null ? null : new Date(),
      }),
    );
    await this.audit.record(manager, {
      entity: 'delivery_notice',
      entityId: notice.id,
      action: 'create',
      after: { pregnancyId: pregnancy.id, regionCode, targetFacilityId: target, reasons },
    });
    if (target !== null) await this.deliverTo(manager, notice.id, target, actor);
  }

  /** The delivery was voided: its notice is withdrawn, and the centre no longer asked. */
  async cancel(manager: EntityManager, deliveryId: number): Promise<void> {
    const notice = await manager.findOneBy(DeliveryNotice, { deliveryId });
    if (!notice || notice.status === 'cancelled') return;
    await this.endProposal(manager, notice, 'ended');
    await this.write(manager, notice, { status: 'cancelled' });
  }

  /** Her discharge was recorded or corrected: the visit falls due from it. */
  async followDischarge(
    manager: EntityManager,
    deliveryId: number,
    dischargedAt: Date | null,
  ): Promise<void> {
    const notice = await manager.findOneBy(DeliveryNotice, { deliveryId });
    if (!notice || notice.status === 'cancelled') return;
    const due = this.dueOn(notice, notice.acknowledgedAt, dischargedAt);
    if (due !== notice.visitDueOn) await this.write(manager, notice, { visitDueOn: due });
  }

  /** The centre it went to acknowledges it and takes part in her care as her postpartum visitor. */
  async acknowledge(id: number, actor: Actor): Promise<DeliveryNoticeDto> {
    const pregnancyId = await this.pregnancyOfNotice(id, actor, 'target');
    await this.dataSource.transaction(async (manager) => {
      const notice = await this.lockNotice(manager, id, pregnancyId, actor, 'target');
      if (notice.status !== 'sent') throw noticeNotOpen(id, notice.status);
      await this.acknowledgeAs(manager, notice, actor);
    });
    return this.one(id);
  }

  /** The sending facility routes a notice by hand (none serves her region, or it came back). */
  async route(id: number, input: RouteDeliveryNoticeDto, actor: Actor): Promise<DeliveryNoticeDto> {
    const pregnancyId = await this.pregnancyOfNotice(id, actor, 'sender');
    await this.dataSource.transaction(async (manager) => {
      const notice = await this.lockNotice(manager, id, pregnancyId, actor, 'sender');
      if (notice.status !== 'unrouted' && notice.status !== 'sent') {
        throw noticeNotOpen(id, notice.status);
      }
      const target = await manager.findOneBy(Facility, { id: input.facilityId });
      if (!target) {
        throw fieldError(
          'VALIDATION_FAILED',
          'facilityId',
          'exists',
          'facilityId must name a facility of the system',
        );
      }
      await this.endProposal(manager, notice, 'ended');
      await this.write(manager, notice, {
        status: 'sent',
        sentAt: new Date(),
        routedBy: actor.userId,
        targetFacilityId: target.id,
      });
      await this.deliverTo(manager, notice.id, target.id, actor);
    });
    return this.one(id);
  }

  /** The centre it went to does not serve her: it goes back to the sender to route, with why. */
  async return(
    id: number,
    input: ReturnDeliveryNoticeDto,
    actor: Actor,
  ): Promise<DeliveryNoticeDto> {
    const pregnancyId = await this.pregnancyOfNotice(id, actor, 'target');
    await this.dataSource.transaction(async (manager) => {
      const notice = await this.lockNotice(manager, id, pregnancyId, actor, 'target');
      if (notice.status !== 'sent') throw noticeNotOpen(id, notice.status);
      await this.endProposal(manager, notice, 'declined');
      await this.write(manager, notice, {
        status: 'unrouted',
        targetFacilityId: null,
        sentAt: null,
        returnNote: input.note,
      });
    });
    return this.one(id);
  }

  /**
   * The caller's notices: `incoming` (to it) or `outgoing` (from it), newest first, with her
   * name, her discharge and her babies. Audited.
   */
  async list(query: DeliveryNoticeQueryDto, actor: Actor): Promise<Page<DeliveryNoticeDto>> {
    const side = query.box === 'outgoing' ? 'n.from_facility_id' : 'n.target_facility_id';
    const where = [`${side} = ?`];
    const params: unknown[] = [actor.facilityId];
    if (query.status) {
      where.push('n.status = ?');
      params.push(query.status);
    }
    return this.page(where, params, 'n.id DESC', query, actor);
  }

  /**
   * Notices sent DELIVERY_NOTICE_ACK_HOURS (24) hours ago or more and not yet acknowledged, for
   * the sender to chase and the centre to answer, the oldest first.
   */
  async unacknowledged(query: PageQueryDto, actor: Actor): Promise<Page<DeliveryNoticeDto>> {
    const cutoff = new Date(Date.now() - this.config.deliveryNoticeAckHours * 3_600_000);
    return this.page(
      [
        "n.status = 'sent'",
        'n.sent_at <= ?',
        '(n.from_facility_id = ? OR n.target_facility_id = ?)',
      ],
      [cutoff, actor.facilityId, actor.facilityId],
      'n.sent_at, n.id',
      query,
      actor,
    );
  }

  /** The caller's notices no centre serves, for it to route by hand, the oldest first. */
  unrouted(query: PageQueryDto, actor: Actor): Promise<Page<DeliveryNoticeDto>> {
    return this.page(
      ["n.status = 'unrouted'", 'n.from_facility_id = ?'],
      [actor.facilityId],
      'n.id',
      query,
      actor,
    );
  }

  /**
   * The centre's postpartum home visits still to make: acknowledged notices whose visit has a
   * due day and no postpartum visit recorded since the birth, by due day; overdue the day after.
   */
  async visitsDue(query: PageQueryDto, actor: Actor): Promise<Page<VisitDueDto>> {
    const today = this.clock.today();
    const page = await this.page(
      [
        "n.status = 'acknowledged'",
        'n.target_facility_id = ?',
        'n.visit_due_on IS NOT NULL',
        `NOT EXISTS (SELECT 1 FROM postpartum_contact c WHERE c.pregnancy_id = n.pregnancy_id
           AND c.kind = 'postpartum_visit' AND c.contact_date >= DATE(d.delivered_at))`,
      ],
      [actor.facilityId],
      'n.visit_due_on, n.id',
      query,
      actor,
    );
    return {
      ...page,
      items: page.items.map((item) => {
        const late = daysBetween(item.visitDueOn!, today);
        return { ...item, overdue: late > 0, daysOverdue: Math.max(late, 0) };
      }),
    };
  }

  /**
   * The notice just sent to `target`: the centre is asked to take part in her care, or, when it
   * is the sender itself, acknowledges at once.
   */
  private async deliverTo(
    manager: EntityManager,
    noticeId: number,
    target: number,
    actor: Actor,
  ): Promise<void> {
    const notice = await manager.findOneByOrFail(DeliveryNotice, { id: noticeId });
    if (target === actor.facilityId) {
      await this.acknowledgeAs(manager, notice, actor);
      return;
    }
    await this.episodes.takePart(manager, notice.pregnancyId, actor, {
      role: 'postpartum_visiting',
      status: 'proposed',
      facilityId: target,
      startedVia: 'delivery_notice',
      legalBasis: 'statutory_duty',
      womanInformed: true,
      note: `delivery notice ${notice.id}`,
    });
  }

  private async acknowledgeAs(
    manager: EntityManager,
    notice: DeliveryNotice,
    actor: Actor,
  ): Promise<void> {
    const [delivery] = await manager.query<Array<{ mother_discharged_at: Date | null }>>(
      'SELECT mother_discharged_at FROM delivery WHERE id = ?',
      [notice.deliveryId],
    );
    const now = new Date();
    await this.episodes.takePart(manager, notice.pregnancyId, actor, {
      role: 'postpartum_visiting',
      startedVia: 'delivery_notice',
      legalBasis: 'statutory_duty',
      womanInformed: true,
      note: `delivery notice ${notice.id}`,
    });
    await this.write(manager, notice, {
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: actor.userId,
      visitDueOn: this.dueOn(
        notice,
        now,
        delivery.mother_discharged_at && new Date(delivery.mother_discharged_at),
      ),
    });
  }

  private dueOn(
    notice: DeliveryNotice,
    acknowledgedAt: Date | null,
    dischargedAt: Date | null,
  ): string | null {
    return visitDueOn({
      highRisk: notice.highRiskNewborn,
      acknowledgedOn: acknowledgedAt && this.clock.dateOf(acknowledgedAt),
      dischargedOn: dischargedAt && this.clock.dateOf(new Date(dischargedAt)),
    });
  }

  /** The centre whose service area is the longest prefix of the code; null when none. */
  private async servingCentre(manager: EntityManager, regionCode: string): Promise<number | null> {
    const prefixes = [6, 9, 12]
      .filter((n) => n <= regionCode.length)
      .map((n) => regionCode.slice(0, n));
    const areas = await manager.find(FacilityServiceArea, { where: { regionCode: In(prefixes) } });
    return servingFacility(regionCode, areas);
  }

  private async highRiskReasons(manager: EntityManager, pregnancy: Pregnancy, deliveryId: number) {
    const babies = await manager.query<
      Array<{
        vital_status: string;
        birth_weight_g: number;
        apgar1: number | null;
        apgar5: number | null;
        exposed: number;
        born_at: Date;
      }>
    >(
      `SELECT n.vital_status, n.birth_weight_g, n.apgar1, n.apgar5, n.born_at,
              EXISTS (SELECT 1 FROM exposed_infant e WHERE e.newborn_id = n.id) AS exposed
       FROM newborn n WHERE n.delivery_id = ? AND n.voided_at IS NULL ORDER BY n.birth_order`,
      [deliveryId],
    );
    const first = babies[0];
    const gaDays = first
      ? gestationalAgeDays(pregnancy.edd, this.clock.dateOf(new Date(first.born_at)))
      : null;
    return highRiskNewbornReasons(
      gaDays,
      babies.map((baby) => ({
        vitalStatus: baby.vital_status,
        birthWeightG: Number(baby.birth_weight_g),
        apgar1: baby.apgar1 === null ? null : Number(baby.apgar1),
        apgar5: baby.apgar5 === null ? null : Number(baby.apgar5),
        exposed: Number(baby.exposed) === 1,
      })),
    );
  }

  /** The centre asked to visit her is asked no more. */
  private async endProposal(
    manager: EntityManager,
    notice: DeliveryNotice,
    status: 'declined' | 'ended',
  ): Promise<void> {
    if (notice.targetFacilityId === null) return;
    await this.episodes.endProposal(
      manager,
      notice.pregnancyId,
      notice.targetFacilityId,
      'postpartum_visiting',
      status,
    );
  }

  /**
   * The pregnancy of a notice of the caller's side, read before the transaction that locks it (a
   * notice's pregnancy never changes); anyone else's is not found. A plain read inside would fix
   * the transaction's snapshot before her lock is had, and a discharge recorded while it waited
   * would go unseen.
   */
  private async pregnancyOfNotice(
    id: number,
    actor: Actor,
    side: 'sender' | 'target',
  ): Promise<number> {
    return facilitySide(
      await this.dataSource.manager.findOneBy(DeliveryNotice, { id }),
      id,
      actor,
      side,
    ).pregnancyId;
  }

  /** The notice locked after her pregnancy, still of the caller's side. */
  private async lockNotice(
    manager: EntityManager,
    id: number,
    pregnancyId: number,
    actor: Actor,
    side: 'sender' | 'target',
  ): Promise<DeliveryNotice> {
    await manager.query('SELECT id FROM pregnancy WHERE id = ? FOR UPDATE', [pregnancyId]);
    const notice = await manager.findOne(DeliveryNotice, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    return facilitySide(notice, id, actor, side);
  }

  private async write(
    manager: EntityManager,
    notice: DeliveryNotice,
    changes: Partial<DeliveryNotice>,
  ): Promise<void> {
    await updateIfVersion(manager, DeliveryNotice, notice.id, notice.version, changes);
    await this.audit.record(manager, {
      entity: 'delivery_notice',
      entityId: notice.id,
      action: 'status_change',
      ...diffOf(notice, changes, NOTICE_AUDITED),
    });
  }

  private async one(id: number): Promise<DeliveryNoticeDto> {
    const rows = await this.dataSource.query<NoticeRow[]>(`${NOTICE_SELECT} WHERE n.id = ?`, [id]);
    return (await this.withBabies(rows))[0];
  }

  private async page(
    where: string[],
    params: unknown[],
    orderBy: string,
    query: PageQueryDto,
    actor: Actor,
  ): Promise<Page<DeliveryNoticeDto>> {
    const { skip, take } = pageWindow(query);
    const condition = where.join(' AND ');
    const rows = await this.dataSource.query<NoticeRow[]>(
      `${NOTICE_SELECT} WHERE ${condition} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT COUNT(*) AS total FROM delivery_notice n JOIN delivery d ON d.id = n.delivery_id
       WHERE ${condition}`,
      params,
    );
    const items = await this.withBabies(rows);
    if (items.length > 0) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'delivery_notice',
        entityId: 0,
        action: 'view_shared',
        after: { view: 'delivery notices', notices: items.map((item) => item.id) },
        facilityId: actor.facilityId,
      });
    }
    return pageOf(items, Number(total), query);
  }

  private async withBabies(rows: NoticeRow[]): Promise<DeliveryNoticeDto[]> {
    if (rows.length === 0) return [];
    const babies = await this.dataSource.query<
      Array<{
        delivery_id: number;
        birth_order: number;
        sex: string;
        birth_weight_g: number;
        vital_status: string;
      }>
    >(
      `SELECT delivery_id, birth_order, sex, birth_weight_g, vital_status FROM newborn
       WHERE delivery_id IN (?) AND voided_at IS NULL ORDER BY birth_order`,
      [rows.map((row) => row.delivery_id)],
    );
    const byDelivery = new Map<number, NoticeBabyDto[]>();
    for (const baby of babies) {
      const list = byDelivery.get(Number(baby.delivery_id)) ?? [];
      list.push({
        birthOrder: Number(baby.birth_order),
        sex: baby.sex,
        birthWeightG: Number(baby.birth_weight_g),
        vitalStatus: baby.vital_status,
      });
      byDelivery.set(Number(baby.delivery_id), list);
    }
    return rows.map((row) => mapNotice(row, byDelivery.get(Number(row.delivery_id)) ?? []));
  }
}

const noticeNotFound = (id: number) =>
  new DomainError(
    'DELIVERY_NOTICE_NOT_FOUND',
    `Delivery notice ${id} was not found for your facility`,
  );

const noticeNotOpen = (id: number, status: string) =>
  new DomainError('DELIVERY_NOTICE_NOT_OPEN', `Delivery notice ${id} is ${status}`);

interface NoticeRow {
  id: number;
  pregnancy_id: number;
  delivery_id: number;
  from_facility_id: number;
  from_name: string;
  target_facility_id: number | null;
  target_name: string | null;
  region_code: string;
  routed_by: number | null;
  high_risk_newborn: number;
  high_risk_reasons: string[] | string | null;
  status: string;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  visit_due_on: string | Date | null;
  return_note: string | null;
  delivered_at: Date;
  mother_discharged_at: Date | null;
  name: string;
  version: number;
}

const NOTICE_SELECT = `SELECT n.*, ff.name AS from_name, tf.name AS target_name, w.name,
    d.delivered_at, d.mother_discharged_at
  FROM delivery_notice n
  JOIN delivery d ON d.id = n.delivery_id
  JOIN pregnancy p ON p.id = n.pregnancy_id
  JOIN woman w ON w.id = p.woman_id
  JOIN facility ff ON ff.id = n.from_facility_id
  LEFT JOIN facility tf ON tf.id = n.target_facility_id`;

const iso = (value: Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function mapNotice(row: NoticeRow, babies: NoticeBabyDto[]): DeliveryNoticeDto {
  const reasons =
    typeof row.high_risk_reasons === 'string'
      ? (JSON.parse(row.high_risk_reasons) as string[])
      : (row.high_risk_reasons ?? []);
  const due = row.visit_due_on;
  return {
    id: Number(row.id),
    pregnancyId: Number(row.pregnancy_id),
    deliveryId: Number(row.delivery_id),
    name: row.name,
    fromFacilityId: Number(row.from_facility_id),
    fromFacilityName: row.from_name,
    regionCode: row.region_code,
    targetFacilityId: row.target_facility_id === null ? null : Number(row.target_facility_id),
    targetFacilityName: row.target_name,
    routedByHand: row.routed_by !== null,
    status: row.status,
    highRiskNewborn: Number(row.high_risk_newborn) === 1,
    highRiskReasons: reasons,
    deliveredAt: iso(row.delivered_at)!,
    motherDischargedAt: iso(row.mother_discharged_at),
    babies,
    sentAt: iso(row.sent_at),
    acknowledgedAt: iso(row.acknowledged_at),
    visitDueOn: due === null ? null : due instanceof Date ? due.toISOString().slice(0, 10) : due,
    returnNote: row.return_note,
    version: Number(row.version),
  };
}

/** The notice when the caller's facility is its `side`; else (or when there is none) not found. */
function facilitySide(
  notice: DeliveryNotice | null,
  id: number,
  actor: Actor,
  side: 'sender' | 'target',
): DeliveryNotice {
  const facilityId = side === 'sender' ? notice?.fromFacilityId : notice?.targetFacilityId;
  if (!notice || facilityId !== actor.facilityId) throw noticeNotFound(id);
  return notice;
}
