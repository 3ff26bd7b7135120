import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { Facility } from '../core/facilities/facility.entity';
import { insertRows } from '../core/database/plain-rows';
import { Page, pageOf, pageWindow, totalOf } from '../core/http/pagination';
import { HospitalClock } from '../core/time/hospital-clock';
import { pregnancyNotFound } from '../women/women.errors';
import { Pregnancy } from '../women/pregnancy.entity';
import { documentIndexOf, Woman } from '../women/woman.entity';
import {
  EpisodeDto,
  EpisodeIdentityDto,
  JoinEpisodeDto,
  NoticeDto,
  NoticeQueryDto,
  ParticipantDto,
} from './dto/episodes.dto';
import { EpisodeAccess } from './episode-access';
import { EpisodeNotice, EpisodeParticipant, type NoticeKind } from './episode-participant.entity';
import { alreadyParticipant, episodeNotFound, noticeNotFound } from './episodes.errors';
import {
  JOINABLE_PREGNANCY_STATUSES,
  type ParticipantRole,
  type ParticipationStart,
  type ShareLegalBasis,
} from './rules/participation';

/** How a facility takes a role in an episode. */
export interface TakePart {
  role: ParticipantRole;
  /** `proposed`: asked to take part (a referral sent), with no access until it is active. */
  status?: 'active' | 'proposed';
  /** The facility taking part; the caller's unless another is asked (a referral's receiver). */
  facilityId?: number;
  startedVia: ParticipationStart;
  /** The day it started; today unless the act that started it is dated (a referral received). */
  startedOn?: string;
  legalBasis: ShareLegalBasis;
  womanInformed: boolean;
  note?: string | null;
}

/** 两个系统管理: who takes part in a pregnancy's care, and facilities joining it. */
@Injectable()
export class EpisodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: EpisodeAccess,
    private readonly clock: HospitalClock,
  ) {}

  /**
   * The registering facility registers and manages her: both roles, in the caller's
   * transaction, by the statutory duty of the maternal health service.
   */
  async startEpisode(manager: EntityManager, pregnancy: Pregnancy, actor: Actor): Promise<void> {
    // One statement, and no audit rows of their own: the pregnancy's creation is the audited act.
    // A new pregnancy has no participant yet, so nothing is read first (a locking read of the
    // empty index gap would deadlock two registrations at once), nor read back after.
    await insertRows(
      manager,
      EpisodeParticipant,
      (['registering', 'managing'] as const).map((role) => ({
        pregnancyId: pregnancy.id,
        facilityId: actor.facilityId,
        role,
        status: 'active' as const,
        startedVia: 'registration' as const,
        startedOn: pregnancy.registrationDate,
        legalBasis: 'statutory_duty' as const,
        womanInformed: true,
        createdBy: actor.userId,
        version: 1,
      })),
    );
  }

  /**
   * A facility (the caller's unless `part` names another) takes `part` in the episode (again, if
   * it had ended or declined), audited; a role it holds already is left as it is. Returns whether it took a new part. The
   * caller holds the pregnancy's lock, which serialises changes to its participants: the read
   * takes no lock of its own (a locking read of a missing row locks the index gap, and two
   * episodes' inserts into one gap would deadlock).
   */
  async takePart(
    manager: EntityManager,
    pregnancyId: number,
    actor: Actor,
    part: TakePart,
  ): Promise<boolean> {
    const facilityId = part.facilityId ?? actor.facilityId;
    const where = { pregnancyId, facilityId, role: part.role };
    const current = await manager.findOneBy(EpisodeParticipant, where);
    const status = part.status ?? 'active';
    if (current?.status === 'active' || current?.status === status) return false;
    const values = {
      status,
      startedVia: part.startedVia,
      startedOn: part.startedOn ?? this.clock.today(),
      endedOn: null,
      legalBasis: part.legalBasis,
      womanInformed: part.womanInformed,
      note: part.note ?? null,
    };
    let id: number;
    if (current) {
      await manager.update(EpisodeParticipant, current.id, {
        ...values,
        version: current.version + 1,
      });
      id = current.id;
    } else {
      const saved = await manager.save(
        manager.create(EpisodeParticipant, {
          ...where,
          ...values,
          responsibleClinicianId: null,
          createdBy: actor.userId,
        }),
      );
      id = saved.id;
    }
    await this.audit.record(manager, {
      entity: 'episode_participant',
      entityId: id,
      action: current ? 'status_change' : 'create',
      before: current ? { status: current.status } : null,
      after: { pregnancyId, ...part, facilityId, status },
      facilityId: actor.facilityId,
    });
    return true;
  }

  /**
   * A facility asked to take a role (a referral, a transfer, a notice) is asked no more: it
   * declined, or the request was withdrawn or cancelled (`ended`).
   */
  async endProposal(
    manager: EntityManager,
    pregnancyId: number,
    facilityId: number,
    role: ParticipantRole,
    status: 'declined' | 'ended',
  ): Promise<void> {
    await manager.update(
      EpisodeParticipant,
      { pregnancyId, facilityId, role, status: 'proposed' },
      { status, endedOn: this.clock.today() },
    );
  }

  /**
   * A participant takes on one more role (the hospital that examined her delivers her), on the
   * footing it joined with: how it started, its legal basis, whether she was told.
   */
  async takeRole(
    manager: EntityManager,
    pregnancyId: number,
    actor: Actor,
    role: ParticipantRole,
  ): Promise<void> {
    const footing = await manager.findOne(EpisodeParticipant, {
      where: { pregnancyId, facilityId: actor.facilityId, status: 'active' },
      order: { id: 'ASC' },
    });
    if (!footing) throw pregnancyNotFound(pregnancyId);
    await this.takePart(manager, pregnancyId, actor, {
      role,
      startedVia: footing.startedVia,
      legalBasis: footing.legalBasis,
      womanInformed: footing.womanInformed,
    });
  }

  /** Who takes part in her care, for a participant. */
  async episode(pregnancyId: number, actor: Actor): Promise<EpisodeDto> {
    const manager = this.dataSource.manager;
    const pregnancy = await this.access.pregnancy(
      manager,
      await manager.findOneBy(Pregnancy, { id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'participants',
    );
    return this.view(manager, pregnancy);
  }

  /**
   * She presents herself (her handbook, or in labour): found by document, name and birth date
   * together, her running episode is joined in the role asked, audited, and every other
   * participant is told. Anything that does not match answers the same 404.
   */
  async join(input: JoinEpisodeDto, actor: Actor): Promise<EpisodeDto> {
    const pregnancyId = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.findRunning(manager, input);
      const joined = await this.takePart(manager, pregnancy.id, actor, {
        role: input.role,
        startedVia: 'self_presented',
        legalBasis: input.legalBasis,
        womanInformed: input.womanInformed,
        note: input.note ?? null,
      });
      if (!joined) throw alreadyParticipant(input.role);
      await this.tellOthers(
        manager,
        pregnancy.id,
        'participant_joined',
        actor.facilityId,
        input.role,
      );
      return pregnancy.id;
    });
    return this.episode(pregnancyId, actor);
  }

  /**
   * Her running episode (open or delivered), locked, found by her document, name and birth date
   * together; anything that does not match answers the same 404.
   */
  async findRunning(manager: EntityManager, identity: EpisodeIdentityDto): Promise<Pregnancy> {
    // A locking read, as every read before her pregnancy's lock must be: a plain one would fix
    // the transaction's snapshot, and a facility that joined while this waited would go unseen.
    const woman = await manager.findOne(Woman, {
      where: {
        documentType: identity.documentType,
        documentIndex: documentIndexOf(identity.documentNumber.trim().toUpperCase()),
      },
      lock: { mode: 'pessimistic_write' },
    });
    const matches =
      woman !== null &&
      woman.name === identity.name.trim() &&
      woman.birthDate === identity.birthDate;
    const pregnancy = matches
      ? await manager.findOne(Pregnancy, {
          where: {
            womanId: woman.mergedIntoId ?? woman.id,
            status: In([...JOINABLE_PREGNANCY_STATUSES]),
          },
          order: { registrationDate: 'DESC', id: 'DESC' },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!pregnancy) throw episodeNotFound();
    return pregnancy;
  }

  /** Tells every other active participant what `aboutFacilityId` now does in her episode. */
  async tellOthers(
    manager: EntityManager,
    pregnancyId: number,
    kind: NoticeKind,
    aboutFacilityId: number,
    role: ParticipantRole,
  ): Promise<void> {
    const others = await manager
      .createQueryBuilder(EpisodeParticipant, 'ep')
      .select('DISTINCT ep.facilityId', 'facilityId')
      .where('ep.pregnancyId = :pregnancyId', { pregnancyId })
      .andWhere("ep.status = 'active'")
      .andWhere('ep.facilityId <> :facilityId', { facilityId: aboutFacilityId })
      .getRawMany<{ facilityId: number }>();
    if (others.length === 0) return;
    await manager.insert(
      EpisodeNotice,
      others.map((other) => ({
        pregnancyId,
        recipientFacilityId: Number(other.facilityId),
        kind,
        aboutFacilityId,
        role,
      })),
    );
  }

  /** What the caller's facility was told about the episodes it takes part in, newest first. */
  async notices(query: NoticeQueryDto, actor: Actor): Promise<Page<NoticeDto>> {
    const builder = this.dataSource
      .getRepository(EpisodeNotice)
      .createQueryBuilder('n')
      .innerJoin(Facility, 'f', 'f.id = n.aboutFacilityId')
      .addSelect('f.name', 'about_name')
      .where('n.recipientFacilityId = :facilityId', { facilityId: actor.facilityId })
      .orderBy('n.id', 'DESC');
    if (query.unread) builder.andWhere('n.readAt IS NULL');
    const { skip, take } = pageWindow(query);
    const { entities, raw } = await builder
      .offset(skip)
      .limit(take)
      .getRawAndEntities<{ about_name: string }>();
    const items = entities.map((notice, index) => ({
      id: notice.id,
      pregnancyId: notice.pregnancyId,
      kind: notice.kind,
      aboutFacilityId: notice.aboutFacilityId,
      aboutFacilityName: raw[index].about_name,
      role: notice.role,
      createdAt: notice.createdAt.toISOString(),
      readAt: notice.readAt?.toISOString() ?? null,
    }));
    const total = await totalOf(items, query, () => builder.getCount());
    return pageOf(items, total, query);
  }

  /** Marks one of the facility's notices read. */
  async markRead(id: number, actor: Actor): Promise<void> {
    const notice = await this.dataSource.getRepository(EpisodeNotice).findOneBy({ id });
    if (!notice || notice.recipientFacilityId !== actor.facilityId) throw noticeNotFound(id);
    if (notice.readAt === null) {
      await this.dataSource.getRepository(EpisodeNotice).update(id, { readAt: new Date() });
    }
  }

  private async view(manager: EntityManager, pregnancy: Pregnancy): Promise<EpisodeDto> {
    const rows = await manager
      .createQueryBuilder(EpisodeParticipant, 'ep')
      .innerJoin(Facility, 'f', 'f.id = ep.facilityId')
      .addSelect('f.name', 'facility_name')
      .where('ep.pregnancyId = :id', { id: pregnancy.id })
      .orderBy('ep.startedOn', 'ASC')
      .addOrderBy('ep.id', 'ASC')
      .getRawAndEntities<{ facility_name: string }>();
    const participants: ParticipantDto[] = rows.entities.map((p, index) => ({
      id: p.id,
      facilityId: p.facilityId,
      facilityName: rows.raw[index].facility_name,
      role: p.role,
      status: p.status,
      startedVia: p.startedVia,
      startedOn: p.startedOn,
      endedOn: p.endedOn,
      legalBasis: p.legalBasis,
      womanInformed: p.womanInformed,
      responsibleClinicianId: p.responsibleClinicianId,
    }));
    return { pregnancyId: pregnancy.id, managingFacilityId: pregnancy.facilityId, participants };
  }
}
