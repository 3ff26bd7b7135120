import { EpisodesService } from '../episodes/episodes.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { refreshOverdueFrom } from '../antenatal/overdue-from';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { insertRow } from '../core/database/plain-rows';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { updateIfVersion } from '../core/database/versioned-update';
import type { ErrorDetail } from '../core/errors/domain.error';
import { CorrectDocumentDto } from './dto/pregnancy-commands.dto';
import { RegistrationDto, WomanInputDto } from './dto/registration.dto';
import {
  DocumentCorrectionResultDto,
  PossibleDuplicateDto,
  RegistrationResultDto,
  WomanRegistrationResultDto,
} from './dto/women-responses.dto';
import { DatingScan } from './dating-scan.entity';
import { EddChange } from './edd-change.entity';
import { MergesService } from './merges.service';
import { DuplicateReason, PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { DATING_FIELD, findLatestOutcomeDateOfWoman } from './pregnancy.repository';
import type { Dating } from './rules/gestational-age';
import {
  checkAfterPreviousOutcome,
  checkBirthDate,
  checkResidenceSince,
  checkDating,
  checkObstetricHistory,
  checkResidentDocument,
  checkScanMethod,
} from './rules/registration-checks';
import { defaultScanMethod } from './rules/dating-scans';
import { phoneIndexOf, withBlindIndexes, Woman } from './woman.entity';
import {
  findVisibleWomanIds,
  findWomanIdByDocument,
  findWomanVisibleTo,
  isWomanVisibleToFacility,
} from './woman.repository';
import {
  birthDateMismatch,
  datingEvidenceMissing,
  datingInconsistent,
  documentIdentityMismatch,
  documentTaken,
  oddSequenceNeedsOverride,
  pregnancyAlreadyOpen,
  handbookNumberTaken,
  registrationInvalid,
  residentIdInvalid,
} from './women.errors';
import {
  mapPossibleDuplicate,
  mapPregnancy,
  mapWoman,
  mapWomanAsTyped,
  typedDetails,
} from './women.mapper';

export const WOMAN_AUDITED_FIELDS = [
  'documentType',
  'documentNumber',
  'name',
  'birthDate',
  'phone',
  'residenceRegionCode',
  'residenceAddress',
  'residenceSince',
  'hukouRegionCode',
  'hukouAddress',
  'householdType',
  'education',
  'occupation',
] as const;

/** Contact details a new registration may bring up to date on a known woman. */
const WOMAN_CONTACT_FIELDS = [
  'phone',
  'residenceRegionCode',
  'residenceAddress',
  'residenceSince',
  'hukouRegionCode',
  'hukouAddress',
  'householdType',
  'education',
  'occupation',
] as const;

export const PREGNANCY_AUDITED_FIELDS = [
  'facilityId',
  'registrationDate',
  'lmp',
  'ultrasoundScanDate',
  'ultrasoundGaDays',
  'ivfTransferDate',
  'ivfEmbryoAgeDays',
  'edd',
  'eddSource',
  'gravidity',
  'parity',
  'previousCaesareans',
  'fetusCount',
  'prePregnancyWeightKg',
  'postpartumRegionCode',
  'postpartumAddress',
  'handbookNumber',
  'status',
  'statusDate',
  'statusReason',
  'endOutcome',
  'outcomeDate',
] as const;

const MAX_DUPLICATES_FLAGGED = 20;

interface CheckedIdentity {
  documentNumber: string;
  oddSequence: boolean;
}

interface CheckedRegistration extends CheckedIdentity {
  dating: Dating;
}

/** Her record for this registration, and how the caller's facility stands to it. */
interface FoundWoman {
  woman: Woman;
  existingWoman: boolean;
  /**
   * Known, but held by other facilities only (they registered her and hold her pregnancies):
   * the registration leaves her record as it is and answers with what was typed (issue 12).
   */
  heldElsewhere: boolean;
}

/** The document number as stored, after the GB 11643 check for resident IDs. */
function checkIdentity(
  woman: Pick<WomanInputDto, 'documentType' | 'documentNumber' | 'birthDate'>,
  today: string,
  prefix: string,
): CheckedIdentity {
  const documentNumber = woman.documentNumber.trim();
  if (woman.documentType !== 'resident_id') {
    return { documentNumber: documentNumber.toUpperCase(), oddSequence: false };
  }
  const verdict = checkResidentDocument(
    documentNumber,
    woman.birthDate,
    today,
    `${prefix}documentNumber`,
    `${prefix}birthDate`,
  );
  const idProblems = verdict.problems.filter((p) => p.field === `${prefix}documentNumber`);
  if (idProblems.length > 0) throw residentIdInvalid(idProblems);
  if (verdict.problems.length > 0) {
    throw birthDateMismatch('The birth date does not match the resident ID', verdict.problems);
  }
  return { documentNumber: verdict.normalized, oddSequence: verdict.sequenceIsOdd };
}

/** 建册: a woman (new or known by her document) and her pregnancy, in one transaction. */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly episodes: EpisodesService,
    private readonly merges: MergesService,
  ) {}

  async register(input: RegistrationDto, actor: Actor): Promise<RegistrationResultDto> {
    const today = this.clock.today();
    const checked = this.check(input, today);
    return this.dataSource.transaction(async (manager) => {
      const found = await this.findOrCreateWoman(manager, input.woman, checked, actor, 'woman.');
      const { woman } = found;
      // A woman recorded a moment ago has no pregnancy yet: nothing to look up.
      if (found.existingWoman) {
        if (await manager.existsBy(Pregnancy, { womanId: woman.id, status: 'open' })) {
          throw pregnancyAlreadyOpen();
        }
        const overlap = checkAfterPreviousOutcome(
          checked.dating.edd,
          await findLatestOutcomeDateOfWoman(manager, woman.id),
          `pregnancy.${DATING_FIELD[checked.dating.source]}`,
          !found.heldElsewhere,
        );
        if (overlap.length > 0) throw datingInconsistent(overlap);
      }
      const pregnancy = await this.createPregnancy(manager, input, woman, checked.dating, actor);
      return {
        ...(await this.answer(manager, found, input.woman, checked, actor)),
        pregnancy: mapPregnancy(pregnancy, today),
      };
    });
  }

  /** A woman on her own, before any pregnancy: she attends a class or takes folic acid first. */
  async registerWoman(input: WomanInputDto, actor: Actor): Promise<WomanRegistrationResultDto> {
    const today = this.clock.today();
    const identity = checkIdentity(input, today, '');
    const problems = checkBirthDate(input.birthDate, today, 'birthDate');
    if (problems.length > 0) throw registrationInvalid(problems);
    if (identity.oddSequence && input.confirmOddSequence !== true) {
      throw oddSequenceNeedsOverride('confirmOddSequence');
    }
    return this.dataSource.transaction(async (manager) => {
      const found = await this.findOrCreateWoman(manager, input, identity, actor, '');
      return this.answer(manager, found, input, identity, actor);
    });
  }

  /**
   * Corrects her document (a typo in the number, the wrong type), checked as at registration:
   * GB 11643 for a resident ID, with the birth date it encodes (given, or hers), the odd-sequence
   * override, one record per document (409 DOCUMENT_TAKEN). The blind index follows the number;
   * the audit row keeps both numbers masked, with the reason; possible duplicates are flagged
   * again when the birth date changed.
   */
  async correctDocument(
    id: number,
    input: CorrectDocumentDto,
    actor: Actor,
  ): Promise<DocumentCorrectionResultDto> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const visible = await findWomanVisibleTo(manager, id, actor);
      const current = await manager.findOneOrFail(Woman, {
        where: { id: visible.id },
        lock: { mode: 'pessimistic_write' },
      });
      const birthDate = input.birthDate ?? current.birthDate;
      const identity = checkIdentity({ ...input, birthDate }, today, '');
      const problems = checkBirthDate(birthDate, today, 'birthDate');
      if (problems.length > 0) throw registrationInvalid(problems);
      if (identity.oddSequence && input.confirmOddSequence !== true) {
        throw oddSequenceNeedsOverride('confirmOddSequence');
      }
      const owner = await findWomanIdByDocument(
        manager,
        input.documentType,
        identity.documentNumber,
        true,
      );
      if (owner !== null && owner !== id) throw documentTaken();
      const changes = {
        documentType: input.documentType,
        documentNumber: identity.documentNumber,
        birthDate,
        oddSequenceConfirmed: identity.oddSequence,
      };
      try {
        await updateIfVersion(manager, Woman, id, input.version, withBlindIndexes(changes));
      } catch (error) {
        if (isDuplicateKeyError(error, 'uq_woman_document')) throw documentTaken();
        throw error;
      }
      await this.audit.record(manager, {
        entity: 'woman',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, WOMAN_AUDITED_FIELDS),
        reason: input.reason,
      });
      if (identity.oddSequence) {
        await this.audit.record(manager, {
          entity: 'woman',
          entityId: id,
          action: 'override',
          after: { oddSequenceConfirmed: true, documentNumber: identity.documentNumber },
          reason: input.overrideReason ?? null,
        });
      }
      const woman = await manager.findOneByOrFail(Woman, { id });
      return {
        woman: mapWoman(woman, true),
        possibleDuplicates:
          birthDate === current.birthDate
            ? []
            : await this.flagPossibleDuplicates(manager, woman, actor),
      };
    });
  }

  /**
   * What the registering nurse gets back about the woman. A facility that holds none of her
   * record sees only what it typed, and no duplicate check runs on her stored details for it.
   */
  private async answer(
    manager: EntityManager,
    { woman, existingWoman, heldElsewhere }: FoundWoman,
    typed: WomanInputDto,
    checked: CheckedIdentity,
    actor: Actor,
  ): Promise<WomanRegistrationResultDto> {
    if (heldElsewhere) {
      return {
        woman: mapWomanAsTyped(woman, typed, checked.documentNumber, checked.oddSequence),
        existingWoman,
        contactDetailsApplied: false,
        possibleDuplicates: [],
      };
    }
    return {
      woman: mapWoman(woman, true),
      existingWoman,
      contactDetailsApplied: true,
      possibleDuplicates: await this.flagPossibleDuplicates(manager, woman, actor),
    };
  }

  private check(input: RegistrationDto, today: string): CheckedRegistration {
    const { woman, pregnancy } = input;
    const { documentNumber, oddSequence } = checkIdentity(woman, today, 'woman.');

    const problems: ErrorDetail[] = [
      ...checkBirthDate(woman.birthDate, pregnancy.registrationDate, 'woman.birthDate'),
      ...checkResidenceSince(woman.residenceSince, woman.birthDate, today, 'woman.residenceSince'),
      ...checkObstetricHistory(
        {
          gravidity: pregnancy.gravidity,
          parity: pregnancy.parity,
          previousCaesareans: pregnancy.previousCaesareans ?? 0,
        },
        'pregnancy',
      ),
      ...(pregnancy.ultrasound?.method
        ? checkScanMethod(
            pregnancy.ultrasound.method,
            pregnancy.ultrasound.gaDays,
            'pregnancy.ultrasound.method',
          )
        : []),
    ];
    if (pregnancy.registrationDate > today) {
      problems.push({
        field: 'pregnancy.registrationDate',
        rule: 'notFuture',
        message: 'pregnancy.registrationDate must not be after today',
      });
    }
    if (problems.length > 0) throw registrationInvalid(problems);

    const { dating, problems: datingProblems } = checkDating(
      pregnancy,
      pregnancy.registrationDate,
      today,
      'pregnancy',
    );
    if (!dating && datingProblems.some((p) => p.rule === 'required')) {
      throw datingEvidenceMissing(datingProblems);
    }
    if (!dating || datingProblems.length > 0) throw datingInconsistent(datingProblems);

    if (oddSequence && woman.confirmOddSequence !== true) {
      throw oddSequenceNeedsOverride('woman.confirmOddSequence');
    }
    return { documentNumber, oddSequence, dating };
  }

  private async findOrCreateWoman(
    manager: EntityManager,
    input: WomanInputDto,
    checked: CheckedIdentity,
    actor: Actor,
    prefix: string,
  ): Promise<FoundWoman> {
    const known = await this.lockKnownWoman(manager, input.documentType, checked.documentNumber);
    if (known) return this.reuseKnownWoman(manager, known, input, actor, prefix);

    const woman = manager.create(
      Woman,
      withBlindIndexes({
        ...typedDetails(input, checked.documentNumber),
        registeredFacilityId: actor.facilityId,
        oddSequenceConfirmed: checked.oddSequence,
      }),
    );
    try {
      woman.version = 1;
      woman.id = await insertRow(manager, Woman, woman);
    } catch (error) {
      // Registered a moment ago by another desk: her record exists now, so reuse it.
      if (!isDuplicateKeyError(error, 'uq_woman_document')) throw error;
      // A locking read sees the row the other desk just committed; a plain one would not.
      const registered = await this.lockKnownWoman(
        manager,
        input.documentType,
        checked.documentNumber,
        true,
      );
      if (!registered) throw error;
      return this.reuseKnownWoman(manager, registered, input, actor, prefix);
    }
    await this.audit.record(manager, {
      entity: 'woman',
      entityId: woman.id,
      action: 'create',
      after: pick(woman, WOMAN_AUDITED_FIELDS),
    });
    if (checked.oddSequence) {
      await this.audit.record(manager, {
        entity: 'woman',
        entityId: woman.id,
        action: 'override',
        after: { oddSequenceConfirmed: true, documentNumber: woman.documentNumber },
        reason: input.overrideReason ?? null,
      });
    }
    return { woman, existingWoman: false, heldElsewhere: false };
  }

  /**
   * Her record locked by primary key, if the document is known. Reading without a lock first
   * matters: a locking read of a missing row takes a gap lock, and two desks registering two new
   * women would then deadlock on their inserts. After a duplicate key the row exists, and only a
   * locking read (`lockingRead`) sees it.
   */
  private async lockKnownWoman(
    manager: EntityManager,
    documentType: Woman['documentType'],
    documentNumber: string,
    lockingRead = false,
  ): Promise<Woman | null> {
    const id = await findWomanIdByDocument(manager, documentType, documentNumber, lockingRead);
    if (id === null) return null;
    return manager.findOne(Woman, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Same document: the same person. Name and birth date must agree, with one answer whichever
   * facility holds her. A facility that may see her record brings her contact details up to date;
   * one that holds none of it changes nothing (see FoundWoman.heldElsewhere).
   */
  private async reuseKnownWoman(
    manager: EntityManager,
    known: Woman,
    input: WomanInputDto,
    actor: Actor,
    prefix: string,
  ): Promise<FoundWoman> {
    if (known.name !== input.name.trim() || known.birthDate !== input.birthDate) {
      throw documentIdentityMismatch(prefix);
    }
    // A record merged into another is that woman: her document still finds her.
    const woman =
      known.mergedIntoId === null
        ? known
        : await manager.findOneOrFail(Woman, {
            where: { id: known.mergedIntoId },
            lock: { mode: 'pessimistic_write' },
          });
    const visible = await isWomanVisibleToFacility(manager, woman, actor.facilityId);
    if (visible) await this.refreshContactDetails(manager, woman, input);
    return { woman, existingWoman: true, heldElsewhere: !visible };
  }

  private async refreshContactDetails(manager: EntityManager, known: Woman, input: WomanInputDto) {
    const incoming = Object.fromEntries(
      Object.entries(input).filter(([, value]) => value !== undefined),
    );
    const diff = diffOf(known, incoming, WOMAN_CONTACT_FIELDS);
    if (Object.keys(diff.after).length === 0) return;
    const changes = withBlindIndexes(diff.after);
    Object.assign(known, changes);
    await manager.update(Woman, known.id, { ...changes, version: () => 'version + 1' });
    known.version += 1;
    await this.audit.record(manager, {
      entity: 'woman',
      entityId: known.id,
      action: 'update',
      ...diff,
    });
  }

  private async createPregnancy(
    manager: EntityManager,
    input: RegistrationDto,
    woman: Woman,
    dating: Dating,
    actor: Actor,
  ): Promise<Pregnancy> {
    const { pregnancy: p } = input;
    const pregnancy = manager.create(Pregnancy, {
      womanId: woman.id,
      facilityId: actor.facilityId,
      registeringFacilityId: actor.facilityId,
      registrationDate: p.registrationDate,
      lmp: p.lmp ?? null,
      ultrasoundScanDate: p.ultrasound?.scanDate ?? null,
      ultrasoundGaDays: p.ultrasound?.gaDays ?? null,
      ivfTransferDate: p.ivf?.transferDate ?? null,
      ivfEmbryoAgeDays: p.ivf?.embryoAgeDays ?? null,
      edd: dating.edd,
      eddSource: dating.source,
      gravidity: p.gravidity,
      parity: p.parity,
      previousCaesareans: p.previousCaesareans ?? 0,
      fetusCount: p.fetusCount ?? 1,
      prePregnancyWeightKg: p.prePregnancyWeightKg ?? null,
      postpartumRegionCode: p.postpartumRegionCode ?? null,
      postpartumAddress: p.postpartumAddress ?? null,
      handbookNumber: p.handbookNumber ?? null,
      status: 'open',
      createdBy: actor.userId,
    });
    try {
      // Not read back: its defaults are the values set here (a new pregnancy is uncoloured).
      Object.assign(pregnancy, { riskPurple: false, version: 1 });
      pregnancy.id = await insertRow(manager, Pregnancy, pregnancy);
    } catch (error) {
      if (isDuplicateKeyError(error, 'uq_pregnancy_open_woman')) throw pregnancyAlreadyOpen();
      if (isDuplicateKeyError(error, 'uq_pregnancy_handbook'))
        throw handbookNumberTaken('pregnancy.handbookNumber');
      throw error;
    }
    await refreshOverdueFrom(manager, pregnancy.id);
    await this.episodes.startEpisode(manager, pregnancy, actor);
    await manager.insert(EddChange, {
      pregnancyId: pregnancy.id,
      oldEdd: null,
      newEdd: dating.edd,
      oldSource: null,
      newSource: dating.source,
      reason: 'registration',
      changedBy: actor.userId,
      changedAt: new Date(),
    });
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: pregnancy.id,
      action: 'create',
      after: pick(pregnancy, PREGNANCY_AUDITED_FIELDS),
    });
    if (p.ultrasound) {
      // The scan given at registration is her first: it takes part in the dating unless IVF does.
      await manager.insert(DatingScan, {
        pregnancyId: pregnancy.id,
        facilityId: actor.facilityId,
        scanDate: p.ultrasound.scanDate,
        method: p.ultrasound.method ?? defaultScanMethod(p.ultrasound.gaDays),
        gaDays: p.ultrasound.gaDays,
        usedForDating: dating.source !== 'ivf',
        notUsedReason: dating.source === 'ivf' ? 'ivf_dates' : null,
        note: null,
        createdBy: actor.userId,
      });
    }
    return pregnancy;
  }

  /**
   * Other women (other documents) with her name and birth date, or her phone. A match held by
   * other facilities only is flagged without its name or document.
   */
  private async flagPossibleDuplicates(
    manager: EntityManager,
    woman: Woman,
    actor: Actor,
  ): Promise<PossibleDuplicateDto[]> {
    const matches = await manager
      .createQueryBuilder(Woman, 'other')
      .select([
        'other.id',
        'other.name',
        'other.birthDate',
        'other.phoneIndex',
        'other.documentNumber',
      ])
      .where('other.id <> :id', { id: woman.id })
      .andWhere(
        '((other.name = :name AND other.birthDate = :birthDate) OR other.phoneIndex = :phoneIndex)',
        { name: woman.name, birthDate: woman.birthDate, phoneIndex: phoneIndexOf(woman.phone) },
      )
      .orderBy('other.id')
      .limit(MAX_DUPLICATES_FLAGGED)
      .getMany();
    const flags = matches.flatMap((other) =>
      reasonsToSuspect(woman, other).map((reason) => ({ other, reason })),
    );
    if (flags.length === 0) return [];

    const detectedAt = new Date();
    await manager
      .createQueryBuilder()
      .insert()
      .into(PossibleDuplicate)
      .values(
        flags.map(({ other, reason }) => ({
          womanId: woman.id,
          matchedWomanId: other.id,
          reason,
          facilityId: actor.facilityId,
          detectedAt,
        })),
      )
      .orIgnore()
      .execute();
    const stored = await manager.find(PossibleDuplicate, {
      where: flags.map(({ other, reason }) => ({
        womanId: woman.id,
        matchedWomanId: other.id,
        reason,
      })),
      order: { id: 'ASC' },
    });
    await this.merges.queueReviews(manager, stored, actor);
    const visible = await findVisibleWomanIds(
      manager,
      matches.map((other) => other.id),
      actor,
    );
    const byId = new Map(matches.map((other) => [other.id, other]));
    return stored.map((flag) =>
      mapPossibleDuplicate(
        flag,
        visible.has(flag.matchedWomanId) ? byId.get(flag.matchedWomanId)! : null,
      ),
    );
  }
}

function reasonsToSuspect(woman: Woman, other: Woman): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (other.name === woman.name && other.birthDate === woman.birthDate) {
    reasons.push('same_name_and_birth_date');
  }
  if (other.phoneIndex === woman.phoneIndex) reasons.push('same_phone');
  return reasons;
}
