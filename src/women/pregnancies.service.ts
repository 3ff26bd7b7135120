import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ErrorDetail } from '../core/errors/domain.error';
import { refreshOverdueFrom } from '../antenatal/overdue-from';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { facilityScope, inActorFacility } from '../core/auth/facility-scope';
import { updateIfVersion } from '../core/database/versioned-update';
import { Page, pageOf, pageWindow, totalOf } from '../core/http/pagination';
import {
  PregnancySearchDto,
  RedatingDto,
  StatusChangeDto,
  UpdatePregnancyDto,
} from './dto/pregnancy-commands.dto';
import { EddChange } from './edd-change.entity';
import { Pregnancy } from './pregnancy.entity';
import { DATING_FIELD, findLatestOutcomeDateOfWoman } from './pregnancy.repository';
import { PREGNANCY_AUDITED_FIELDS } from './registration.service';
import {
  checkAfterPreviousOutcome,
  checkDating,
  checkObstetricHistory,
  checkStatusChangeDate,
} from './rules/registration-checks';
import {
  canTransition,
  ENDS_PREGNANCY,
  isTerminal,
  type PregnancyStatus,
} from './rules/pregnancy-status';
import { checkMaternalDeathDay } from './rules/maternal-death';
import { MaternalDeath } from './maternal-death.entity';
import { HighRiskCasesService } from '../risk/high-risk-cases.service';
import { documentIndexOf, phoneIndexOf, Woman } from './woman.entity';
import {
  datingEvidenceMissing,
  datingInconsistent,
  deliveryRequired,
  pregnancyNotFound,
  pregnancyNotOpen,
  registrationInvalid,
  transitionInvalid,
} from './women.errors';
import { FULL_IDENTITY_ROLES } from './women.mapper';

export type PregnancyWithWoman = Pregnancy & { woman: Woman };

@Injectable()
export class PregnanciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly highRiskCases: HighRiskCasesService,
    private readonly clock: HospitalClock,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** One pregnancy with her record; a full-identity view is audited. */
  async findOneWithWoman(
    id: number,
    actor: Actor,
  ): Promise<{ pregnancy: PregnancyWithWoman; unmasked: boolean }> {
    const pregnancy = inActorFacility(
      await this.dataSource
        .getRepository(Pregnancy)
        .findOne({ where: { id }, relations: { woman: true } }),
      actor,
      () => pregnancyNotFound(id),
    ) as PregnancyWithWoman;
    const unmasked = FULL_IDENTITY_ROLES.includes(actor.role);
    if (unmasked) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'woman',
        entityId: pregnancy.womanId,
        action: 'view_unmasked',
        reason: `pregnancy ${id}`,
      });
    }
    return { pregnancy, unmasked };
  }

  async findOne(id: number, actor: Actor, manager = this.dataSource.manager): Promise<Pregnancy> {
    return inActorFacility(await manager.findOneBy(Pregnancy, { id }), actor, () =>
      pregnancyNotFound(id),
    );
  }

  async search(query: PregnancySearchDto, actor: Actor): Promise<Page<PregnancyWithWoman>> {
    const builder = this.dataSource
      .getRepository(Pregnancy)
      .createQueryBuilder('pregnancy')
      .innerJoinAndSelect('pregnancy.woman', 'woman')
      .where('pregnancy.facilityId = :facilityId', facilityScope(actor))
      .orderBy('pregnancy.edd', 'ASC')
      .addOrderBy('pregnancy.id', 'ASC');
    // Identifiers are encrypted: exact search goes through their blind indexes.
    if (query.documentNumber) {
      builder.andWhere('woman.documentIndex = :documentIndex', {
        documentIndex: documentIndexOf(query.documentNumber.trim().toUpperCase()),
      });
    }
    if (query.name) {
      builder.andWhere('woman.name LIKE :name', { name: `${escapeLike(query.name.trim())}%` });
    }
    if (query.phone) {
      builder.andWhere('woman.phoneIndex = :phoneIndex', {
        phoneIndex: phoneIndexOf(query.phone.trim()),
      });
    }
    if (query.status) builder.andWhere('pregnancy.status = :status', { status: query.status });
    if (query.eddFrom) builder.andWhere('pregnancy.edd >= :eddFrom', { eddFrom: query.eddFrom });
    if (query.eddTo) builder.andWhere('pregnancy.edd <= :eddTo', { eddTo: query.eddTo });
    const { skip, take } = pageWindow(query);
    // One woman per pregnancy, so a plain LIMIT is right: skip/take would first select the
    // distinct ids in a query of their own.
    const items = await builder.offset(skip).limit(take).getMany();
    const total = await totalOf(items, query, () => builder.getCount());
    return pageOf(items as PregnancyWithWoman[], total, query);
  }

  async update(id: number, input: UpdatePregnancyDto, actor: Actor): Promise<Pregnancy> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.findOne(id, actor, manager);
      const merged = { ...current, ...changes };
      const problems = checkObstetricHistory(merged, '');
      if (changes.registrationDate) {
        if (changes.registrationDate > this.today()) {
          problems.push({
            field: 'registrationDate',
            rule: 'notFuture',
            message: 'registrationDate must not be after today',
          });
        }
        problems.push(
          ...checkDating(current.datingEvidence(), changes.registrationDate, this.today(), '')
            .problems,
        );
      }
      if (problems.length > 0) throw registrationInvalid(problems);
      await updateIfVersion(manager, Pregnancy, id, version, changes);
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
      });
    });
    return this.findOne(id, actor);
  }

  async changeStatus(id: number, input: StatusChangeDto, actor: Actor): Promise<Pregnancy> {
    if (input.status === 'delivered') throw deliveryRequired();
    await this.dataSource.transaction(async (manager) => {
      const current = await this.findOne(id, actor, manager);
      await this.applyStatusChange(manager, current, input, actor);
    });
    return this.findOne(id, actor);
  }

  /**
   * The one way a pregnancy changes status, inside the caller's transaction: the transition and
   * its date are checked, the change audited, and a high-risk case closed with the episode.
   */
  async applyStatusChange(
    manager: EntityManager,
    current: Pregnancy,
    input: Omit<StatusChangeDto, 'status'> & { status: Exclude<PregnancyStatus, 'open'> },
    actor?: Actor,
  ): Promise<void> {
    if (!canTransition(current.status, input.status)) {
      throw transitionInvalid(current.status, input.status);
    }
    const death = input.status === 'maternal_death';
    // A death after the pregnancy ended is measured from its end (within 42 days), whatever was
    // recorded since: the facility often learns of it after closing the episode.
    const problems = checkStatusChangeDate(
      input.effectiveDate,
      death && current.outcomeDate ? { ...current, statusDate: null } : current,
      this.today(),
    );
    if (death) problems.push(...this.checkDeath(input, current));
    if (problems.length > 0) throw registrationInvalid(problems);
    const changes = {
      status: input.status,
      statusDate: input.effectiveDate,
      statusReason: input.reason,
      endOutcome: input.status === 'ended' ? (input.endOutcome ?? null) : current.endOutcome,
      // Delivery, loss or death ends the pregnancy itself on that day, unless it had ended.
      outcomeDate:
        current.outcomeDate ?? (ENDS_PREGNANCY.includes(input.status) ? input.effectiveDate : null),
      // No status but `open` has visits to miss: she leaves the overdue worklist.
      overdueFrom: null,
    };
    await updateIfVersion(manager, Pregnancy, current.id, input.version, changes);
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: current.id,
      action: 'status_change',
      ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
      reason: input.reason,
    });
    if (death) {
      if (!actor) throw new Error('A maternal death is recorded by a user');
      const row = await manager.save(
        manager.create(MaternalDeath, {
          pregnancyId: current.id,
          facilityId: current.facilityId,
          diedAt: input.diedAt!,
          cause: input.deathCause!,
          causeDetail: input.deathCauseDetail ?? null,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'maternal_death',
        entityId: row.id,
        action: 'create',
        after: {
          pregnancyId: current.id,
          diedAt: row.diedAt,
          cause: row.cause,
          causeDetail: row.causeDetail,
        },
        facilityId: current.facilityId,
      });
    }
    if (isTerminal(input.status) && !isTerminal(current.status)) {
      await this.highRiskCases.closeForPregnancy(manager, current.id, `pregnancy ${input.status}`);
    }
  }

  /** The time and cause of a death, its hospital day as the effective date, within 42 days. */
  private checkDeath(
    input: Pick<StatusChangeDto, 'effectiveDate' | 'diedAt' | 'deathCause'>,
    current: Pregnancy,
  ): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    if (!input.diedAt || !input.deathCause) {
      for (const field of ['diedAt', 'deathCause'] as const) {
        if (!input[field])
          problems.push({ field, rule: 'required', message: `${field} is required for a death` });
      }
      return problems;
    }
    if (input.diedAt > new Date()) {
      problems.push({
        field: 'diedAt',
        rule: 'notFuture',
        message: 'diedAt must not be in the future',
      });
    }
    const diedOn = this.clock.dateOf(input.diedAt);
    if (diedOn !== input.effectiveDate) {
      problems.push({
        field: 'effectiveDate',
        rule: 'dayOfDeath',
        message: `effectiveDate must be the day of diedAt (${diedOn})`,
      });
    }
    return [...problems, ...checkMaternalDeathDay(diedOn, current.outcomeDate)];
  }

  /** New dating evidence replaces the old; the EDD follows it and every change is kept. */
  async redate(id: number, input: RedatingDto, actor: Actor): Promise<Pregnancy> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.findOne(id, actor, manager);
      if (current.status !== 'open') throw pregnancyNotOpen(current.status);
      const evidence = {
        lmp: input.lmp !== undefined ? input.lmp : current.lmp,
        ultrasound:
          input.ultrasound !== undefined ? input.ultrasound : current.datingEvidence().ultrasound,
        ivf: input.ivf !== undefined ? input.ivf : current.datingEvidence().ivf,
      };
      const { dating, problems } = checkDating(
        evidence,
        current.registrationDate,
        this.today(),
        '',
      );
      if (!dating && problems.some((p) => p.rule === 'required'))
        throw datingEvidenceMissing(problems);
      if (!dating || problems.length > 0) throw datingInconsistent(problems);
      const overlap = checkAfterPreviousOutcome(
        dating.edd,
        await findLatestOutcomeDateOfWoman(manager, current.womanId, current.id),
        DATING_FIELD[dating.source],
      );
      if (overlap.length > 0) throw datingInconsistent(overlap);
      const changes = {
        lmp: evidence.lmp ?? null,
        ultrasoundScanDate: evidence.ultrasound?.scanDate ?? null,
        ultrasoundGaDays: evidence.ultrasound?.gaDays ?? null,
        ivfTransferDate: evidence.ivf?.transferDate ?? null,
        ivfEmbryoAgeDays: evidence.ivf?.embryoAgeDays ?? null,
        edd: dating.edd,
        eddSource: dating.source,
      };
      await updateIfVersion(manager, Pregnancy, id, input.version, changes);
      await refreshOverdueFrom(manager, id);
      if (dating.edd !== current.edd || dating.source !== current.eddSource) {
        await this.recordEddChange(
          manager,
          current,
          dating.edd,
          dating.source,
          input.reason,
          actor,
        );
      }
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
        reason: input.reason,
      });
    });
    return this.findOne(id, actor);
  }

  async eddChanges(id: number, actor: Actor): Promise<EddChange[]> {
    await this.findOne(id, actor);
    return this.dataSource.getRepository(EddChange).find({
      where: { pregnancyId: id },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }

  private async recordEddChange(
    manager: EntityManager,
    current: Pregnancy,
    newEdd: string,
    newSource: Pregnancy['eddSource'],
    reason: string,
    actor: Actor,
  ): Promise<void> {
    await manager.insert(EddChange, {
      pregnancyId: current.id,
      oldEdd: current.edd,
      newEdd,
      oldSource: current.eddSource,
      newSource,
      reason,
      changedBy: actor.userId,
      changedAt: new Date(),
    });
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
