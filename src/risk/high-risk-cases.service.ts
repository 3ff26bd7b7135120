import type { ConfigType } from '@nestjs/config';
import { episodesConfig } from '../../config';
import { Facility } from '../core/facilities/facility.entity';
import { EpisodeAccess } from '../episodes/episode-access';
import { EpisodesService } from '../episodes/episodes.service';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { inActorFacility } from '../core/auth/facility-scope';
import { updateIfVersion } from '../core/database/versioned-update';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { addDays } from '../core/time/calendar-date';
import { User } from '../core/users/user.entity';
import { Pregnancy } from '../women/pregnancy.entity';
import { findPregnancyForUpdate } from '../women/pregnancy.repository';
import { Woman } from '../women/woman.entity';
import { pregnancyNotFound } from '../women/women.errors';
import {
  AddNoteDto,
  AddReferralDto,
  CaseDetailDto,
  CaseNoteDto,
  CaseQueryDto,
  CaseSummaryDto,
  ClinicianDto,
  FollowUpReferralDto,
  ReferralDto,
  UpdateCaseDto,
} from './dto/risk.dto';
import { CaseNote, HighRiskCase, Referral } from './high-risk-case.entity';
import { RiskReport } from './risk-report.entity';
import {
  caseClosed,
  caseNotFound,
  clinicianNotFound,
  referralAlreadyFollowedUp,
  referralNotFound,
  riskInputInvalid,
} from './risk.errors';
import { RISK_WRITERS } from './rules/risk-writers';
import { autoCloseReason, CASE_AUTO_CLOSE_DAYS, caseAutoCloseDue } from './rules/case-closure';
import { nextAction } from './rules/next-action';

type CaseRow = HighRiskCase & { pregnancy: Pregnancy & { woman: Woman } };

@Injectable()
export class HighRiskCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly episodes: EpisodesService,
    private readonly access: EpisodeAccess,
    @Inject(episodesConfig.KEY) private readonly config: ConfigType<typeof episodesConfig>,
  ) {}

  /** The high-risk register: open cases, highest colour first, each with its next action. */
  async register(actor: Actor, query: CaseQueryDto): Promise<Page<CaseSummaryDto>> {
    const builder = this.casesWithWoman()
      .where('c.facilityId = :facilityId AND c.status = :status', {
        facilityId: actor.facilityId,
        status: 'open',
      })
      // RED first, then PURPLE (infectious, isolation delivery), then ORANGE.
      .addSelect(
        "CASE WHEN p.risk_colour = 'red' THEN 0 WHEN p.risk_purple = 1 THEN 1 WHEN p.risk_colour = 'orange' THEN 2 ELSE 3 END",
        'risk_rank',
      )
      .orderBy('risk_rank', 'ASC')
      .addOrderBy('c.openedAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (query.colour) builder.andWhere('p.riskColour = :colour', { colour: query.colour });
    if (query.purple !== undefined)
      builder.andWhere('p.riskPurple = :purple', { purple: query.purple });
    const { skip, take } = pageWindow(query);
    // One pregnancy and one woman per case: plain OFFSET/LIMIT pages correctly.
    const total = await builder.getCount();
    const cases = await builder.offset(skip).limit(take).getMany();
    const summaries = await this.summarise(cases as CaseRow[]);
    return pageOf(summaries, total, query);
  }

  /**
   * Her cases, open and closed, newest first: those of the caller's facility, which alone may
   * open them (the rule of `findOne`), and only while it takes part in her episode.
   */
  async forPregnancy(pregnancyId: number, actor: Actor): Promise<CaseSummaryDto[]> {
    await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'high-risk cases',
    );
    const cases = await this.casesWithWoman()
      .where('c.pregnancyId = :pregnancyId AND c.facilityId = :facilityId', {
        pregnancyId,
        facilityId: actor.facilityId,
      })
      .orderBy('c.openedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    return this.summarise(cases as CaseRow[]);
  }

  /** Whom a case of the caller's facility may name as responsible, by name. */
  async clinicians(actor: Actor): Promise<ClinicianDto[]> {
    const users = await this.dataSource.getRepository(User).find({
      where: { facilityId: actor.facilityId, active: true, role: In([...RISK_WRITERS]) },
      order: { displayName: 'ASC', id: 'ASC' },
    });
    return users.map((user) => ({ id: user.id, displayName: user.displayName, role: user.role }));
  }

  async findOne(id: number, actor: Actor): Promise<CaseDetailDto> {
    const found = await this.casesWithWoman().where('c.id = :id', { id }).getOne();
    const row = inActorFacility(found, actor, () => caseNotFound(id)) as CaseRow;
    const [summary] = await this.summarise([row]);
    const [notes, referrals] = await Promise.all([
      this.dataSource
        .getRepository(CaseNote)
        .find({ where: { caseId: id }, order: { notedAt: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(Referral)
        .find({ where: { caseId: id }, order: { referredOn: 'ASC', id: 'ASC' } }),
    ]);
    return {
      ...summary,
      closedAt: row.closedAt?.toISOString() ?? null,
      closeReason: row.closeReason,
      notes: notes.map(mapNote),
      referrals: referrals.map(mapReferral),
    };
  }

  async update(id: number, input: UpdateCaseDto, actor: Actor): Promise<CaseDetailDto> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.openCase(manager, id, actor);
      // null unassigns: the case is back to "assign a clinician" in the worklists.
      if (changes.responsibleClinicianId != null) {
        const clinician = await manager.findOneBy(User, {
          id: changes.responsibleClinicianId,
          active: true,
        });
        const writes = (RISK_WRITERS as readonly string[]).includes(clinician?.role ?? '');
        if (!clinician || clinician.facilityId !== actor.facilityId || !writes) {
          throw clinicianNotFound(changes.responsibleClinicianId);
        }
      }
      await updateIfVersion(manager, HighRiskCase, id, version, changes);
      await this.audit.record(manager, {
        entity: 'high_risk_case',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, ['responsibleClinicianId', 'plan']),
      });
    });
    return this.findOne(id, actor);
  }

  async addNote(id: number, input: AddNoteDto, actor: Actor): Promise<CaseNoteDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openCase(manager, id, actor);
      const note = await manager.save(
        manager.create(CaseNote, {
          caseId: id,
          notedAt: new Date(),
          authorId: actor.userId,
          text: input.text,
        }),
      );
      await this.audit.record(manager, {
        entity: 'high_risk_case_note',
        entityId: note.id,
        action: 'create',
        after: { caseId: id, text: note.text },
      });
      return mapNote(note);
    });
  }

  /**
   * 转诊: refers her, with the colour she has now and the urgency. A receiver of the system is
   * asked to take part in her care (`proposed` until it receives her); a critically ill woman
   * leaves only once the receiver was contacted, escorted.
   */
  async addReferral(id: number, input: AddReferralDto, actor: Actor): Promise<ReferralDto> {
    // Her lock before the case is read: a plain read first would fix the transaction's snapshot,
    // and a referral, or the case's closing, that held her lock meanwhile would go unseen. A
    // case's pregnancy never changes, so it is looked up before the transaction.
    const seen = await this.dataSource.manager.findOneBy(HighRiskCase, { id });
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = seen && (await findPregnancyForUpdate(manager, seen.pregnancyId));
      const current = await this.openCase(manager, id, actor);
      if (!pregnancy) throw caseNotFound(id);
      const receiver = await this.receiverOf(manager, input, actor);
      const today = this.clock.today();
      const opened = this.clock.dateOf(current.openedAt);
      const earliest = opened > pregnancy.registrationDate ? opened : pregnancy.registrationDate;
      if (input.referredOn > today || input.referredOn < earliest) {
        throw riskInputInvalid([
          {
            field: 'referredOn',
            rule: 'withinCase',
            message: `referredOn must be between the case opening (${earliest}) and today`,
          },
        ]);
      }
      if (input.receiverContactedAt && input.receiverContactedAt > new Date()) {
        throw riskInputInvalid([
          {
            field: 'receiverContactedAt',
            rule: 'notFuture',
            message: 'receiverContactedAt must not be in the future',
          },
        ]);
      }
      const referral = await manager.save(
        manager.create(Referral, {
          caseId: id,
          pregnancyId: current.pregnancyId,
          facilityId: current.facilityId,
          referredOn: input.referredOn,
          toFacilityId: receiver?.id ?? null,
          toFacilityName: receiver?.name ?? input.toFacilityName!,
          reason: input.reason,
          colourAtReferral: pregnancy.riskColour,
          purpleAtReferral: pregnancy.riskPurple,
          urgency: input.urgency ?? 'routine',
          receiverContactedAt: input.receiverContactedAt ?? null,
          escorted: input.escorted ?? false,
          followUpDueOn: addDays(input.referredOn, this.config.referralFeedbackDays),
          createdBy: actor.userId,
        }),
      );
      if (receiver) {
        await this.episodes.takePart(manager, pregnancy.id, actor, {
          role: 'examining',
          status: 'proposed',
          facilityId: receiver.id,
          startedVia: 'referral',
          legalBasis: 'statutory_duty',
          womanInformed: true,
          note: `referral ${referral.id}`,
        });
      }
      await this.audit.record(manager, {
        entity: 'referral',
        entityId: referral.id,
        action: 'create',
        after: {
          caseId: id,
          referredOn: referral.referredOn,
          toFacilityId: referral.toFacilityId,
          toFacilityName: referral.toFacilityName,
          urgency: referral.urgency,
          colourAtReferral: referral.colourAtReferral,
        },
      });
      return mapReferral(referral);
    });
  }

  async followUpReferral(
    referralId: number,
    input: FollowUpReferralDto,
    actor: Actor,
  ): Promise<ReferralDto> {
    return this.dataSource.transaction(async (manager) => {
      const referral = inActorFacility(
        await manager.findOne(Referral, {
          where: { id: referralId },
          lock: { mode: 'pessimistic_write' },
        }),
        actor,
        () => referralNotFound(referralId),
      );
      if (referral.resultFollowedUpOn !== null) throw referralAlreadyFollowedUp(referralId);
      await this.openCase(manager, referral.caseId, actor);
      return recordReferralResult(manager, referral, input, this.clock.today(), this.audit, actor);
    });
  }

  /** The receiving facility named by id: one of the system's, not the caller's own. */
  private async receiverOf(
    manager: EntityManager,
    input: AddReferralDto,
    actor: Actor,
  ): Promise<Facility | null> {
    if (input.toFacilityId === undefined) return null;
    const facility = await manager.findOneBy(Facility, { id: input.toFacilityId });
    if (!facility || facility.id === actor.facilityId) {
      throw riskInputInvalid([
        {
          field: 'toFacilityId',
          rule: 'otherFacility',
          message: 'toFacilityId must name another facility of the system',
        },
      ]);
    }
    return facility;
  }

  /**
   * The nightly closure: every open case whose pregnancy ended 56 days ago or more (none had its
   * 42-day check, which closes the case) is closed, audited, with the reason on the case. Each
   * case in its own transaction, so a second run finds nothing left to do.
   */
  async closeExpired(today: string): Promise<{ closed: number }> {
    const rows = await this.dataSource.query<{ pregnancy_id: number; outcome_date: string }[]>(
      `SELECT c.pregnancy_id, DATE_FORMAT(p.outcome_date, '%Y-%m-%d') AS outcome_date
       FROM high_risk_case c JOIN pregnancy p ON p.id = c.pregnancy_id
       WHERE c.status = 'open' AND p.outcome_date IS NOT NULL AND p.outcome_date <= ?
       ORDER BY c.id`,
      [addDays(today, -CASE_AUTO_CLOSE_DAYS)],
    );
    let closed = 0;
    for (const row of rows) {
      if (!caseAutoCloseDue(row.outcome_date, today)) continue;
      const done = await this.dataSource.transaction((manager) =>
        this.closeForPregnancy(manager, row.pregnancy_id, autoCloseReason(row.outcome_date)),
      );
      if (done) closed += 1;
    }
    return { closed };
  }

  /** A case ends with the episode: at the 42-day check, or when the pregnancy ends otherwise. */
  async closeForPregnancy(
    manager: EntityManager,
    pregnancyId: number,
    reason: string,
  ): Promise<boolean> {
    const open = await manager.findOne(HighRiskCase, {
      where: { pregnancyId, status: 'open' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!open) return false;
    const changes = { status: 'closed' as const, closedAt: new Date(), closeReason: reason };
    await updateIfVersion(manager, HighRiskCase, open.id, open.version, changes);
    await this.audit.record(manager, {
      entity: 'high_risk_case',
      entityId: open.id,
      action: 'status_change',
      ...diffOf(open, changes, ['status', 'closeReason']),
      facilityId: open.facilityId,
    });
    return true;
  }

  private async openCase(manager: EntityManager, id: number, actor: Actor): Promise<HighRiskCase> {
    const found = inActorFacility(await manager.findOneBy(HighRiskCase, { id }), actor, () =>
      caseNotFound(id),
    );
    if (found.status !== 'open') throw caseClosed(id);
    return found;
  }

  /** Cases, each with her pregnancy and her (the name the summaries show). */
  private casesWithWoman() {
    return this.dataSource
      .getRepository(HighRiskCase)
      .createQueryBuilder('c')
      .innerJoinAndMapOne('c.pregnancy', Pregnancy, 'p', 'p.id = c.pregnancyId')
      .innerJoinAndMapOne('p.woman', Woman, 'w', 'w.id = p.womanId');
  }

  private async summarise(cases: CaseRow[]): Promise<CaseSummaryDto[]> {
    if (cases.length === 0) return [];
    const ids = cases.map((c) => c.id);
    const pregnancyIds = cases.map((c) => c.pregnancyId);
    const [reports, referrals] = await Promise.all([
      this.dataSource.getRepository(RiskReport).find({
        where: { pregnancyId: In(pregnancyIds), reportedAt: IsNull() },
      }),
      this.dataSource.getRepository(Referral).find({
        where: { caseId: In(ids), resultFollowedUpOn: IsNull() },
      }),
    ]);
    const now = new Date();
    const today = this.clock.today();
    return cases.map((c) => ({
      id: c.id,
      pregnancyId: c.pregnancyId,
      womanId: c.pregnancy.womanId,
      name: c.pregnancy.woman.name,
      status: c.status,
      colour: c.pregnancy.riskColour ?? 'green',
      purple: c.pregnancy.riskPurple,
      openedAt: c.openedAt.toISOString(),
      responsibleClinicianId: c.responsibleClinicianId,
      plan: c.plan,
      edd: c.pregnancy.edd,
      nextAction: nextAction(
        {
          unsentReportDueTimes: reports
            .filter((r) => r.pregnancyId === c.pregnancyId)
            .map((r) => r.dueAt),
          referralFollowUpDueDates: referrals
            .filter((r) => r.caseId === c.id)
            .map((r) => r.followUpDueOn),
          responsibleClinicianId: c.responsibleClinicianId,
          plan: c.plan,
        },
        now,
        today,
      ),
      version: c.version,
    }));
  }
}

function mapNote(note: CaseNote): CaseNoteDto {
  return {
    id: note.id,
    notedAt: note.notedAt.toISOString(),
    authorId: note.authorId,
    text: note.text,
  };
}

/**
 * A referral's result, fed back by the receiver or learnt by the referring facility: dated
 * between the referral and today, audited. The caller holds the referral's lock and has checked
 * it has no result yet.
 */
export async function recordReferralResult(
  manager: EntityManager,
  referral: Referral,
  input: FollowUpReferralDto,
  today: string,
  audit: AuditService,
  actor: Actor,
): Promise<ReferralDto> {
  if (input.followedUpOn < referral.referredOn || input.followedUpOn > today) {
    throw riskInputInvalid([
      {
        field: 'followedUpOn',
        rule: 'afterReferral',
        message: `followedUpOn must be between ${referral.referredOn} and today`,
      },
    ]);
  }
  const changes = { resultFollowedUpOn: input.followedUpOn, result: input.result };
  await updateIfVersion(manager, Referral, referral.id, referral.version, changes);
  await audit.record(manager, {
    entity: 'referral',
    entityId: referral.id,
    action: 'update',
    ...diffOf(referral, changes, ['resultFollowedUpOn', 'result']),
    facilityId: actor.facilityId,
  });
  return mapReferral({ ...referral, ...changes, version: referral.version + 1 });
}

export function mapReferral(referral: Referral): ReferralDto {
  return {
    id: referral.id,
    caseId: referral.caseId,
    pregnancyId: referral.pregnancyId,
    referredOn: referral.referredOn,
    toFacilityId: referral.toFacilityId,
    toFacilityName: referral.toFacilityName,
    reason: referral.reason,
    urgency: referral.urgency,
    colourAtReferral: referral.colourAtReferral,
    purpleAtReferral: referral.purpleAtReferral,
    receiverContactedAt: referral.receiverContactedAt?.toISOString() ?? null,
    escorted: referral.escorted,
    receivedAt: referral.receivedAt?.toISOString() ?? null,
    declinedAt: referral.declinedAt?.toISOString() ?? null,
    declineNote: referral.declineNote,
    followUpDueOn: referral.followUpDueOn,
    resultFollowedUpOn: referral.resultFollowedUpOn,
    result: referral.result,
    version: referral.version,
  };
}
