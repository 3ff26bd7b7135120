import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { readsSensitiveResults } from '../core/privacy/sensitive-results';
import { inActorFacility } from '../core/auth/facility-scope';
import { updateIfVersion } from '../core/database/versioned-update';
import type { ErrorDetail } from '../core/errors/domain.error';
import { HospitalClock } from '../core/time/hospital-clock';
import { ExposedInfantRecords } from '../pmtct/exposed-infant-records';
import { PregnanciesService } from '../women/pregnancies.service';
import { Pregnancy } from '../women/pregnancy.entity';
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
  deliveryNotFound,
  feedingEventNotFound,
  newbornNotFound,
} from './delivery.errors';
import { mapDelivery, mapFeedingEvent, mapNewborn } from './delivery.mapper';
import { checkBirthDoseTime } from './rules/birth-doses';
import {
  BirthDoseInputDto,
  ContraindicationDto,
  DeliveryDto,
  EndEventDto,
  FeedingEventDto,
  FeedingEventRecordDto,
  NewbornDto,
  RecordDeliveryDto,
  UpdateDeliveryDto,
  UpdateNewbornDto,
} from './dto/delivery.dto';

const DELIVERY_AUDITED_FIELDS = [
  'deliveredAt',
  'place',
  'mode',
  'caesareanIndication',
  'isolationRoom',
  'complications',
  'bloodLossMl',
  'maternalOutcome',
  'motherDischargedAt',
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
  'birthOrder',
  'bornAt',
  'sex',
  'birthWeightG',
  'vitalStatus',
  'stillbirthTiming',
  'nicuAdmittedAt',
  'nicuReason',
  'diedAt',
  'deathCause',
  ...BIRTH_DOSE_AUDITED_FIELDS,
] as const;

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
  ) {}

  /** Records the birth and every baby, and makes the pregnancy delivered, in one transaction. */
  async record(pregnancyId: number, input: RecordDeliveryDto, actor: Actor): Promise<DeliveryDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = inActorFacility(
        await manager.findOne(Pregnancy, {
          where: { id: pregnancyId },
          lock: { mode: 'pessimistic_write' },
        }),
        actor,
        () => pregnancyNotFound(pregnancyId),
      );
      if (await manager.existsBy(Delivery, { pregnancyId })) throw deliveryExists();
      if (pregnancy.status !== 'open') throw pregnancyNotOpen(pregnancy.status);
      this.checkDelivery(input, pregnancy);

      const delivery = await manager.save(
        manager.create(Delivery, {
          pregnancyId,
          facilityId: pregnancy.facilityId,
          deliveredAt: input.deliveredAt,
          place: input.place,
          mode: input.mode,
          caesareanIndication: input.caesareanIndication ?? null,
          isolationRoom: input.isolationRoom ?? false,
          complications: input.complications ?? null,
          bloodLossMl: input.bloodLossMl ?? null,
          maternalOutcome: input.maternalOutcome,
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
            facilityId: pregnancy.facilityId,
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
    const delivery = inActorFacility(
      await this.dataSource.getRepository(Delivery).findOneBy({ pregnancyId }),
      actor,
      () => deliveryNotFound(pregnancyId),
    );
    return this.guardResults(await this.view(delivery.id, actor), actor);
  }

  async update(id: number, input: UpdateDeliveryDto, actor: Actor): Promise<DeliveryDto> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(await manager.findOneBy(Delivery, { id }), actor, () =>
        deliveryNotFound(id),
      );
      if (
        changes.motherDischargedAt &&
        (changes.motherDischargedAt < current.deliveredAt ||
          changes.motherDischargedAt > new Date())
      ) {
        throw deliveryInvalid([
          problem(
            'motherDischargedAt',
            'afterDelivery',
            'motherDischargedAt must be between the delivery and now',
          ),
        ]);
      }
      await updateIfVersion(manager, Delivery, id, version, changes);
      await this.audit.record(manager, {
        entity: 'delivery',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, DELIVERY_AUDITED_FIELDS),
      });
    });
    return this.view(id, actor);
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
    const newborn = inActorFacility(
      await this.dataSource.getRepository(Newborn).findOneBy({ id }),
      actor,
      () => newbornNotFound(id),
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
    const shown = newborns.filter((n) => n.feedingFlags?.contraindications.some(isResult));
    if (shown.length === 0) return newborns;
    if (!readsSensitiveResults(actor)) {
      return newborns.map((n) =>
        n.feedingFlags
          ? {
              ...n,
              feedingFlags: {
                ...n.feedingFlags,
                contraindications: n.feedingFlags.contraindications.map((kind) =>
                  isResult(kind) ? WITHHELD_CONTRAINDICATION : kind,
                ),
              },
            }
          : n,
      );
    }
    for (const newborn of shown) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'newborn',
        entityId: newborn.id,
        action: 'view_sensitive',
        after: { view: 'newborn', contraindications: newborn.feedingFlags!.contraindications },
        facilityId: actor.facilityId,
      });
    }
    return newborns;
  }

  async updateNewborn(id: number, input: UpdateNewbornDto, actor: Actor): Promise<NewbornDto> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = inActorFacility(await manager.findOneBy(Newborn, { id }), actor, () =>
        newbornNotFound(id),
      );
      const problems: ErrorDetail[] = [];
      for (const field of ['nicuAdmittedAt', 'diedAt'] as const) {
        const at = changes[field];
        if (at && at < current.bornAt)
          problems.push(problem(field, 'afterBirth', `${field} must not be before the birth`));
        if (at && at > new Date())
          problems.push(problem(field, 'notFuture', `${field} must not be in the future`));
      }
      if (current.vitalStatus === 'stillbirth' && (changes.nicuAdmittedAt || changes.diedAt)) {
        problems.push(
          problem(
            'vitalStatus',
            'liveBirthOnly',
            'a stillborn baby has no NICU admission or neonatal death',
          ),
        );
      }
      if (problems.length > 0) throw deliveryInvalid(problems);
      await updateIfVersion(manager, Newborn, id, version, changes);
      await this.audit.record(manager, {
        entity: 'newborn',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, NEWBORN_AUDITED_FIELDS),
      });
    });
    return this.ownNewborn(id, actor);
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
      const events = await manager.find(FeedingEvent, { where: { newbornId } });
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

  async addContraindication(
    newbornId: number,
    input: ContraindicationDto,
    actor: Actor,
  ): Promise<NewbornDto> {
    await this.dataSource.transaction(async (manager) => {
      const newborn = await this.liveNewborn(manager, newbornId, actor);
      if (
        input.decidedOn < this.clock.dateOf(newborn.bornAt) ||
        input.decidedOn > this.clock.today()
      ) {
        throw deliveryInvalid([
          problem('decidedOn', 'afterBirth', 'decidedOn must be between the birth and today'),
        ]);
      }
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

  private async view(deliveryId: number, actor: Actor): Promise<DeliveryDto> {
    const manager = this.dataSource.manager;
    const delivery = inActorFacility(
      await manager.findOneBy(Delivery, { id: deliveryId }),
      actor,
      () => deliveryNotFound(deliveryId),
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
    const newborn = inActorFacility(await manager.findOneBy(Newborn, { id }), actor, () =>
      newbornNotFound(id),
    );
    if (newborn.vitalStatus !== 'live_birth') {
      throw deliveryInvalid([
        problem('newbornId', 'liveBirthOnly', `${what} are recorded for live-born babies`),
      ]);
    }
    return newborn;
  }

  private checkDelivery(input: RecordDeliveryDto, pregnancy: Pregnancy): void {
    const problems: ErrorDetail[] = [];
    const now = new Date();
    if (input.deliveredAt > now)
      problems.push(problem('deliveredAt', 'notFuture', 'deliveredAt must not be in the future'));
    if (this.clock.dateOf(input.deliveredAt) < pregnancy.registrationDate) {
      problems.push(
        problem(
          'deliveredAt',
          'notBeforeRegistration',
          `deliveredAt must not be before the registration date ${pregnancy.registrationDate}`,
        ),
      );
    }
    if (input.mode !== 'caesarean' && input.caesareanIndication) {
      problems.push(
        problem(
          'caesareanIndication',
          'caesareanOnly',
          'an indication is recorded for a caesarean only',
        ),
      );
    }
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
