import { highRiskNewbornReasons, visitDueOn } from '../episodes/rules/delivery-notices';
import type { ParticipantRole, ParticipationStart } from '../episodes/rules/participation';
import { attribute } from '../episodes/rules/residence';
import { type Day, MINUTE_MS } from './calendar';
import {
  bool,
  type CohortContext,
  type FacilityPlan,
  instant,
  iso,
  servingCentre,
} from './context';
import {
  deliveryRecordedAfter,
  NOTICE_NEVER_ACKNOWLEDGED,
  noticeAcknowledgedAfter,
} from './distributions';
import type { PregnancyPlan } from './pregnancy-plan';
import type { Cell } from './tables';

/**
 * Her residence category, the region she is counted in and the rule that decided, on the day she
 * delivered, as the delivery service records them on the delivery (episodes/rules/residence).
 */
export function attributionCells(
  ctx: CohortContext,
  plan: PregnancyPlan,
  deliveryDay: Day,
): Cell[] {
  const { woman } = plan;
  const attribution = attribute(
    {
      documentType: woman.documentType,
      hukouRegionCode: woman.hukouRegionCode,
      residenceRegionCode: woman.residenceRegionCode,
      residenceSince: woman.residenceSince === null ? null : iso(woman.residenceSince),
      deliveredOn: iso(deliveryDay),
    },
    ctx.attribution,
  );
  return [attribution.category, attribution.regionCode, attribution.rule];
}

/**
 * The delivery notice (分娩信息), decided before the postpartum records: it goes to the centre
 * serving her 产休地 (her residence unless she spends the month elsewhere), which acknowledges it
 * (at once when the centre delivered her itself); unrouted when no centre serves the region. The
 * centre that acknowledged visits her, not before it did; without it her own facility visits
 * when she stays at home, and nobody when she is away.
 */
export function planNotice(
  ctx: CohortContext,
  plan: PregnancyPlan,
  facilityOf: (id: number) => FacilityPlan | undefined,
): void {
  const { random, clock, ids } = ctx;
  const delivery = plan.delivery!;
  if (delivery.maternalDeath) return;
  const regionCode = plan.postpartumRegionCode ?? plan.woman.residenceRegionCode;
  const targetId = servingCentre(ctx, regionCode);
  // A centre outside the cohort (already in the database) acknowledges it itself, later.
  const target = targetId === null ? undefined : facilityOf(targetId);
  const recorded = delivery.deliveredAt + deliveryRecordedAfter.sample(random) * MINUTE_MS;
  const sentAt = Math.max(delivery.deliveredAt, Math.min(recorded, clock.historyEnd - MINUTE_MS));
  let acknowledgedAt: number | null = null;
  let acknowledgedBy: number | null = null;
  if (target === plan.deliveringFacility) {
    acknowledgedAt = sentAt;
    acknowledgedBy = delivery.recordedBy;
  } else if (target !== undefined && !random.chance(NOTICE_NEVER_ACKNOWLEDGED)) {
    const at = sentAt + noticeAcknowledgedAfter.sample(random) * MINUTE_MS;
    if (at < clock.historyEnd) {
      acknowledgedAt = at;
      acknowledgedBy = random.pick(target.nurses);
    }
  }
  plan.notice = {
    id: ids.take('delivery_notice'),
    regionCode,
    targetFacilityId: targetId,
    sentAt,
    acknowledgedAt,
    acknowledgedBy,
  };
  const atHome = plan.postpartumRegionCode === null || targetId === plan.facility.id;
  plan.postpartumVisitor = acknowledgedAt !== null ? target! : atHome ? plan.facility : null;
  if (plan.postpartumVisitDay === null) return;
  if (plan.postpartumVisitor === null) {
    plan.postpartumVisitDay = null;
  } else if (acknowledgedAt !== null && plan.postpartumVisitor === target) {
    const day = Math.max(plan.postpartumVisitDay, clock.days.dayOfInstant(acknowledgedAt));
    plan.postpartumVisitDay = day <= clock.lastDay ? day : null;
  }
}

/**
 * The notice row, with its babies' high-risk reasons and the visit's due day, and the centre's
 * part in her care: asked (proposed) while the notice waits, active once acknowledged, as the
 * delivery notice service leaves them. Written after the babies and their exposed records.
 */
export function writeNotice(ctx: CohortContext, plan: PregnancyPlan): void {
  const notice = plan.notice;
  if (notice === null) return;
  const { sink, clock } = ctx;
  const delivery = plan.delivery!;
  const exposed = Object.values(plan.confirmed).some((day) => day !== null);
  const reasons = highRiskNewbornReasons(
    plan.outcomeDay! - plan.start,
    delivery.babies.map((baby) => ({ ...baby, exposed })),
  );
  const dayOf = (at: number | null) => (at === null ? null : iso(clock.days.dayOfInstant(at)));
  const acknowledged = notice.acknowledgedAt !== null;
  const status =
    notice.targetFacilityId === null ? 'unrouted' : acknowledged ? 'acknowledged' : 'sent';
  sink.add('delivery_notice', [
    notice.id,
    plan.id,
    delivery.id,
    plan.deliveringFacility.id,
    notice.regionCode,
    notice.targetFacilityId,
    bool(reasons.length > 0),
    JSON.stringify(reasons),
    status,
    status === 'unrouted' ? null : instant(notice.sentAt),
    acknowledged ? instant(notice.acknowledgedAt!) : null,
    notice.acknowledgedBy,
    visitDueOn({
      highRisk: reasons.length > 0,
      acknowledgedOn: dayOf(notice.acknowledgedAt),
      dischargedOn: dayOf(delivery.motherDischargedAt),
    }),
    instant(notice.sentAt),
    acknowledged ? 2 : 1,
  ]);
  if (notice.targetFacilityId === null) return;
  // Asked when the notice was sent, then (another centre) taken up on acknowledging it.
  const atOnce = notice.targetFacilityId === plan.deliveringFacility.id;
  participant(ctx, plan, {
    facilityId: notice.targetFacilityId,
    role: 'postpartum_visiting',
    status: acknowledged ? 'active' : 'proposed',
    startedVia: 'delivery_notice',
    startedOn: clock.days.dayOfInstant(
      acknowledged && !atOnce ? notice.acknowledgedAt! : notice.sentAt,
    ),
    note: `delivery notice ${notice.id}`,
    createdBy: delivery.recordedBy,
    version: acknowledged && !atOnce ? 2 : 1,
  });
}

/**
 * Who takes part in her care, as the services leave it: her facility registers and manages her;
 * a hospital that received her on referral examines her; the one that delivered her joined to
 * do it (on its footing: her registration, the referral, or her presenting herself in labour).
 * The postpartum visitor is written with the notice.
 */
export function writeParticipants(ctx: CohortContext, plan: PregnancyPlan, nurse: number): void {
  for (const role of ['registering', 'managing'] as const) {
    participant(ctx, plan, {
      facilityId: plan.facility.id,
      role,
      status: 'active',
      startedVia: 'registration',
      startedOn: plan.registration,
      note: null,
      createdBy: nurse,
      version: 1,
    });
  }
  const referral = plan.referral;
  if (referral !== null) {
    const received = referral.receivedDay !== null;
    participant(ctx, plan, {
      facilityId: referral.receiver.id,
      role: 'examining',
      status: received ? 'active' : 'proposed',
      startedVia: 'referral',
      startedOn: referral.receivedDay ?? referral.referredOn,
      note: `referral ${referral.id}`,
      createdBy: referral.referredBy,
      version: received ? 2 : 1,
    });
  }
  const delivery = plan.delivery;
  if (delivery === null) return;
  const deliverer = plan.deliveringFacility;
  const deliveryDay = plan.outcomeDay!;
  const receivedBefore =
    referral?.receiver === deliverer &&
    referral.receivedDay !== null &&
    referral.receivedDay <= deliveryDay;
  participant(ctx, plan, {
    facilityId: deliverer.id,
    role: 'delivering',
    status: 'active',
    startedVia:
      deliverer === plan.facility ? 'registration' : receivedBefore ? 'referral' : 'self_presented',
    startedOn: deliveryDay,
    note: null,
    createdBy: delivery.recordedBy,
    version: 1,
  });
}

interface Participation {
  facilityId: number;
  role: ParticipantRole;
  status: 'active' | 'proposed';
  startedVia: ParticipationStart;
  startedOn: Day;
  note: string | null;
  createdBy: number;
  version: number;
}

function participant(ctx: CohortContext, plan: PregnancyPlan, part: Participation): void {
  ctx.sink.add('episode_participant', [
    ctx.ids.take('episode_participant'),
    plan.id,
    part.facilityId,
    part.role,
    part.status,
    part.startedVia,
    iso(part.startedOn),
    'statutory_duty',
    1,
    part.note,
    part.createdBy,
    part.version,
  ]);
}
