import { EpisodeAccess } from '../episodes/episode-access';
import { DeliveryNoticesService } from '../episodes/delivery-notices.service';
import { EpisodesService } from '../episodes/episodes.service';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { episodesConfig } from '../../config';
import { attribute, type ResidenceFacts } from '../episodes/rules/residence';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { BreastfeedingFollowUp, PostpartumContact } from '../breastfeeding/breastfeeding.entities';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { readsSensitiveResults } from '../core/privacy/sensitive-results';
import { inActorFacility } from '../core/auth/facility-scope';
import { updateIfVersion } from '../core/database/versioned-update';
import { requireNotVoided, voidBlocked, voidIfVersion } from '../core/database/voids';
import { definedOnly, type VoidDto } from '../core/http/corrections.dto';
import type { ErrorDetail } from '../core/errors/domain.error';
import { HospitalClock } from '../core/time/hospital-clock';
import { ExposedInfantRecords } from '../pmtct/exposed-infant-records';
import { ExposedInfant, InfantFollowUp } from '../pmtct/pmtct.entities';
import { PregnanciesService } from '../women/pregnancies.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { findPregnancyForUpdate } from '../women/pregnancy.repository';
import { PREGNANCY_AUDITED_FIELDS } from '../women/registration.service';
import { pregnancyNotFound, pregnancyNotOpen } from '../women/women.errors';
import {
  BIRTH_DOSE_COLUMNS,
  Delivery,
  FeedingContraindication,
  FeedingEvent,
  Newborn,
  RESULT_CONTRAINDICATIONS,
  WITHHELD_CONTRAINDICATION,
} from './delivery.entities';
import {
  deliveryExists,
  deliveryInvalid,
  contraindicationNotFound,
  deliveryNotFound,
  feedingEventNotFound,
  newbornNotFound,
} from './delivery.errors';
import { mapDelivery, mapFeedingEvent, mapNewborn } from './delivery.mapper';
import { checkBirthDoseTime } from './rules/birth-doses';
import { meansNoIndication } from './rules/caesarean-indications';
import {
  BirthDoseInputDto,
  ContraindicationDto,
  DeliveryDto,
  EndEventDto,
  FeedingEventDto,
  FeedingEventRecordDto,
  NEWBORN_CORRECTED_FIELDS,
  NewbornDto,
  RecordDeliveryDto,
  UpdateContraindicationDto,
  UpdateDeliveryDto,
  UpdateFeedingEventDto,
  UpdateNewbornDto,
} from './dto/delivery.dto';

const DELIVERY_AUDITED_FIELDS = [
  'deliveredAt',
  'place',
  'mode',
  'caesareanIndication',
  'caesareanIndicationText',
  'isolationRoom',
  'complications',
  'bloodLossMl',
  'maternalOutcome',
  'motherDischargedAt',
  'residenceCategory',
  'attributedRegionCode',
  'attributionRule',
] as const;

const BIRTH_DOSE_AUDITED_FIELDS = [
  'hepBBirthDoseAt',
  'hepBBirthDoseBatch',
  'hepBBirthDoseGivenBy',
  'bcgAt',
  'bcgBatch',
  'bcgGivenBy',
] as const;

const NEWBORN_AUDITED_FIELDS = [
  ...NEWBORN_CORRECTED_FIELDS,
  'nicuAdmittedAt',
  'nicuReason',
  'diedAt',
  'deathCause',
  ...BIRTH_DOSE_AUDITED_FIELDS,
] as const;

const FEEDING_EVENT_AUDITED_FIELDS = [
  'startAt',
  'endAt',
  'detail',
  'medicalReason',
  'dischargeFeeding',
] as const;

const CONTRAINDICATION_AUDITED_FIELDS = ['kind', 'decidedBy', 'decidedOn', 'note'] as const;

const VOID_AUDITED_FIELDS = ['voidedAt', 'voidedBy', 'voidReason'] as const;

/** Only one of these per baby. */
const ONCE_PER_BABY = ['first_breastfeed', 'discharge'] as const;

const problem = (field: string, rule: string, message: string): ErrorDetail => ({
  field,
  rule,
  message,
});

/** 分娩与新生儿: the delivery, each baby, and the timed events of the stay. */
@Injectable()
export class DeliveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly pregnancies: PregnanciesService,
    private readonly exposedInfants: ExposedInfantRecords,
    private readonly access: EpisodeAccess,
    private readonly episodes: EpisodesService,
    private readonly notices: DeliveryNoticesService,
    @Inject(episodesConfig.KEY) private readonly config: ConfigType<typeof episodesConfig>,
  ) {}

  /**
   * Records the birth and every baby, and makes the pregnancy delivered, in one transaction. The
   * delivery and the babies are the recording facility's, which takes the delivering role.
   */
  async record(pregnancyId: number, input: RecordDeliveryDto, actor: Actor): Promise<DeliveryDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.access.pregnancy(
        manager,
        await manager.findOne(Pregnancy, {
          where: { id: pregnancyId },
          lock: { mode: 'pessimistic_write' },
        }),
        actor,
        () => pregnancyNotFound(pregnancyId),
      );
      if (await manager.existsBy(Delivery, { pregnancyId, voidedAt: IsNull() })) {
        throw deliveryExists();
      }
      if (pregnancy.status !== 'open') throw pregnancyNotOpen(pregnancy.status);
      this.checkDelivery(input, pregnancy);
      const residence = await this.residenceOf(manager, pregnancy.womanId);

      const delivery = await manager.save(
        manager.create(Delivery, {
          pregnancyId,
          facilityId: actor.facilityId,
          deliveredAt: input.deliveredAt,
          place: input.place,
          mode: input.mode,
          caesareanIndication: input.caesareanIndication ?? null,
          caesareanIndicationText: input.caesareanIndicationText ?? null,
          isolationRoom: input.isolationRoom ?? false,
          complications: input.complications ?? null,
          bloodLossMl: input.bloodLossMl ?? null,
          maternalOutcome: input.maternalOutcome,
          ...this.attributionOf(residence, input.deliveredAt),
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'delivery',
        entityId: delivery.id,
        action: 'create',
        after: { pregnancyId, ...pick(delivery, DELIVERY_AUDITED_FIELDS) },
      });
      for (const baby of input.babies) {
        const newborn = await manager.save(
          manager.create(Newborn, {
            deliveryId: delivery.id,
            pregnancyId,
            facilityId: actor.facilityId,
            birthOrder: baby.birthOrder,
            bornAt: baby.bornAt ?? input.deliveredAt,
            sex: baby.sex,
            birthWeightG: baby.birthWeightG,
            lengthCm: baby.lengthCm ?? null,
            apgar1: baby.apgar1 ?? null,
            apgar5: baby.apgar5 ?? null,
            vitalStatus: baby.vitalStatus,
            stillbirthTiming: baby.stillbirthTiming ?? null,
          }),
        );
        await this.audit.record(manager, {
          entity: 'newborn',
          entityId: newborn.id,
          action: 'create',
          after: { deliveryId: delivery.id, ...pick(newborn, NEWBORN_AUDITED_FIELDS) },
        });
      }
      // Planned records link to their babies; every live-born baby of a positive (or reactive)
      // mother gets its record now, twins included.
      await this.exposedInfants.followNewborns(manager, pregnancyId);
      await this.episodes.takeRole(manager, pregnancyId, actor, 'delivering');
      // The community centre of her 产休地 is told, to visit her at home (not after her death).
      if (input.maternalOutcome !== 'death') {
        await this.notices.send(
          manager,
          pregnancy,
          delivery.id,
          residence.residenceRegionCode,
          actor,
        );
      }
      await this.pregnancies.applyStatusChange(manager, pregnancy, {
        version: pregnancy.version,
        status: 'delivered',
        effectiveDate: this.clock.dateOf(input.deliveredAt),
        reason: `delivery recorded (${input.mode})`,
      });
      return delivery.id;
    });
    return this.view(id, actor);
  }

  async findByPregnancy(pregnancyId: number, actor: Actor): Promise<DeliveryDto> {
    const delivery = await this.access.record(
      this.dataSource.manager,
      await this.dataSource.getRepository(Delivery).findOneBy({ pregnancyId, voidedAt: IsNull() }),
      actor,
      () => deliveryNotFound(pregnancyId),
      'delivery',
      'after_birth',
    );
    return this.guardResults(await this.view(delivery.id, actor), actor);
  }

  /**
   * The mother's discharge, complications and blood loss as they become known, and corrections
   * (with a reason) of what was recorded at the birth, re-checked as a new delivery is. Derived
   * state follows: babies recorded at the delivery time move with it (and their exposed-baby
   * records), the pregnancy's outcome and status day follow the delivery day, and a delivery no
   * longer by caesarean loses its indication.
   */
  async update(id: number, input: UpdateDeliveryDto, actor: Actor): Promise<DeliveryDto> {
    const { version, reason, ...fields } = input;
    const changes = definedOnly(fields);
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(
        await manager.findOne(Delivery, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        actor,
        () => deliveryNotFound(id),
      );
      requireNotVoided(current, 'Delivery');
      const pregnancy = await manager.findOneOrFail(Pregnancy, {
        where: { id: current.pregnancyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (changes.mode && changes.mode !== 'caesarean') {
        changes.caesareanIndication = null;
        changes.caesareanIndicationText = null;
      } else if (
        changes.caesareanIndication !== undefined &&
        changes.caesareanIndication !== 'other' &&
        changes.caesareanIndicationText === undefined
      ) {
        changes.caesareanIndicationText = null;
      }
      const next = { ...current, ...changes };
      const problems = this.checkCaesarean(next, '');
      const now = new Date();
      const moved =
        changes.deliveredAt && changes.deliveredAt.getTime() !== current.deliveredAt.getTime();
      const newborns = moved
        ? await manager.find(Newborn, {
            where: { deliveryId: id, voidedAt: IsNull() },
            lock: { mode: 'pessimistic_write' },
          })
        : [];
      if (moved) {
        problems.push(...this.checkDeliveryTime(next.deliveredAt, pregnancy, now));
        const deliveredOn = this.clock.dateOf(next.deliveredAt);
        const earlierContacts = await manager.find(PostpartumContact, {
          where: { pregnancyId: current.pregnancyId, contactDate: LessThan(deliveredOn) },
          order: { contactDate: 'ASC', id: 'ASC' },
        });
        for (const contact of earlierContacts) {
          problems.push(
            problem(
              'deliveredAt',
              'beforeRecords',
              `the postpartum contact ${contact.id} on ${contact.contactDate} would precede the delivery`,
            ),
          );
        }
        for (const newborn of newborns) {
          const bornAt = this.movedBirthTime(newborn, current, next);
          if (bornAt < next.deliveredAt) {
            problems.push(
              problem(
                'deliveredAt',
                'notAfterBirth',
                `baby ${newborn.birthOrder} was born at ${newborn.bornAt.toISOString()}, before the corrected delivery time`,
              ),
            );
          } else if (bornAt !== newborn.bornAt) {
            problems.push(
              ...(await this.checkBirthTimeAgainstRecords(manager, newborn, bornAt, 'deliveredAt')),
            );
          }
        }
      }
      if (
        next.motherDischargedAt &&
        (next.motherDischargedAt < next.deliveredAt || next.motherDischargedAt > now)
      ) {
        problems.push(
          problem(
            'motherDischargedAt',
            'afterDelivery',
            'motherDischargedAt must be between the delivery and now',
          ),
        );
      }
      if (problems.length > 0) throw deliveryInvalid(problems);
      if (moved) {
        const residence = await this.residenceOf(manager, pregnancy.womanId);
        Object.assign(changes, this.attributionOf(residence, next.deliveredAt));
      }
      await updateIfVersion(manager, Delivery, id, version, changes);
      await this.audit.record(manager, {
        entity: 'delivery',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, DELIVERY_AUDITED_FIELDS),
        reason: reason ?? null,
      });
      if ('motherDischargedAt' in changes) {
        await this.notices.followDischarge(manager, id, next.motherDischargedAt);
      }
      if (!moved) return;
      for (const newborn of newborns) {
        const bornAt = this.movedBirthTime(newborn, current, next);
        if (bornAt !== newborn.bornAt) {
          await this.correctBirthTime(
            manager,
            newborn,
            bornAt,
            `delivery time corrected: ${reason}`,
          );
        }
      }
      await this.followDeliveryDay(
        manager,
        pregnancy,
        current.deliveredAt,
        next.deliveredAt,
        reason,
      );
    });
    return this.view(id, actor);
  }

  /** Where she lives and her 户籍, as her delivery's attribution reads them. */
  private async residenceOf(
    manager: EntityManager,
    womanId: number,
  ): Promise<Omit<ResidenceFacts, 'deliveredOn'>> {
    const [woman] = await manager.query<
      Array<{
        document_type: string;
        hukou_region_code: string | null;
        residence_region_code: string;
        residence_since: string | Date | null;
      }>
    >(
      'SELECT document_type, hukou_region_code, residence_region_code, residence_since FROM woman WHERE id = ?',
      [womanId],
    );
    const since = woman.residence_since;
    return {
      documentType: woman.document_type,
      hukouRegionCode: woman.hukou_region_code,
      residenceRegionCode: woman.residence_region_code,
      residenceSince: since instanceof Date ? since.toISOString().slice(0, 10) : since,
    };
  }

  /**
   * Her residence category and the region district indicators count her in, by the rule of the
   * province she lives in, on the day she delivered (episodes/rules/residence).
   */
  private attributionOf(
    residence: Omit<ResidenceFacts, 'deliveredOn'>,
    deliveredAt: Date,
  ): Pick<Delivery, 'residenceCategory' | 'attributedRegionCode' | 'attributionRule'> {
    const attribution = attribute(
      { ...residence, deliveredOn: this.clock.dateOf(deliveredAt) },
      this.config.attribution,
    );
    return {
      residenceCategory: attribution.category,
      attributedRegionCode: attribution.regionCode,
      attributionRule: attribution.rule,
    };
  }

  /** A baby recorded at the delivery time (the default) moves with a corrected delivery time. */
  private movedBirthTime(newborn: Newborn, before: Delivery, after: Delivery): Date {
    return newborn.bornAt.getTime() === before.deliveredAt.getTime()
      ? after.deliveredAt
      : newborn.bornAt;
  }

  /** The pregnancy's outcome day, and its status day while delivered, follow the delivery day. */
  private async followDeliveryDay(
    manager: EntityManager,
    pregnancy: Pregnancy,
    before: Date,
    after: Date,
    reason: string | undefined,
  ): Promise<void> {
    const [oldDay, newDay] = [this.clock.dateOf(before), this.clock.dateOf(after)];
    if (oldDay === newDay) return;
    const changes: Partial<Pick<Pregnancy, 'outcomeDate' | 'statusDate'>> = {};
    if (pregnancy.outcomeDate === oldDay) changes.outcomeDate = newDay;
    if (pregnancy.status === 'delivered' && pregnancy.statusDate === oldDay) {
      changes.statusDate = newDay;
    }
    if (Object.keys(changes).length === 0) return;
    await updateIfVersion(manager, Pregnancy, pregnancy.id, pregnancy.version, changes);
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: pregnancy.id,
      action: 'update',
      ...diffOf(pregnancy, changes, PREGNANCY_AUDITED_FIELDS),
      reason: `delivery time corrected: ${reason}`,
    });
  }

  /** A baby's birth time corrected, with its exposed-baby record timed from the same birth. */
  private async correctBirthTime(
    manager: EntityManager,
    newborn: Newborn,
    bornAt: Date,
    reason: string,
  ): Promise<void> {
    await updateIfVersion(manager, Newborn, newborn.id, newborn.version, { bornAt });
    await this.audit.record(manager, {
      entity: 'newborn',
      entityId: newborn.id,
      action: 'update',
      ...diffOf(newborn, { bornAt }, ['bornAt']),
      reason,
      facilityId: newborn.facilityId,
    });
    await this.followExposedInfant(manager, newborn, { bornAt }, reason);
  }

  /**
   * The exposed-baby record of a baby whose birth time or order was corrected: the time it was
   * given from the newborn follows; one recorded on its own (planned before the birth) stays.
   */
  private async followExposedInfant(
    manager: EntityManager,
    newborn: Newborn,
    changes: { bornAt?: Date; birthOrder?: number },
    reason: string,
  ): Promise<void> {
    const record = await manager.findOneBy(ExposedInfant, { newbornId: newborn.id });
    if (!record) return;
    const follows: { bornAt?: Date; birthOrder?: number } = {};
    if (changes.bornAt && record.bornAt?.getTime() === newborn.bornAt.getTime()) {
      follows.bornAt = changes.bornAt;
    }
    if (changes.birthOrder !== undefined) follows.birthOrder = changes.birthOrder;
    if (Object.keys(follows).length === 0) return;
    await manager.update(ExposedInfant, record.id, follows);
    await this.audit.record(manager, {
      entity: 'exposed_infant',
      entityId: record.id,
      action: 'update',
      ...diffOf(record, follows, ['bornAt', 'birthOrder']),
      reason,
      facilityId: newborn.facilityId,
    });
  }

  /**
   * A birth time must come before everything recorded of the baby: feeding events, the
   * contraindication day, NICU admission, death and the birth doses.
   */
  private async checkBirthTimeAgainstRecords(
    manager: EntityManager,
    newborn: Newborn,
    bornAt: Date,
    field: string,
  ): Promise<ErrorDetail[]> {
    const day = this.clock.dateOf(bornAt);
    const [events, contraindications, followUps] = await Promise.all([
      manager.find(FeedingEvent, { where: { newbornId: newborn.id, voidedAt: IsNull() } }),
      manager.find(FeedingContraindication, {
        where: { newbornId: newborn.id, voidedAt: IsNull() },
      }),
      manager.find(BreastfeedingFollowUp, {
        where: { newbornId: newborn.id, followedUpOn: LessThan(day) },
      }),
    ]);
    const times = [
      ...events.map((e) => ({ what: `${e.kind} ${e.id}`, at: e.startAt })),
      { what: 'NICU admission', at: newborn.nicuAdmittedAt },
      { what: 'death', at: newborn.diedAt },
      { what: 'hepatitis B birth dose', at: newborn.hepBBirthDoseAt },
      { what: 'BCG', at: newborn.bcgAt },
    ];
    const problems = times
      .filter((t): t is { what: string; at: Date } => t.at !== null && t.at < bornAt)
      .map((t) =>
        problem(
          field,
          'beforeRecords',
          `the ${t.what} at ${t.at.toISOString()} would precede the birth`,
        ),
      );
    for (const c of contraindications.filter((c) => c.decidedOn < day)) {
      problems.push(
        problem(field, 'beforeRecords', `contraindication ${c.id} was decided on ${c.decidedOn}`),
      );
    }
    for (const f of followUps) {
      problems.push(
        problem(
          field,
          'beforeRecords',
          `the feeding follow-up ${f.id} was made on ${f.followedUpOn}`,
        ),
      );
    }
    return problems;
  }

  async newborn(id: number, actor: Actor): Promise<NewbornDto> {
    const [view] = await this.guardNewborns([await this.ownNewborn(id, actor)], actor);
    return view;
  }

  /**
   * The baby as recorded, unguarded: for newborn() to guard, and as the answer to a write, which
   * only the clinical roles make and which is audited as the write.
   */
  private async ownNewborn(id: number, actor: Actor): Promise<NewbornDto> {
    const newborn = await this.access.record(
      this.dataSource.manager,
      await this.dataSource.getRepository(Newborn).findOneBy({ id }),
      actor,
      () => newbornNotFound(id),
      undefined,
      'after_birth',
    );
    return this.newbornView(newborn);
  }

  private async guardResults(delivery: DeliveryDto, actor: Actor): Promise<DeliveryDto> {
    return { ...delivery, newborns: await this.guardNewborns(delivery.newborns, actor) };
  }

  /**
   * A contraindication stating the mother's HIV result is shown to the clinical roles, each such
   * read audited; the others see that a contraindication was recorded, as 'withheld'.
   */
  private async guardNewborns(newborns: NewbornDto[], actor: Actor): Promise<NewbornDto[]> {
    const isResult = (kind: string) => RESULT_CONTRAINDICATIONS.includes(kind);
    const shown = newborns.filter((n) => n.contraindicationRecords?.some((r) => isResult(r.kind)));
    if (shown.length === 0) return newborns;
    if (!readsSensitiveResults(actor)) {
      const masked = (kind: string) => (isResult(kind) ? WITHHELD_CONTRAINDICATION : kind);
      return newborns.map((n) => ({
        ...n,
        contraindicationRecords: n.contraindicationRecords?.map((r) => ({
          ...r,
          kind: masked(r.kind),
        })),
        feedingFlags: n.feedingFlags && {
          ...n.feedingFlags,
          contraindications: n.feedingFlags.contraindications.map(masked),
        },
      }));
    }
    for (const newborn of shown) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'newborn',
        entityId: newborn.id,
        action: 'view_sensitive',
        after: {
          view: 'newborn',
          contraindications: newborn.contraindicationRecords!.map((r) => r.kind),
        },
        facilityId: actor.facilityId,
      });
    }
    return newborns;
  }

  /**
   * NICU admission and death as they happen, and corrections (with a reason) of what was recorded
   * at the birth, re-checked as at the delivery: the birth time between the delivery and now and
   * before everything recorded of the baby, a stillbirth with its timing and no stay records, a
   * birth order of its own. Its exposed-baby record follows; a baby corrected to live-born gets one
   * when the mother's results call for it.
   */
  async updateNewborn(id: number, input: UpdateNewbornDto, actor: Actor): Promise<NewbornDto> {
    const { version, reason, ...fields } = input;
    const changes = definedOnly(fields);
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(
        await manager.findOne(Newborn, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        actor,
        () => newbornNotFound(id),
      );
      // Her lock before any plain read: a result recorded meanwhile must be seen when a baby
      // corrected to live-born is given its exposed-baby record.
      await findPregnancyForUpdate(manager, current.pregnancyId);
      requireNotVoided(current, 'Newborn');
      const corrections: Partial<Newborn> = { ...changes };
      if (changes.vitalStatus === 'live_birth') corrections.stillbirthTiming = null;
      const next = { ...current, ...corrections };
      const problems: ErrorDetail[] = [];
      const now = new Date();
      for (const field of ['nicuAdmittedAt', 'diedAt'] as const) {
        const at = changes[field];
        if (at && at < next.bornAt)
          problems.push(problem(field, 'afterBirth', `${field} must not be before the birth`));
        if (at && at > now)
          problems.push(problem(field, 'notFuture', `${field} must not be in the future`));
      }
      if (next.vitalStatus === 'stillbirth' && (changes.nicuAdmittedAt || changes.diedAt)) {
        problems.push(
          problem(
            'vitalStatus',
            'liveBirthOnly',
            'a stillborn baby has no NICU admission or neonatal death',
          ),
        );
      }
      problems.push(...(await this.checkNewbornCorrection(manager, current, next, changes, now)));
      if (problems.length > 0) throw deliveryInvalid(problems);
      await updateIfVersion(manager, Newborn, id, version, corrections);
      await this.audit.record(manager, {
        entity: 'newborn',
        entityId: id,
        action: 'update',
        ...diffOf(current, corrections, NEWBORN_AUDITED_FIELDS),
        reason: reason ?? null,
      });
      const movedAt = changes.bornAt && changes.bornAt.getTime() !== current.bornAt.getTime();
      const reordered =
        changes.birthOrder !== undefined && changes.birthOrder !== current.birthOrder;
      if (movedAt || reordered) {
        await this.followExposedInfant(
          manager,
          current,
          {
            ...(movedAt ? { bornAt: changes.bornAt } : {}),
            ...(reordered ? { birthOrder: changes.birthOrder } : {}),
          },
          `newborn corrected: ${reason}`,
        );
      }
      if (current.vitalStatus !== 'live_birth' && next.vitalStatus === 'live_birth') {
        await this.exposedInfants.followNewborns(manager, current.pregnancyId);
      }
    });
    return this.ownNewborn(id, actor);
  }

  private async checkNewbornCorrection(
    manager: EntityManager,
    current: Newborn,
    next: Newborn,
    changes: Partial<Newborn>,
    now: Date,
  ): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    if (changes.bornAt && changes.bornAt.getTime() !== current.bornAt.getTime()) {
      const delivery = await manager.findOneByOrFail(Delivery, { id: current.deliveryId });
      if (changes.bornAt < delivery.deliveredAt || changes.bornAt > now) {
        problems.push(
          problem('bornAt', 'afterDelivery', 'bornAt must be between the delivery time and now'),
        );
      }
      problems.push(
        ...(await this.checkBirthTimeAgainstRecords(manager, next, changes.bornAt, 'bornAt')),
      );
    }
    if ((next.vitalStatus === 'stillbirth') !== (next.stillbirthTiming !== null)) {
      problems.push(
        problem(
          'stillbirthTiming',
          'stillbirthOnly',
          'stillbirthTiming is given for a stillbirth, and only then',
        ),
      );
    }
    if (current.vitalStatus === 'live_birth' && next.vitalStatus === 'stillbirth') {
      const [events, contraindications] = await Promise.all([
        manager.countBy(FeedingEvent, { newbornId: current.id, voidedAt: IsNull() }),
        manager.countBy(FeedingContraindication, { newbornId: current.id, voidedAt: IsNull() }),
      ]);
      const doses = [
        current.hepBBirthDoseAt,
        current.bcgAt,
        current.nicuAdmittedAt,
        current.diedAt,
      ];
      if (events + contraindications > 0 || doses.some((at) => at !== null)) {
        problems.push(
          problem(
            'vitalStatus',
            'noLiveBirthRecords',
            'a stillbirth has no feeding, doses, NICU or death: void or correct those records first',
          ),
        );
      }
    }
    if (changes.birthOrder !== undefined && changes.birthOrder !== current.birthOrder) {
      const taken = await manager.existsBy(Newborn, {
        deliveryId: current.deliveryId,
        birthOrder: changes.birthOrder,
        voidedAt: IsNull(),
      });
      if (taken) {
        problems.push(problem('birthOrder', 'unique', 'each baby has its own birth order'));
      }
    }
    return problems;
  }

  /** Records or corrects a birth dose (hepatitis B or BCG) of a live-born baby, audited. */
  async recordBirthDose(id: number, input: BirthDoseInputDto, actor: Actor): Promise<NewbornDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.liveNewborn(manager, id, actor, 'birth doses');
      const problems = checkBirthDoseTime(input.givenAt, current, new Date());
      if (problems.length > 0) throw deliveryInvalid(problems);
      const columns = BIRTH_DOSE_COLUMNS[input.vaccine];
      const changes = {
        [columns.at]: input.givenAt,
        [columns.batch]: input.batchNumber,
        [columns.givenBy]: input.givenBy,
      };
      await updateIfVersion(manager, Newborn, id, input.version, changes);
      await this.audit.record(manager, {
        entity: 'newborn',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, BIRTH_DOSE_AUDITED_FIELDS),
        facilityId: current.facilityId,
      });
    });
    return this.ownNewborn(id, actor);
  }

  async addFeedingEvent(
    newbornId: number,
    input: FeedingEventDto,
    actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      const newborn = await this.liveNewborn(manager, newbornId, actor);
      const events = await manager.find(FeedingEvent, {
        where: { newbornId, voidedAt: IsNull() },
      });
      this.checkEvent(input, newborn, events);
      const event = await manager.save(
        manager.create(FeedingEvent, {
          newbornId,
          facilityId: newborn.facilityId,
          kind: input.kind,
          startAt: input.startAt,
          endAt: input.endAt ?? null,
          detail: input.detail ?? null,
          medicalReason: input.medicalReason ?? null,
          dischargeFeeding: input.dischargeFeeding ?? null,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'feeding_event',
        entityId: event.id,
        action: 'create',
        after: { newbornId, ...input },
        facilityId: newborn.facilityId,
      });
      return mapFeedingEvent(event);
    });
  }

  /** Ends a skin-to-skin contact or a separation that was recorded as still going. */
  async endFeedingEvent(
    eventId: number,
    input: EndEventDto,
    actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      const event = inActorFacility(
        await manager.findOneBy(FeedingEvent, { id: eventId }),
        actor,
        () => feedingEventNotFound(eventId),
      );
      requireNotVoided(event, 'Feeding event');
      if (!['skin_to_skin', 'separation'].includes(event.kind)) {
        throw deliveryInvalid([
          problem('endAt', 'hasDuration', 'only skin-to-skin and separations have an end'),
        ]);
      }
      if (input.endAt < event.startAt || input.endAt > new Date()) {
        throw deliveryInvalid([
          problem('endAt', 'afterStart', 'endAt must be between the start and now'),
        ]);
      }
      await updateIfVersion(manager, FeedingEvent, eventId, input.version, { endAt: input.endAt });
      await this.audit.record(manager, {
        entity: 'feeding_event',
        entityId: eventId,
        action: 'update',
        ...diffOf(event, { endAt: input.endAt }, ['endAt']),
      });
      return mapFeedingEvent({ ...event, endAt: input.endAt, version: event.version + 1 });
    });
  }

  /**
   * A correction of a feeding event (with a reason), re-checked as a new one is against the baby's
   * other events that are not voided.
   */
  async updateFeedingEvent(
    eventId: number,
    input: UpdateFeedingEventDto,
    actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    const { version, reason, ...fields } = input;
    const changes = definedOnly(fields);
    return this.dataSource.transaction(async (manager) => {
      const event = await this.ownFeedingEvent(manager, eventId, actor);
      requireNotVoided(event, 'Feeding event');
      const newborn = await this.liveNewborn(manager, event.newbornId, actor);
      const others = await manager.find(FeedingEvent, {
        where: { newbornId: event.newbornId, voidedAt: IsNull() },
      });
      const next = { ...event, ...changes };
      this.checkEvent(
        {
          kind: next.kind,
          startAt: next.startAt,
          endAt: next.endAt ?? undefined,
          detail: next.detail ?? undefined,
          medicalReason: next.medicalReason ?? undefined,
          dischargeFeeding: next.dischargeFeeding ?? undefined,
        },
        newborn,
        others.filter((other) => other.id !== eventId),
      );
      await updateIfVersion(manager, FeedingEvent, eventId, version, changes);
      await this.audit.record(manager, {
        entity: 'feeding_event',
        entityId: eventId,
        action: 'update',
        ...diffOf(event, changes, FEEDING_EVENT_AUDITED_FIELDS),
        reason,
        facilityId: event.facilityId,
      });
      return mapFeedingEvent({ ...next, version: event.version + 1 });
    });
  }

  /** Voids a feeding event: it stays, shown as voided, and counts in no flag or indicator. */
  async voidFeedingEvent(
    eventId: number,
    input: VoidDto,
    actor: Actor,
  ): Promise<FeedingEventRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.ownFeedingEvent(manager, eventId, actor);
      const flags = await voidIfVersion(
        manager,
        FeedingEvent,
        event,
        'Feeding event',
        input.version,
        input.reason,
        actor.userId,
      );
      await this.audit.record(manager, {
        entity: 'feeding_event',
        entityId: eventId,
        action: 'void',
        ...diffOf(event, flags, VOID_AUDITED_FIELDS),
        reason: input.reason,
        facilityId: event.facilityId,
      });
      return mapFeedingEvent({ ...event, ...flags, version: event.version + 1 });
    });
  }

  private async ownFeedingEvent(
    manager: EntityManager,
    id: number,
    actor: Actor,
  ): Promise<FeedingEvent> {
    return inActorFacility(
      await manager.findOne(FeedingEvent, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      actor,
      () => feedingEventNotFound(id),
    );
  }

  /** A correction of a contraindication (with a reason), its day re-checked as at recording. */
  async updateContraindication(
    id: number,
    input: UpdateContraindicationDto,
    actor: Actor,
  ): Promise<NewbornDto> {
    const { version, reason, ...fields } = input;
    const changes = definedOnly(fields);
    const newbornId = await this.dataSource.transaction(async (manager) => {
      const { row, newborn } = await this.ownContraindication(manager, id, actor);
      requireNotVoided(row, 'Contraindication');
      const decidedOn = changes.decidedOn ?? row.decidedOn;
      this.checkDecidedOn(decidedOn, newborn);
      await updateIfVersion(manager, FeedingContraindication, id, version, changes);
      await this.audit.record(manager, {
        entity: 'feeding_contraindication',
        entityId: id,
        action: 'update',
        ...diffOf(row, changes, CONTRAINDICATION_AUDITED_FIELDS),
        reason,
        facilityId: newborn.facilityId,
      });
      return newborn.id;
    });
    return this.ownNewborn(newbornId, actor);
  }

  /** Voids a contraindication: the baby is no longer excluded from BF-01..05 by it. */
  async voidContraindication(id: number, input: VoidDto, actor: Actor): Promise<NewbornDto> {
    const newbornId = await this.dataSource.transaction(async (manager) => {
      const { row, newborn } = await this.ownContraindication(manager, id, actor);
      const flags = await voidIfVersion(
        manager,
        FeedingContraindication,
        row,
        'Contraindication',
        input.version,
        input.reason,
        actor.userId,
      );
      await this.audit.record(manager, {
        entity: 'feeding_contraindication',
        entityId: id,
        action: 'void',
        ...diffOf(row, flags, VOID_AUDITED_FIELDS),
        reason: input.reason,
        facilityId: newborn.facilityId,
      });
      return newborn.id;
    });
    return this.ownNewborn(newbornId, actor);
  }

  /** A contraindication of a baby of the caller's facility, locked. */
  private async ownContraindication(
    manager: EntityManager,
    id: number,
    actor: Actor,
  ): Promise<{ row: FeedingContraindication; newborn: Newborn }> {
    const row = await manager.findOne(FeedingContraindication, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    const newborn = inActorFacility(
      row ? await manager.findOneBy(Newborn, { id: row.newbornId }) : null,
      actor,
      () => contraindicationNotFound(id),
    );
    return { row: row!, newborn };
  }

  private checkDecidedOn(decidedOn: string, newborn: Newborn): void {
    if (decidedOn < this.clock.dateOf(newborn.bornAt) || decidedOn > this.clock.today()) {
      throw deliveryInvalid([
        problem('decidedOn', 'afterBirth', 'decidedOn must be between the birth and today'),
      ]);
    }
  }

  async addContraindication(
    newbornId: number,
    input: ContraindicationDto,
    actor: Actor,
  ): Promise<NewbornDto> {
    await this.dataSource.transaction(async (manager) => {
      const newborn = await this.liveNewborn(manager, newbornId, actor);
      this.checkDecidedOn(input.decidedOn, newborn);
      const row = await manager.save(
        manager.create(FeedingContraindication, {
          ...input,
          note: input.note ?? null,
          newbornId,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'feeding_contraindication',
        entityId: row.id,
        action: 'create',
        after: { newbornId, ...input },
        facilityId: newborn.facilityId,
      });
    });
    return this.ownNewborn(newbornId, actor);
  }

  /**
   * Voids a delivery recorded in error (on the wrong woman, say), with its babies: the rows stay,
   * flagged, and leave every count, and the pregnancy is open again so the right delivery can be
   * recorded. Refused while the mother's postpartum contacts or any baby's later records stand
   * (void or correct those first), and when the pregnancy moved on from delivered.
   */
  async voidDelivery(id: number, input: VoidDto, actor: Actor): Promise<DeliveryDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(
        await manager.findOne(Delivery, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        actor,
        () => deliveryNotFound(id),
      );
      requireNotVoided(current, 'Delivery');
      const pregnancy = await manager.findOneOrFail(Pregnancy, {
        where: { id: current.pregnancyId },
        lock: { mode: 'pessimistic_write' },
      });
      const newborns = await manager.find(Newborn, {
        where: { deliveryId: id, voidedAt: IsNull() },
        order: { birthOrder: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const blockers: ErrorDetail[] = [];
      const contacts = await manager.find(PostpartumContact, {
        where: { pregnancyId: current.pregnancyId },
        order: { contactDate: 'ASC', id: 'ASC' },
      });
      for (const contact of contacts) {
        blockers.push(
          problem(
            'id',
            'noDependentRecords',
            `the postpartum contact ${contact.id} on ${contact.contactDate} stands on this delivery`,
          ),
        );
      }
      for (const newborn of newborns) {
        blockers.push(...(await this.newbornVoidBlockers(manager, newborn)));
      }
      if (blockers.length > 0) throw voidBlocked('Delivery', id, blockers);
      const why = `delivery ${id} voided: ${input.reason}`;
      await this.pregnancies.reopenAfterVoidedDelivery(manager, pregnancy, why);
      await this.notices.cancel(manager, id);
      const flags = await voidIfVersion(
        manager,
        Delivery,
        current,
        'Delivery',
        input.version,
        input.reason,
        actor.userId,
      );
      await this.audit.record(manager, {
        entity: 'delivery',
        entityId: id,
        action: 'void',
        ...diffOf(current, flags, VOID_AUDITED_FIELDS),
        reason: input.reason,
        facilityId: current.facilityId,
      });
      for (const newborn of newborns) {
        await this.voidOneNewborn(manager, newborn, newborn.version, why, actor);
      }
    });
    return this.view(id, actor);
  }

  /**
   * Voids a baby entered in error (twice, or with the wrong delivery): the row stays, flagged, and
   * leaves every count and worklist. Refused while records of the baby stand (feeding events,
   * contraindications, feeding follow-ups, an exposed-baby record with doses or follow-ups).
   */
  async voidNewborn(id: number, input: VoidDto, actor: Actor): Promise<NewbornDto> {
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(
        await manager.findOne(Newborn, { where: { id }, lock: { mode: 'pessimistic_write' } }),
        actor,
        () => newbornNotFound(id),
      );
      requireNotVoided(current, 'Newborn');
      const blockers = await this.newbornVoidBlockers(manager, current);
      if (blockers.length > 0) throw voidBlocked('Newborn', id, blockers);
      await this.voidOneNewborn(manager, current, input.version, input.reason, actor);
    });
    return this.ownNewborn(id, actor);
  }

  /** The records that stand on a baby and keep it from being voided, each named. */
  private async newbornVoidBlockers(
    manager: EntityManager,
    newborn: Newborn,
  ): Promise<ErrorDetail[]> {
    const where = { newbornId: newborn.id };
    const [events, contraindications, followUps, infant] = await Promise.all([
      manager.find(FeedingEvent, { where: { ...where, voidedAt: IsNull() }, order: { id: 'ASC' } }),
      manager.find(FeedingContraindication, {
        where: { ...where, voidedAt: IsNull() },
        order: { id: 'ASC' },
      }),
      manager.find(BreastfeedingFollowUp, { where, order: { id: 'ASC' } }),
      manager.findOneBy(ExposedInfant, where),
    ]);
    const baby = `baby ${newborn.birthOrder}`;
    const blocker = (record: string) =>
      problem('id', 'noDependentRecords', `${record} of ${baby} is not voided`);
    const blockers = [
      ...events.map((e) => blocker(`the feeding event ${e.id} (${e.kind})`)),
      ...contraindications.map((c) => blocker(`the contraindication ${c.id}`)),
      ...followUps.map((f) =>
        problem('id', 'noDependentRecords', `the feeding follow-up ${f.id} of ${baby} stands`),
      ),
    ];
    if (infant && (await this.exposedInfantHoldsCare(manager, infant))) {
      blockers.push(
        problem(
          'id',
          'noDependentRecords',
          `the exposed-baby record ${infant.id} of ${baby} holds prophylaxis, doses or follow-ups`,
        ),
      );
    }
    return blockers;
  }

  /** Anything given or seen on an exposed-baby record: it then outlives no void of its baby. */
  private async exposedInfantHoldsCare(
    manager: EntityManager,
    infant: ExposedInfant,
  ): Promise<boolean> {
    const given = [
      infant.hivProphylaxisStartedAt,
      infant.hbigAt,
      infant.syphilisProphylaxisAt,
      infant.feedingChoice,
    ];
    return (
      given.some((value) => value !== null) ||
      manager.existsBy(InfantFollowUp, { infantId: infant.id })
    );
  }

  /**
   * Flags one baby voided, audited; its exposed-baby record, which holds nothing given yet
   * (newbornVoidBlockers), goes with it, so no alarm calls for a baby that was never born.
   */
  private async voidOneNewborn(
    manager: EntityManager,
    newborn: Newborn,
    version: number,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    const flags = await voidIfVersion(
      manager,
      Newborn,
      newborn,
      'Newborn',
      version,
      reason,
      actor.userId,
    );
    await this.audit.record(manager, {
      entity: 'newborn',
      entityId: newborn.id,
      action: 'void',
      ...diffOf(newborn, flags, VOID_AUDITED_FIELDS),
      reason,
      facilityId: newborn.facilityId,
    });
    const infant = await manager.findOneBy(ExposedInfant, { newbornId: newborn.id });
    if (!infant) return;
    await manager.delete(ExposedInfant, infant.id);
    await this.audit.record(manager, {
      entity: 'exposed_infant',
      entityId: infant.id,
      action: 'delete',
      before: {
        pregnancyId: infant.pregnancyId,
        newbornId: newborn.id,
        birthOrder: infant.birthOrder,
      },
      reason: `newborn ${newborn.id} voided: ${reason}`,
      facilityId: infant.facilityId,
    });
  }

  private async view(deliveryId: number, actor: Actor): Promise<DeliveryDto> {
    const manager = this.dataSource.manager;
    const delivery = await this.access.record(
      manager,
      await manager.findOneBy(Delivery, { id: deliveryId }),
      actor,
      () => deliveryNotFound(deliveryId),
      undefined,
      'after_birth',
    );
    const pregnancy = await manager.findOneByOrFail(Pregnancy, { id: delivery.pregnancyId });
    const newborns = await manager.find(Newborn, {
      where: { deliveryId },
      order: { birthOrder: 'ASC' },
    });
    return mapDelivery(
      delivery,
      pregnancy.edd,
      this.clock.dateOf(delivery.deliveredAt),
      await Promise.all(newborns.map((n) => this.newbornView(n))),
    );
  }

  private async newbornView(newborn: Newborn): Promise<NewbornDto> {
    const [events, contraindications] = await Promise.all([
      this.dataSource
        .getRepository(FeedingEvent)
        .find({ where: { newbornId: newborn.id }, order: { startAt: 'ASC', id: 'ASC' } }),
      this.dataSource
        .getRepository(FeedingContraindication)
        .find({ where: { newbornId: newborn.id } }),
    ]);
    return mapNewborn(newborn, this.clock, events, contraindications, new Date());
  }

  private async liveNewborn(
    manager: EntityManager,
    id: number,
    actor: Actor,
    what = 'feeding',
  ): Promise<Newborn> {
    // Locked: a void of the baby waits for what is being recorded of it, and then sees it.
    const newborn = await this.access.record(
      manager,
      await manager.findOne(Newborn, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      actor,
      () => newbornNotFound(id),
      undefined,
      'after_birth',
    );
    requireNotVoided(newborn, 'Newborn');
    if (newborn.vitalStatus !== 'live_birth') {
      throw deliveryInvalid([
        problem('newbornId', 'liveBirthOnly', `${what} are recorded for live-born babies`),
      ]);
    }
    return newborn;
  }

  /** The delivery time: not in the future, not before the pregnancy was registered. */
  private checkDeliveryTime(deliveredAt: Date, pregnancy: Pregnancy, now: Date): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    if (deliveredAt > now)
      problems.push(problem('deliveredAt', 'notFuture', 'deliveredAt must not be in the future'));
    if (this.clock.dateOf(deliveredAt) < pregnancy.registrationDate) {
      problems.push(
        problem(
          'deliveredAt',
          'notBeforeRegistration',
          `deliveredAt must not be before the registration date ${pregnancy.registrationDate}`,
        ),
      );
    }
    return problems;
  }

  /**
   * An indication for a caesarean only; `other` with its text, and no text saying "none" (the
   * absence of an indication is recorded as no indication).
   */
  private checkCaesarean(
    delivery: Pick<Delivery, 'mode' | 'caesareanIndication' | 'caesareanIndicationText'>,
    prefix: string,
  ): ErrorDetail[] {
    const problems: ErrorDetail[] = [];
    const { mode, caesareanIndication: code, caesareanIndicationText: text } = delivery;
    if (mode !== 'caesarean' && (code || text)) {
      problems.push(
        problem(
          `${prefix}caesareanIndication`,
          'caesareanOnly',
          'an indication is recorded for a caesarean only',
        ),
      );
    }
    if (text && !code) {
      problems.push(
        problem(
          `${prefix}caesareanIndicationText`,
          'withIndication',
          'caesareanIndicationText describes a coded caesareanIndication',
        ),
      );
    }
    if (code === 'other' && meansNoIndication(text)) {
      problems.push(
        problem(
          `${prefix}caesareanIndicationText`,
          'describesIndication',
          'an indication coded other needs its text, and a text saying none is no indication: omit the indication',
        ),
      );
    }
    return problems;
  }

  private checkDelivery(input: RecordDeliveryDto, pregnancy: Pregnancy): void {
    const now = new Date();
    const problems = [
      ...this.checkDeliveryTime(input.deliveredAt, pregnancy, now),
      ...this.checkCaesarean(
        {
          mode: input.mode,
          caesareanIndication: input.caesareanIndication ?? null,
          caesareanIndicationText: input.caesareanIndicationText ?? null,
        },
        '',
      ),
    ];
    const orders = input.babies.map((b) => b.birthOrder);
    input.babies.forEach((baby, index) => {
      const field = (name: string) => `babies[${index}].${name}`;
      if (orders.indexOf(baby.birthOrder) !== index)
        problems.push(problem(field('birthOrder'), 'unique', 'each baby has its own birth order'));
      if (baby.bornAt && (baby.bornAt < input.deliveredAt || baby.bornAt > now)) {
        problems.push(
          problem(
            field('bornAt'),
            'afterDelivery',
            'bornAt must be between the delivery time and now',
          ),
        );
      }
      if ((baby.vitalStatus === 'stillbirth') !== (baby.stillbirthTiming !== undefined)) {
        problems.push(
          problem(
            field('stillbirthTiming'),
            'stillbirthOnly',
            'stillbirthTiming is given for a stillbirth, and only then',
          ),
        );
      }
    });
    if (problems.length > 0) throw deliveryInvalid(problems);
  }

  /** Times after birth and before discharge, ends after starts, one first feed and one discharge. */
  private checkEvent(input: FeedingEventDto, newborn: Newborn, events: FeedingEvent[]): void {
    const problems: ErrorDetail[] = [];
    const now = new Date();
    if (input.startAt < newborn.bornAt)
      problems.push(problem('startAt', 'afterBirth', 'startAt must not be before the birth'));
    if (input.startAt > now)
      problems.push(problem('startAt', 'notFuture', 'startAt must not be in the future'));
    if (input.endAt && input.endAt < input.startAt)
      problems.push(problem('endAt', 'afterStart', 'endAt must not be before startAt'));
    if (input.endAt && input.endAt > now)
      problems.push(problem('endAt', 'notFuture', 'endAt must not be in the future'));
    const discharge = events.find((e) => e.kind === 'discharge');
    if (discharge && input.startAt > discharge.startAt) {
      problems.push(
        problem(
          'startAt',
          'notAfterDischarge',
          `the baby was discharged at ${discharge.startAt.toISOString()}`,
        ),
      );
    }
    if (input.kind === 'discharge' && events.some((e) => e.startAt > input.startAt)) {
      problems.push(
        problem('startAt', 'afterEveryEvent', 'discharge comes after every recorded event'),
      );
    }
    if (newborn.diedAt && input.startAt > newborn.diedAt) {
      problems.push(problem('startAt', 'beforeDeath', 'startAt must not be after the death'));
    }
    if (
      (ONCE_PER_BABY as readonly string[]).includes(input.kind) &&
      events.some((e) => e.kind === input.kind)
    ) {
      problems.push(
        problem('kind', 'oncePerBaby', `${input.kind} is already recorded for this baby`),
      );
    }
    const needs: Partial<Record<FeedingEventDto['kind'], keyof FeedingEventDto>> = {
      separation: 'detail',
      supplement: 'detail',
      discharge: 'dischargeFeeding',
    };
    const required = needs[input.kind];
    if (required && input[required] === undefined) {
      problems.push(
        problem(required, 'requiredForKind', `${required} is required for ${input.kind}`),
      );
    }
    if (!['skin_to_skin', 'separation'].includes(input.kind) && input.endAt) {
      problems.push(
        problem('endAt', 'hasDuration', 'only skin-to-skin and separations have an end'),
      );
    }
    if (problems.length > 0) throw deliveryInvalid(problems);
  }
}
