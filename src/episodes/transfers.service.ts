import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { refreshOverdueFrom } from '../antenatal/overdue-from';
import { diffOf } from '../core/audit/audit-diff';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { updateIfVersion } from '../core/database/versioned-update';
import { fieldError } from '../core/errors/domain.error';
import { Facility } from '../core/facilities/facility.entity';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { daysBetween } from '../core/time/calendar-date';
import { HospitalClock } from '../core/time/hospital-clock';
import { HighRiskCase } from '../risk/high-risk-case.entity';
import { Pregnancy } from '../women/pregnancy.entity';
import { findPregnancyForUpdate } from '../women/pregnancy.repository';
import { pregnancyNotFound } from '../women/women.errors';
import {
  ConfirmTransferDto,
  RequestTransferDto,
  ReturnTransferDto,
  TakeInByIdentityDto,
  TransferDto,
  TransferListItemDto,
  TransferQueryDto,
} from './dto/transfers.dto';
import { EpisodeAccess } from './episode-access';
import { EpisodeParticipant } from './episode-participant.entity';
import { EpisodeTransfer } from './episode-transfer.entity';
import {
  alreadyParticipant,
  episodeNotRunning,
  notManaging,
  transferNotAnswerable,
  transferNotFound,
  transferPending,
} from './episodes.errors';
import { EpisodesService } from './episodes.service';
import {
  JOINABLE_PREGNANCY_STATUSES,
  MANAGEMENT_ROLES,
  type TransferDirection,
} from './rules/participation';

type Grounds = Pick<RequestTransferDto, 'reason' | 'legalBasis' | 'womanInformed'>;

const TRANSFER_AUDITED = ['status', 'answeredBy', 'answeredAt', 'answerNote'] as const;

/**
 * 迁入/迁出: her management moves from one facility to another by a request of either side, which
 * the other confirms or returns with a note. Confirmed, the new manager manages her (her
 * worklists, her schedule), sees every earlier record of the episode, and the one that handed her
 * over ends its management roles; the others taking part are told.
 */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: EpisodeAccess,
    private readonly clock: HospitalClock,
    private readonly episodes: EpisodesService,
  ) {}

  /** The manager hands her over, or another participant asks to manage her. */
  async request(
    pregnancyId: number,
    input: RequestTransferDto,
    actor: Actor,
  ): Promise<TransferDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.access.lockPregnancy(manager, pregnancyId, actor, () =>
        pregnancyNotFound(pregnancyId),
      );
      const manages = pregnancy.facilityId === actor.facilityId;
      if (input.direction === 'take_in') {
        if (manages) throw alreadyParticipant('managing');
        return this.create(manager, pregnancy, 'take_in', actor.facilityId, input, actor);
      }
      if (!manages) throw notManaging();
      if (input.toFacilityId === undefined) {
        throw fieldError(
          'VALIDATION_FAILED',
          'toFacilityId',
          'requiredToHandOver',
          'toFacilityId names the facility she is handed over to',
        );
      }
      const receiver = await manager.findOneBy(Facility, { id: input.toFacilityId });
      if (!receiver || receiver.id === actor.facilityId) {
        throw fieldError(
          'VALIDATION_FAILED',
          'toFacilityId',
          'otherFacility',
          'toFacilityId must name another facility of the system',
        );
      }
      return this.create(manager, pregnancy, 'hand_over', receiver.id, input, actor);
    });
    return this.one(id);
  }

  /**
   * 迁入 of a woman who shows her handbook at a facility not yet caring for her: found by her
   * document, name and birth date together (anything else: the same 404 as joining).
   */
  async takeIn(input: TakeInByIdentityDto, actor: Actor): Promise<TransferDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.episodes.findRunning(manager, input);
      if (pregnancy.facilityId === actor.facilityId) throw alreadyParticipant('managing');
      return this.create(manager, pregnancy, 'take_in', actor.facilityId, input, actor);
    });
    return this.one(id);
  }

  /**
   * The side that did not ask confirms: the new facility manages her from today. Refused when
   * her manager or her pregnancy changed since the request (the asking side withdraws it).
   */
  async confirm(id: number, input: ConfirmTransferDto, actor: Actor): Promise<TransferDto> {
    await this.answer(id, actor, async (manager, transfer, pregnancy) => {
      const today = this.clock.today();
      const handing = await manager.findBy(EpisodeParticipant, {
        pregnancyId: pregnancy.id,
        facilityId: transfer.fromFacilityId,
        role: In([...MANAGEMENT_ROLES]),
        status: 'active',
      });
      for (const part of handing) {
        await manager.update(EpisodeParticipant, part.id, {
          status: 'ended',
          endedOn: today,
          version: part.version + 1,
        });
        await this.audit.record(manager, {
          entity: 'episode_participant',
          entityId: part.id,
          action: 'status_change',
          before: { status: part.status },
          after: { status: 'ended', endedOn: today, transferId: transfer.id },
        });
      }
      await this.episodes.takePart(manager, pregnancy.id, actor, {
        role: 'managing',
        facilityId: transfer.toFacilityId,
        startedVia: 'transfer',
        legalBasis: transfer.legalBasis,
        womanInformed: transfer.womanInformed,
        note: `transfer ${transfer.id}`,
      });
      await updateIfVersion(manager, Pregnancy, pregnancy.id, pregnancy.version, {
        facilityId: transfer.toFacilityId,
      });
      // Her schedule is the new manager's from now on, and so is the day she falls overdue.
      await refreshOverdueFrom(manager, pregnancy.id);
      await this.moveOpenCase(manager, transfer);
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: pregnancy.id,
        action: 'update',
        before: { facilityId: transfer.fromFacilityId },
        after: { facilityId: transfer.toFacilityId },
        reason: `transfer ${transfer.id}: ${transfer.reason}`,
      });
      await this.episodes.tellOthers(
        manager,
        pregnancy.id,
        'manager_changed',
        transfer.toFacilityId,
        'managing',
      );
      return { status: 'confirmed', answerNote: input.note ?? null };
    });
    return this.one(id);
  }

  /** The side that did not ask returns it with a note; nothing moves. */
  async return(id: number, input: ReturnTransferDto, actor: Actor): Promise<TransferDto> {
    await this.answer(id, actor, async (manager, transfer) => {
      await this.episodes.endProposal(
        manager,
        transfer.pregnancyId,
        transfer.toFacilityId,
        'managing',
        'declined',
      );
      return { status: 'returned', answerNote: input.note };
    });
    return this.one(id);
  }

  /** The side that asked takes its request back while it is pending. */
  async withdraw(id: number, actor: Actor): Promise<TransferDto> {
    const pregnancyId = await this.pregnancyOfTransfer(id, actor);
    await this.dataSource.transaction(async (manager) => {
      const transfer = await this.lockTransfer(manager, id, pregnancyId);
      if (transfer.requestingFacilityId !== actor.facilityId) {
        throw transferNotAnswerable(id, 'only the side that asked withdraws it');
      }
      await this.episodes.endProposal(
        manager,
        transfer.pregnancyId,
        transfer.toFacilityId,
        'managing',
        'ended',
      );
      await this.write(manager, transfer, { status: 'withdrawn' }, actor);
    });
    return this.one(id);
  }

  /**
   * The caller's transfers in one state (pending by default), the oldest first, with their age
   * and her name, so either side knows whom it is asked about. Audited.
   */
  async list(query: TransferQueryDto, actor: Actor): Promise<Page<TransferListItemDto>> {
    const status = query.status ?? 'pending';
    const { skip, take } = pageWindow(query);
    const where = '(t.from_facility_id = ? OR t.to_facility_id = ?) AND t.status = ?';
    const params = [actor.facilityId, actor.facilityId, status];
    const rows = await this.dataSource.query<TransferRow[]>(
      `${TRANSFER_SELECT} WHERE ${where} ORDER BY t.requested_at, t.id LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT COUNT(*) AS total FROM episode_transfer t WHERE ${where}`,
      params,
    );
    const items = rows.map((row) => ({ ...this.map(row), name: String(row.name) }));
    if (items.length > 0) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'episode_transfer',
        entityId: 0,
        action: 'view_shared',
        after: { view: `${status} transfers`, transfers: items.map((item) => item.id) },
        facilityId: actor.facilityId,
      });
    }
    return pageOf(items, Number(total), query);
  }

  /**
   * A pending request, from `from` (her manager) to `to`: the facility that is to manage her is
   * asked to (`proposed`, with no access yet), audited.
   */
  private async create(
    manager: EntityManager,
    pregnancy: Pregnancy,
    direction: TransferDirection,
    toFacilityId: number,
    grounds: Grounds,
    actor: Actor,
  ): Promise<number> {
    if (!(JOINABLE_PREGNANCY_STATUSES as readonly string[]).includes(pregnancy.status)) {
      throw episodeNotRunning(pregnancy.status);
    }
    let transfer: EpisodeTransfer;
    try {
      transfer = await manager.save(
        manager.create(EpisodeTransfer, {
          pregnancyId: pregnancy.id,
          direction,
          fromFacilityId: pregnancy.facilityId,
          toFacilityId,
          reason: grounds.reason,
          legalBasis: grounds.legalBasis,
          womanInformed: grounds.womanInformed,
          requestedBy: actor.userId,
        }),
      );
    } catch (error) {
      if (isDuplicateKeyError(error, 'uq_episode_transfer_pending')) throw transferPending();
      throw error;
    }
    await this.episodes.takePart(manager, pregnancy.id, actor, {
      role: 'managing',
      status: 'proposed',
      facilityId: toFacilityId,
      startedVia: 'transfer',
      legalBasis: grounds.legalBasis,
      womanInformed: grounds.womanInformed,
      note: `transfer ${transfer.id}`,
    });
    await this.audit.record(manager, {
      entity: 'episode_transfer',
      entityId: transfer.id,
      action: 'create',
      after: {
        pregnancyId: pregnancy.id,
        direction,
        fromFacilityId: pregnancy.facilityId,
        toFacilityId,
        legalBasis: grounds.legalBasis,
      },
    });
    return transfer.id;
  }

  /**
   * Confirms or returns a pending transfer, by the side that did not ask, under her lock; a
   * transfer whose manager or pregnancy moved on since is refused.
   */
  private async answer(
    id: number,
    actor: Actor,
    decide: (
      manager: EntityManager,
      transfer: EpisodeTransfer,
      pregnancy: Pregnancy,
    ) => Promise<Partial<EpisodeTransfer>>,
  ): Promise<void> {
    const pregnancyId = await this.pregnancyOfTransfer(id, actor);
    await this.dataSource.transaction(async (manager) => {
      const transfer = await this.lockTransfer(manager, id, pregnancyId);
      if (transfer.answeringFacilityId !== actor.facilityId) {
        throw transferNotAnswerable(id, 'the side that asked withdraws it instead');
      }
      const pregnancy = (await findPregnancyForUpdate(manager, transfer.pregnancyId))!;
      const running = (JOINABLE_PREGNANCY_STATUSES as readonly string[]).includes(pregnancy.status);
      if (!running || pregnancy.facilityId !== transfer.fromFacilityId) {
        throw transferNotAnswerable(id, 'her manager or her pregnancy changed since the request');
      }
      const changes = await decide(manager, transfer, pregnancy);
      await this.write(
        manager,
        transfer,
        { ...changes, answeredBy: actor.userId, answeredAt: new Date() },
        actor,
      );
    });
  }

  /**
   * The pregnancy of a transfer of one of the caller's sides, read before the transaction that
   * locks it (a transfer's pregnancy and sides never change); anyone else's is not found. A plain
   * read inside would fix the transaction's snapshot before her lock is had, and a case opened
   * while it waited would be left with the old manager.
   */
  private async pregnancyOfTransfer(id: number, actor: Actor): Promise<number> {
    const seen = await this.dataSource.manager.findOneBy(EpisodeTransfer, { id });
    const ours =
      seen !== null &&
      (seen.fromFacilityId === actor.facilityId || seen.toFacilityId === actor.facilityId);
    if (!ours) throw transferNotFound(id);
    return seen.pregnancyId;
  }

  /**
   * The pending transfer, locked after her pregnancy (the order every write to her episode
   * takes).
   */
  private async lockTransfer(
    manager: EntityManager,
    id: number,
    pregnancyId: number,
  ): Promise<EpisodeTransfer> {
    await manager.query('SELECT id FROM pregnancy WHERE id = ? FOR UPDATE', [pregnancyId]);
    const transfer = await manager.findOneOrFail(EpisodeTransfer, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (transfer.status !== 'pending') throw transferNotAnswerable(id, `it is ${transfer.status}`);
    return transfer;
  }

  /**
   * Her open high-risk case (专案) goes with her management, without its clinician, who works
   * at the facility that handed her over: the new manager names one.
   */
  private async moveOpenCase(manager: EntityManager, transfer: EpisodeTransfer): Promise<void> {
    const open = await manager.findOneBy(HighRiskCase, {
      pregnancyId: transfer.pregnancyId,
      status: 'open',
    });
    if (!open || open.facilityId !== transfer.fromFacilityId) return;
    const changes = { facilityId: transfer.toFacilityId, responsibleClinicianId: null };
    await updateIfVersion(manager, HighRiskCase, open.id, open.version, changes);
    await this.audit.record(manager, {
      entity: 'high_risk_case',
      entityId: open.id,
      action: 'update',
      before: { facilityId: open.facilityId, responsibleClinicianId: open.responsibleClinicianId },
      after: changes,
      reason: `transfer ${transfer.id}`,
    });
  }

  private async write(
    manager: EntityManager,
    transfer: EpisodeTransfer,
    changes: Partial<EpisodeTransfer>,
    actor: Actor,
  ): Promise<void> {
    await updateIfVersion(manager, EpisodeTransfer, transfer.id, transfer.version, changes);
    await this.audit.record(manager, {
      entity: 'episode_transfer',
      entityId: transfer.id,
      action: 'status_change',
      ...diffOf(transfer, changes, TRANSFER_AUDITED),
      facilityId: actor.facilityId,
    });
  }

  private async one(id: number): Promise<TransferDto> {
    const [row] = await this.dataSource.query<TransferRow[]>(`${TRANSFER_SELECT} WHERE t.id = ?`, [
      id,
    ]);
    return this.map(row);
  }

  private map(row: TransferRow): TransferDto {
    const requestedAt = new Date(row.requested_at);
    const direction = row.direction;
    const fromFacilityId = Number(row.from_facility_id);
    const toFacilityId = Number(row.to_facility_id);
    return {
      id: Number(row.id),
      pregnancyId: Number(row.pregnancy_id),
      direction,
      fromFacilityId,
      fromFacilityName: row.from_name,
      toFacilityId,
      toFacilityName: row.to_name,
      answeringFacilityId: direction === 'hand_over' ? toFacilityId : fromFacilityId,
      reason: row.reason,
      legalBasis: row.legal_basis,
      womanInformed: Number(row.woman_informed) === 1,
      status: row.status,
      requestedAt: requestedAt.toISOString(),
      ageDays: daysBetween(this.clock.dateOf(requestedAt), this.clock.today()),
      answeredAt: row.answered_at === null ? null : new Date(row.answered_at).toISOString(),
      answerNote: row.answer_note,
      version: Number(row.version),
    };
  }
}

interface TransferRow {
  id: number;
  pregnancy_id: number;
  direction: TransferDirection;
  from_facility_id: number;
  from_name: string;
  to_facility_id: number;
  to_name: string;
  reason: string;
  legal_basis: string;
  woman_informed: number;
  status: string;
  requested_at: Date | string;
  answered_at: Date | string | null;
  answer_note: string | null;
  version: number;
  name: string;
}

const TRANSFER_SELECT = `SELECT t.*, ff.name AS from_name, tf.name AS to_name, w.name
  FROM episode_transfer t
  JOIN facility ff ON ff.id = t.from_facility_id
  JOIN facility tf ON tf.id = t.to_facility_id
  JOIN pregnancy p ON p.id = t.pregnancy_id
  JOIN woman w ON w.id = p.woman_id`;
