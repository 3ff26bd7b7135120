import { EpisodeAccess, participatesSql } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ErrorDetail } from '../core/errors/domain.error';
import { refreshOverdueFrom } from '../antenatal/overdue-from';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import { isDuplicateKeyError } from '../core/database/query-errors';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { updateIfVersion } from '../core/database/versioned-update';
import { Page, pageOf, pageWindow, totalOf } from '../core/http/pagination';
import {
  AddScanDto,
  PregnancySearchDto,
  RedatingDto,
  ReopenPregnancyDto,
  StatusChangeDto,
  UpdatePregnancyDto,
} from './dto/pregnancy-commands.dto';
import { DatingScan } from './dating-scan.entity';
import { EddChange } from './edd-change.entity';
import { Pregnancy } from './pregnancy.entity';
import {
  DATING_FIELD,
  findLatestOutcomeDateOfWoman,
  findPregnancyForUpdate,
} from './pregnancy.repository';
import { datingScanOf, scanUses } from './rules/dating-scans';
import { normaliseHandbookNumber } from './rules/handbook-number';
import type { EddSource, IvfDating } from './rules/gestational-age';
import type { RiskColour } from '../risk/rules/risk-colour';
import { PREGNANCY_AUDITED_FIELDS } from './registration.service';
import {
  checkAfterPreviousOutcome,
  checkDating,
  checkObstetricHistory,
  checkScan,
  checkStatusChangeDate,
} from './rules/registration-checks';
import {
  canTransition,
  ENDS_PREGNANCY,
  isTerminal,
  type PregnancyStatus,
  reopenedStatus,
} from './rules/pregnancy-status';
import { checkMaternalDeathDay } from './rules/maternal-death';
import { MaternalDeath } from './maternal-death.entity';
import { HighRiskCasesService } from '../risk/high-risk-cases.service';
import { type ChangedFact, RiskAssessmentService } from '../risk/risk-assessment.service';
import { type DocumentType, documentIndexOf, phoneIndexOf, Woman } from './woman.entity';
import {
  datingEvidenceMissing,
  datingInconsistent,
  deliveryRequired,
  handbookNumberTaken,
  pregnancyAlreadyOpen,
  pregnancyNotFound,
  pregnancyNotOpen,
  pregnancySuperseded,
  registrationInvalid,
  transitionInvalid,
} from './women.errors';
import { FULL_IDENTITY_ROLES } from './women.mapper';

export type PregnancyWithWoman = Pregnancy & { woman: Woman };

/** A search hit as the list shows it; her identifiers as stored (encrypted). */
export interface PregnancyListRow {
  id: number;
  woman_id: number;
  name: string;
  birth_date: string;
  document_type: DocumentType;
  document_number: string;
  phone: string;
  registration_date: string;
  handbook_number: string | null;
  edd: string;
  edd_source: EddSource;
  status: PregnancyStatus;
  risk_colour: RiskColour | null;
  risk_purple: number;
  facility_id: number;
  facility_name: string | null;
  version: number;
}

const PREGNANCY_LIST_COLUMNS = `p.id, p.woman_id, w.name, w.birth_date, w.document_type,
  w.document_number, w.phone, p.registration_date, p.handbook_number, p.edd, p.edd_source,
  p.status, p.risk_colour, p.risk_purple, p.facility_id, p.version`;

/** The recorded facts of a pregnancy the risk grading derives factors from. */
const GRADED_FACTS = {
  fetusCount: 'fetus_count',
  previousCaesareans: 'previous_caesareans',
  prePregnancyWeightKg: 'pre_pregnancy_weight',
} as const satisfies Partial<Record<keyof Pregnancy, ChangedFact>>;

@Injectable()
export class PregnanciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly highRiskCases: HighRiskCasesService,
    private readonly risk: RiskAssessmentService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** One pregnancy with her record; a full-identity view is audited. */
  async findOneWithWoman(
    id: number,
    actor: Actor,
  ): Promise<{ pregnancy: PregnancyWithWoman; unmasked: boolean }> {
    const pregnancy = (await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource
        .getRepository(Pregnancy)
        .findOne({ where: { id }, relations: { woman: true } }),
      actor,
      () => pregnancyNotFound(id),
      'pregnancy',
    )) as PregnancyWithWoman;
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

  /** A pregnancy of an episode the caller's facility takes part in, else 404. */
  async findOne(id: number, actor: Actor, manager = this.dataSource.manager): Promise<Pregnancy> {
    return this.access.pregnancy(manager, await manager.findOneBy(Pregnancy, { id }), actor, () =>
      pregnancyNotFound(id),
    );
  }

  /**
   * `findOne`, locked for the caller's transaction: its first read, so its later reads of her
   * records come from a snapshot taken after every earlier write to her ended.
   */
  private async lockedForUpdate(id: number, actor: Actor, manager: EntityManager) {
    return this.access.pregnancy(manager, await findPregnancyForUpdate(manager, id), actor, () =>
      pregnancyNotFound(id),
    );
  }

  /**
   * Pregnancies of episodes the caller's facility takes part in, by EDD. Plain SQL of the listed
   * columns only: the query builder and its entity hydration cost a search by ID number more than
   * the statement itself.
   */
  async search(query: PregnancySearchDto, actor: Actor): Promise<Page<PregnancyListRow>> {
    const conditions = [participatesSql('p', '?')];
    const params: unknown[] = [actor.facilityId];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    // Identifiers are encrypted: exact search goes through their blind indexes.
    if (query.documentNumber) {
      // A record merged into another is found by its document too.
      where(
        'w.id IN (SELECT COALESCE(d.merged_into_id, d.id) FROM woman d WHERE d.document_index = ?)',
        documentIndexOf(query.documentNumber.trim().toUpperCase()),
      );
    }
    if (query.handbookNumber) {
      // A pregnancy merged into another is found by its handbook too.
      where(
        'p.id IN (SELECT COALESCE(h.merged_into_id, h.id) FROM pregnancy h WHERE h.handbook_number = ?)',
        normaliseHandbookNumber(query.handbookNumber),
      );
    }
    if (query.name) where('w.name LIKE ?', `${escapeLike(query.name.trim())}%`);
    if (query.phone) where('w.phone_index = ?', phoneIndexOf(query.phone.trim()));
    if (query.status) where('p.status = ?', query.status);
    if (query.eddFrom) where('p.edd >= ?', query.eddFrom);
    if (query.eddTo) where('p.edd <= ?', query.eddTo);
    const women = 'FROM pregnancy p JOIN woman w ON w.id = p.woman_id';
    const filter = `WHERE ${conditions.join(' AND ')}`;
    const { skip, take } = pageWindow(query);
    const items = await this.dataSource.query<PregnancyListRow[]>(
      `SELECT ${PREGNANCY_LIST_COLUMNS}, f.name AS facility_name
       ${women} LEFT JOIN facility f ON f.id = p.facility_id ${filter}
       ORDER BY p.edd, p.id LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const total = await totalOf(items, query, async () => {
      const [{ total }] = await this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(*) AS total ${women} ${filter}`,
        params,
      );
      return Number(total);
    });
    return pageOf(items, total, query);
  }

  async update(id: number, input: UpdatePregnancyDto, actor: Actor): Promise<Pregnancy> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      // Locked before it is read: the re-grading below must see a visit recorded meanwhile.
      const current = await this.lockedForUpdate(id, actor, manager);
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
      try {
        await updateIfVersion(manager, Pregnancy, id, version, changes);
      } catch (error) {
        if (isDuplicateKeyError(error, 'uq_pregnancy_handbook'))
          throw handbookNumberTaken('handbookNumber');
        throw error;
      }
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
      });
      const changed = (Object.keys(GRADED_FACTS) as (keyof typeof GRADED_FACTS)[]).find(
        (field) => changes[field] !== undefined && changes[field] !== current[field],
      );
      if (changed) await this.risk.regradeOnChangedFacts(manager, id, GRADED_FACTS[changed], actor);
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

  /**
   * A corrected LMP or IVF transfer. The scans stay as they are: the earliest still takes part in
   * the dating, the others still do not.
   */
  async redate(id: number, input: RedatingDto, actor: Actor): Promise<Pregnancy> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockOpen(manager, id, actor);
      const stored = current.datingEvidence();
      await this.applyDating(manager, current, {
        evidence: {
          lmp: input.lmp !== undefined ? input.lmp : current.lmp,
          ivf: input.ivf !== undefined ? input.ivf : (stored.ivf ?? null),
        },
        scans: await findScans(manager, id),
        version: input.version,
        reason: input.reason,
        actor,
      });
    });
    return this.findOne(id, actor);
  }

  /**
   * Every ultrasound is kept as its own row. Only the earliest dates the pregnancy (ACOG CO 700):
   * a scan earlier than all others re-runs the dating through the same path as a re-dating; a
   * later one is stored, not used for dating, and the EDD stays.
   */
  async addScan(
    id: number,
    input: AddScanDto,
    actor: Actor,
  ): Promise<{ scan: DatingScan; pregnancy: Pregnancy }> {
    const scanId = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockOpen(manager, id, actor, 'take a scan');
      const problems = checkScan(input, current.lmp, this.today());
      if (problems.length > 0) throw registrationInvalid(problems);
      const earlier = await findScans(manager, id);
      const scan = await manager.save(
        manager.create(DatingScan, {
          pregnancyId: id,
          facilityId: actor.facilityId,
          scanDate: input.scanDate,
          method: input.method,
          gaDays: input.gaDays,
          note: input.note ?? null,
          createdBy: actor.userId,
          // Provisional: the dating below decides, from every scan.
          usedForDating: false,
          notUsedReason: 'earlier_scan_dates' as const,
        }),
      );
      const scans = [...earlier, scan];
      Object.assign(scan, scanUses(scans, current.eddSource === 'ivf').get(scan.id));
      await manager.update(DatingScan, scan.id, {
        usedForDating: scan.usedForDating,
        notUsedReason: scan.notUsedReason,
      });
      await this.audit.record(manager, {
        entity: 'dating_scan',
        entityId: scan.id,
        action: 'create',
        after: pick(scan, SCAN_AUDITED_FIELDS),
      });
      if (datingScanOf(scans) === scan) {
        const stored = current.datingEvidence();
        await this.applyDating(manager, current, {
          evidence: { lmp: current.lmp, ivf: stored.ivf ?? null },
          scans,
          version: current.version,
          reason: input.note ?? `ultrasound ${input.scanDate} (${input.method})`,
          actor,
        });
      }
      return scan.id;
    });
    const scan = await this.dataSource.getRepository(DatingScan).findOneByOrFail({ id: scanId });
    return { scan, pregnancy: await this.findOne(id, actor) };
  }

  async scans(id: number, actor: Actor): Promise<DatingScan[]> {
    await this.findOne(id, actor);
    return findScans(this.dataSource.manager, id);
  }

  /**
   * She comes back after a transfer out or a loss to follow-up: the episode is reopened where it
   * stood (`open`, or `delivered` after the birth), audited with the reason. Refused while she has
   * another open pregnancy, or once a later pregnancy of hers was registered.
   */
  async reopen(id: number, input: ReopenPregnancyDto, actor: Actor): Promise<Pregnancy> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.lockedForUpdate(id, actor, manager);
      const status = reopenedStatus(current);
      if (status === null) throw transitionInvalid(current.status, 'open');
      const problems = checkStatusChangeDate(input.effectiveDate, current, this.today());
      if (problems.length > 0) throw registrationInvalid(problems);
      if (await hasLaterPregnancy(manager, current)) throw pregnancySuperseded();
      const changes = { status, statusDate: input.effectiveDate, statusReason: input.reason };
      await this.applyReopening(manager, current, input.version, changes, input.reason);
    });
    return this.findOne(id, actor);
  }

  /**
   * Her delivery was voided (recorded on the wrong woman, say): the pregnancy is open again, as it
   * was before the birth, inside the caller's transaction, which holds her lock. Refused when the
   * episode moved on from `delivered` (closed, transferred, a death), once a later pregnancy of
   * hers was registered, or while she has another open one.
   */
  async reopenAfterVoidedDelivery(
    manager: EntityManager,
    current: Pregnancy,
    reason: string,
  ): Promise<void> {
    if (current.status !== 'delivered') throw transitionInvalid(current.status, 'open');
    if (await hasLaterPregnancy(manager, current)) throw pregnancySuperseded();
    const changes = {
      status: 'open' as const,
      statusDate: null,
      statusReason: reason,
      outcomeDate: null,
    };
    await this.applyReopening(manager, current, current.version, changes, reason);
  }

  /**
   * Writes a way back to `open` or `delivered` (409 while she has another open pregnancy); open
   * again, she has visits to miss again. Audited as a status change.
   */
  private async applyReopening(
    manager: EntityManager,
    current: Pregnancy,
    version: number,
    changes: Partial<Pregnancy>,
    reason: string,
  ): Promise<void> {
    try {
      await updateIfVersion(manager, Pregnancy, current.id, version, changes);
    } catch (error) {
      if (isDuplicateKeyError(error, 'uq_pregnancy_open_woman')) throw pregnancyAlreadyOpen();
      throw error;
    }
    await refreshOverdueFrom(manager, current.id);
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: current.id,
      action: 'status_change',
      ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
      reason,
    });
  }

  /** The open pregnancy locked for the transaction; 404 outside the facility, 409 when not open. */
  private async lockOpen(
    manager: EntityManager,
    id: number,
    actor: Actor,
    action?: string,
  ): Promise<Pregnancy> {
    const current = await this.lockedForUpdate(id, actor, manager);
    if (current.status !== 'open') throw pregnancyNotOpen(current.status, action);
    return current;
  }

  /**
   * The one path every change of dating takes: the LMP or IVF with the earliest scan are checked
   * and dated by the ACOG rule; the pregnancy keeps its dating scan, its overdue day follows the
   * EDD, every EDD change is kept, each scan is marked used or not, and the change is audited.
   */
  private async applyDating(
    manager: EntityManager,
    current: Pregnancy,
    {
      evidence,
      scans,
      version,
      reason,
      actor,
    }: {
      evidence: { lmp: string | null; ivf: IvfDating | null };
      scans: DatingScan[];
      version: number;
      reason: string;
      actor: Actor;
    },
  ): Promise<void> {
    const datingScan = datingScanOf(scans);
    const ultrasound = datingScan && { scanDate: datingScan.scanDate, gaDays: datingScan.gaDays };
    const { dating, problems } = checkDating(
      { ...evidence, ultrasound },
      current.registrationDate,
      this.today(),
      '',
    );
    if (!dating && problems.some((p) => p.rule === 'required')) {
      throw datingEvidenceMissing(problems);
    }
    if (!dating || problems.length > 0) throw datingInconsistent(problems);
    const overlap = checkAfterPreviousOutcome(
      dating.edd,
      await findLatestOutcomeDateOfWoman(manager, current.womanId, current.id),
      DATING_FIELD[dating.source],
    );
    if (overlap.length > 0) throw datingInconsistent(overlap);
    const changes = {
      lmp: evidence.lmp ?? null,
      ultrasoundScanDate: ultrasound?.scanDate ?? null,
      ultrasoundGaDays: ultrasound?.gaDays ?? null,
      ivfTransferDate: evidence.ivf?.transferDate ?? null,
      ivfEmbryoAgeDays: evidence.ivf?.embryoAgeDays ?? null,
      edd: dating.edd,
      eddSource: dating.source,
    };
    await updateIfVersion(manager, Pregnancy, current.id, version, changes);
    await refreshOverdueFrom(manager, current.id);
    if (dating.edd !== current.edd || dating.source !== current.eddSource) {
      await this.recordEddChange(manager, current, dating.edd, dating.source, reason, actor);
    }
    await this.refreshScanUses(manager, scans, dating.source === 'ivf');
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: current.id,
      action: 'update',
      ...diffOf(current, changes, PREGNANCY_AUDITED_FIELDS),
      reason,
    });
  }

  /** Marks each scan used for dating or not, as the rule now says; each change audited. */
  private async refreshScanUses(
    manager: EntityManager,
    scans: DatingScan[],
    datedByIvf: boolean,
  ): Promise<void> {
    const uses = scanUses(scans, datedByIvf);
    for (const scan of scans) {
      const use = uses.get(scan.id)!;
      if (use.usedForDating === scan.usedForDating && use.notUsedReason === scan.notUsedReason) {
        continue;
      }
      await manager.update(DatingScan, scan.id, use);
      await this.audit.record(manager, {
        entity: 'dating_scan',
        entityId: scan.id,
        action: 'update',
        ...diffOf(scan, use, SCAN_AUDITED_FIELDS),
      });
      Object.assign(scan, use);
    }
  }

  async eddChanges(id: number, actor: Actor): Promise<EddChange[]> {
    await this.findOne(id, actor);
    return this.dataSource.getRepository(EddChange).find({
      where: { pregnancyId: id },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Every change of the EDD after registration ends here, after the pregnancy row is written:
   * the change is kept and the pregnancy re-graded, since the dating decides which weight is
   * first-trimester (the BMI factor) and the gestational age of every grading.
   */
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
    if (newEdd !== current.edd) {
      await this.risk.regradeOnChangedFacts(manager, current.id, 'edd', actor);
    }
  }
}

const SCAN_AUDITED_FIELDS = [
  'pregnancyId',
  'scanDate',
  'method',
  'gaDays',
  'usedForDating',
  'notUsedReason',
  'note',
] as const;

function findScans(manager: EntityManager, pregnancyId: number): Promise<DatingScan[]> {
  return manager.find(DatingScan, {
    where: { pregnancyId },
    order: { scanDate: 'ASC', id: 'ASC' },
  });
}

/** A pregnancy of hers registered after this one (at any facility): the episode was followed. */
async function hasLaterPregnancy(manager: EntityManager, pregnancy: Pregnancy): Promise<boolean> {
  return manager
    .createQueryBuilder(Pregnancy, 'later')
    .where('later.womanId = :womanId', { womanId: pregnancy.womanId })
    .andWhere('later.id <> :id', { id: pregnancy.id })
    .andWhere('(later.registrationDate > :registered OR later.id > :id)', {
      registered: pregnancy.registrationDate,
    })
    .getExists();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
