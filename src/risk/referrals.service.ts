import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { updateIfVersion } from '../core/database/versioned-update';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { daysBetween } from '../core/time/calendar-date';
import { HospitalClock } from '../core/time/hospital-clock';
import { EpisodesService } from '../episodes/episodes.service';
import {
  AwaitingFeedbackDto,
  DeclineReferralDto,
  FollowUpReferralDto,
  IncomingReferralDto,
  IncomingReferralQueryDto,
  ReceiveReferralDto,
  ReferralDto,
} from './dto/risk.dto';
import { Referral } from './high-risk-case.entity';
import { mapReferral, recordReferralResult } from './high-risk-cases.service';
import {
  referralAlreadyAnswered,
  referralAlreadyFollowedUp,
  referralNotFound,
  riskInputInvalid,
} from './risk.errors';
import { PageQueryDto } from '../core/http/pagination';

const INCOMING_STATE_SQL = {
  awaiting: 'r.received_at IS NULL AND r.declined_at IS NULL',
  received: 'r.received_at IS NOT NULL',
  declined: 'r.declined_at IS NOT NULL',
} as const;

/**
 * 转诊 between facilities of the system: the receiver's side (what is coming, receiving her or
 * declining, feeding the result back) and the referring facility's worklist of results not back.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly episodes: EpisodesService,
  ) {}

  /**
   * Referrals to the caller's facility, urgent first, with her name so she is known on arrival:
   * the receiver has her record in no other way until it receives her. Audited.
   */
  async incoming(
    query: IncomingReferralQueryDto,
    actor: Actor,
  ): Promise<Page<IncomingReferralDto>> {
    const state = query.state ?? 'awaiting';
    const { skip, take } = pageWindow(query);
    const where = `r.to_facility_id = ? AND ${INCOMING_STATE_SQL[state]}`;
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT r.id, r.pregnancy_id, r.facility_id, f.name AS from_name, w.name, r.referred_on,
              r.urgency, r.reason, r.colour_at_referral, r.purple_at_referral, r.received_at,
              r.declined_at, r.result_followed_up_on
       FROM referral r
       JOIN facility f ON f.id = r.facility_id
       JOIN pregnancy p ON p.id = r.pregnancy_id
       JOIN woman w ON w.id = p.woman_id
       WHERE ${where}
       ORDER BY FIELD(r.urgency, 'critical', 'urgent', 'routine'), r.referred_on, r.id
       LIMIT ? OFFSET ?`,
      [actor.facilityId, take, skip],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT COUNT(*) AS total FROM referral r WHERE ${where}`,
      [actor.facilityId],
    );
    const items = rows.map((row) => ({
      id: Number(row.id),
      pregnancyId: Number(row.pregnancy_id),
      fromFacilityId: Number(row.facility_id),
      fromFacilityName: String(row.from_name),
      name: String(row.name),
      referredOn: dateOf(row.referred_on),
      urgency: String(row.urgency),
      reason: String(row.reason),
      colourAtReferral: (row.colour_at_referral as string | null) ?? null,
      purpleAtReferral: Number(row.purple_at_referral) === 1,
      receivedAt: instantOf(row.received_at),
      declinedAt: instantOf(row.declined_at),
      resultFollowedUpOn: row.result_followed_up_on ? dateOf(row.result_followed_up_on) : null,
    }));
    if (items.length > 0) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'referral',
        entityId: 0,
        action: 'view_shared',
        after: { view: 'incoming referrals', referrals: items.map((item) => item.id) },
        facilityId: actor.facilityId,
      });
    }
    return pageOf(items, Number(total), query);
  }

  /** She arrived: the receiver takes part in her care from now on (examining, by referral). */
  async receive(id: number, input: ReceiveReferralDto, actor: Actor): Promise<ReferralDto> {
    return this.answer(id, actor, async (manager, referral) => {
      if (
        input.receivedAt > new Date() ||
        this.clock.dateOf(input.receivedAt) < referral.referredOn
      ) {
        throw riskInputInvalid([
          {
            field: 'receivedAt',
            rule: 'afterReferral',
            message: `receivedAt must be between the referral (${referral.referredOn}) and now`,
          },
        ]);
      }
      await this.episodes.takePart(manager, referral.pregnancyId, actor, {
        role: 'examining',
        startedVia: 'referral',
        startedOn: this.clock.dateOf(input.receivedAt),
        legalBasis: 'statutory_duty',
        womanInformed: true,
        note: `referral ${referral.id}`,
      });
      return { receivedAt: input.receivedAt, receivedBy: actor.userId };
    });
  }

  /** The receiver cannot take her: the referring facility sees why, and refers her elsewhere. */
  async decline(id: number, input: DeclineReferralDto, actor: Actor): Promise<ReferralDto> {
    return this.answer(id, actor, async (manager, referral) => {
      await this.episodes.endProposal(
        manager,
        referral.pregnancyId,
        actor.facilityId,
        'examining',
        'declined',
      );
      return { declinedAt: new Date(), declineNote: input.note };
    });
  }

  /**
   * The receiver feeds the result back to the referring facility (or the referring facility
   * records what it learnt, through its case): once.
   */
  async feedback(id: number, input: FollowUpReferralDto, actor: Actor): Promise<ReferralDto> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.toCaller(manager, id, actor);
      if (referral.receivedAt === null) {
        throw riskInputInvalid([
          { field: 'id', rule: 'received', message: 'a referral is fed back once received' },
        ]);
      }
      if (referral.resultFollowedUpOn !== null) throw referralAlreadyFollowedUp(id);
      return recordReferralResult(manager, referral, input, this.clock.today(), this.audit, actor);
    });
  }

  /** The caller's referrals whose result is not back by its day, the longest overdue first. */
  async awaitingFeedback(query: PageQueryDto, actor: Actor): Promise<Page<AwaitingFeedbackDto>> {
    const today = this.clock.today();
    const { skip, take } = pageWindow(query);
    const where =
      'r.facility_id = ? AND r.result_followed_up_on IS NULL AND r.follow_up_due_on < ?';
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT r.id, r.case_id, r.pregnancy_id, r.to_facility_name, r.referred_on, r.urgency,
              r.follow_up_due_on, r.received_at
       FROM referral r WHERE ${where}
       ORDER BY r.follow_up_due_on, r.id LIMIT ? OFFSET ?`,
      [actor.facilityId, today, take, skip],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT COUNT(*) AS total FROM referral r WHERE ${where}`,
      [actor.facilityId, today],
    );
    const items = rows.map((row) => {
      const due = dateOf(row.follow_up_due_on);
      return {
        id: Number(row.id),
        caseId: Number(row.case_id),
        pregnancyId: Number(row.pregnancy_id),
        toFacilityName: String(row.to_facility_name),
        referredOn: dateOf(row.referred_on),
        urgency: String(row.urgency),
        followUpDueOn: due,
        daysOverdue: daysBetween(due, today),
        receivedAt: instantOf(row.received_at),
      };
    });
    return pageOf(items, Number(total), query);
  }

  /** Receives or declines a referral to the caller's facility, once, audited. */
  private answer(
    id: number,
    actor: Actor,
    decide: (manager: EntityManager, referral: Referral) => Promise<Partial<Referral>>,
  ): Promise<ReferralDto> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.toCaller(manager, id, actor);
      if (referral.receivedAt !== null || referral.declinedAt !== null) {
        throw referralAlreadyAnswered(id);
      }
      // Her episode's participants change under the pregnancy's lock.
      await manager.query('SELECT id FROM pregnancy WHERE id = ? FOR UPDATE', [
        referral.pregnancyId,
      ]);
      const changes = await decide(manager, referral);
      await updateIfVersion(manager, Referral, id, referral.version, changes);
      await this.audit.record(manager, {
        entity: 'referral',
        entityId: id,
        action: 'update',
        ...diffOf(referral, changes, ['receivedAt', 'receivedBy', 'declinedAt', 'declineNote']),
        facilityId: actor.facilityId,
      });
      return mapReferral({ ...referral, ...changes, version: referral.version + 1 });
    });
  }

  /** A referral to the caller's facility, locked; anyone else's is not found. */
  private async toCaller(manager: EntityManager, id: number, actor: Actor): Promise<Referral> {
    const referral = await manager.findOne(Referral, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!referral || referral.toFacilityId !== actor.facilityId) throw referralNotFound(id);
    return referral;
  }
}

const dateOf = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

const instantOf = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();
