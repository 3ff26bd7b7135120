import type { HospitalClock } from '../core/time/hospital-clock';
import { gestationalAgeDays } from '../women/rules/gestational-age';
import type { Delivery, FeedingContraindication, FeedingEvent, Newborn } from './delivery.entities';
import { wholeMinutesBetween } from '../core/time/instants';
import { caesareanWithoutMedicalIndication } from './rules/caesarean-indications';
import type {
  BirthDoseDto,
  BirthDosesDto,
  ContraindicationRecordDto,
  DeliveryDto,
  FeedingEventRecordDto,
  FeedingFlagsDto,
  NewbornDto,
} from './dto/delivery.dto';
import {
  breastfeedingAtDischarge,
  earlyInitiation,
  earlySkinToSkin,
  exclusiveDuringStay,
  roomingIn,
} from './rules/feeding-flags';
import { hepBBirthDoseWithinDay } from './rules/birth-doses';
import {
  isLowBirthWeight,
  isMacrosomia,
  isPregnancyLoss,
  isPreterm,
  neonatalDeath,
} from './rules/newborn-outcomes';

export function mapFeedingEvent(event: FeedingEvent): FeedingEventRecordDto {
  return {
    id: event.id,
    kind: event.kind,
    startAt: event.startAt,
    endAt: event.endAt ?? undefined,
    detail: event.detail ?? undefined,
    medicalReason: event.medicalReason ?? undefined,
    dischargeFeeding: event.dischargeFeeding ?? undefined,
    recordedBy: event.recordedBy,
    version: event.version,
    voidedAt: event.voidedAt?.toISOString() ?? null,
    voidReason: event.voidReason,
  };
}

export function mapContraindication(row: FeedingContraindication): ContraindicationRecordDto {
  return {
    id: row.id,
    kind: row.kind,
    decidedBy: row.decidedBy,
    decidedOn: row.decidedOn,
    note: row.note,
    version: row.version,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
  };
}

const notVoided = <T extends { voidedAt: Date | null }>(rows: readonly T[]): T[] =>
  rows.filter((row) => row.voidedAt === null);

/**
 * The Baby-Friendly flags of one live-born baby, each with the reason it failed. Voided events
 * and contraindications count in none.
 */
export function feedingFlags(
  newborn: Newborn,
  recordedEvents: readonly FeedingEvent[],
  recordedContraindications: readonly FeedingContraindication[],
  now: Date,
): FeedingFlagsDto {
  const events = notVoided(recordedEvents);
  const contraindications = notVoided(recordedContraindications);
  const of = (kind: FeedingEvent['kind']) => events.filter((e) => e.kind === kind);
  const discharge = of('discharge')[0] ?? null;
  const exclusive = exclusiveDuringStay(
    of('supplement').map((e) => ({
      at: e.startAt,
      what: e.detail ?? '',
      medicalReason: e.medicalReason,
    })),
    newborn.bornAt,
    discharge?.startAt ?? null,
    discharge?.dischargeFeeding ?? null,
  );
  return {
    earlySkinToSkin: earlySkinToSkin(
      newborn.bornAt,
      of('skin_to_skin').map((e) => ({ start: e.startAt, end: e.endAt })),
      now,
    ),
    earlyInitiation: earlyInitiation(newborn.bornAt, of('first_breastfeed')[0]?.startAt ?? null),
    roomingIn: roomingIn(
      of('separation').map((e) => ({
        start: e.startAt,
        end: e.endAt,
        medical: e.medicalReason !== null,
      })),
      discharge?.startAt ?? null,
      now,
    ),
    exclusiveStrict: exclusive.strict,
    exclusiveExceptMedical: exclusive.exceptMedical,
    breastfeedingAtDischarge: breastfeedingAtDischarge(discharge?.dischargeFeeding ?? null),
    contraindications: contraindications.map((c) => c.kind),
  };
}

function birthDose(
  bornAt: Date,
  givenAt: Date | null,
  batchNumber: string | null,
  givenBy: string | null,
): BirthDoseDto | null {
  if (givenAt === null) return null;
  return {
    givenAt: givenAt.toISOString(),
    batchNumber: batchNumber ?? '',
    givenBy: givenBy ?? '',
    minutesAfterBirth: wholeMinutesBetween(bornAt, givenAt),
  };
}

export function mapBirthDoses(newborn: Newborn): BirthDosesDto {
  const hepB = birthDose(
    newborn.bornAt,
    newborn.hepBBirthDoseAt,
    newborn.hepBBirthDoseBatch,
    newborn.hepBBirthDoseGivenBy,
  );
  return {
    hepB: hepB && {
      ...hepB,
      within24Hours: hepBBirthDoseWithinDay(newborn.bornAt, newborn.hepBBirthDoseAt!),
    },
    bcg: birthDose(newborn.bornAt, newborn.bcgAt, newborn.bcgBatch, newborn.bcgGivenBy),
  };
}

export function mapNewborn(
  newborn: Newborn,
  clock: HospitalClock,
  events: readonly FeedingEvent[],
  contraindications: readonly FeedingContraindication[],
  now: Date,
): NewbornDto {
  const death = neonatalDeath(newborn.bornAt, newborn.diedAt);
  const live = newborn.vitalStatus === 'live_birth';
  return {
    id: newborn.id,
    pregnancyId: newborn.pregnancyId,
    deliveryId: newborn.deliveryId,
    birthOrder: newborn.birthOrder,
    bornAt: newborn.bornAt.toISOString(),
    sex: newborn.sex,
    birthWeightG: newborn.birthWeightG,
    lengthCm: newborn.lengthCm,
    apgar1: newborn.apgar1,
    apgar5: newborn.apgar5,
    vitalStatus: newborn.vitalStatus,
    stillbirthTiming: newborn.stillbirthTiming,
    lowBirthWeight: isLowBirthWeight(newborn.birthWeightG),
    macrosomia: isMacrosomia(newborn.birthWeightG),
    nicuAdmittedAt: newborn.nicuAdmittedAt?.toISOString() ?? null,
    nicuReason: newborn.nicuReason,
    diedAt: newborn.diedAt?.toISOString() ?? null,
    deathCause: newborn.deathCause,
    earlyNeonatalDeath: death.earlyNeonatal,
    neonatalDeath: death.neonatal,
    birthDoses: mapBirthDoses(newborn),
    version: newborn.version,
    feedingEvents: events.map(mapFeedingEvent),
    contraindicationRecords: contraindications.map(mapContraindication),
    feedingFlags: live ? feedingFlags(newborn, events, contraindications, now) : null,
    voidedAt: newborn.voidedAt?.toISOString() ?? null,
    voidReason: newborn.voidReason,
  };
}

export function mapDelivery(
  delivery: Delivery,
  edd: string,
  deliveredOn: string,
  newborns: NewbornDto[],
): DeliveryDto {
  const ga = gestationalAgeDays(edd, deliveredOn);
  return {
    id: delivery.id,
    pregnancyId: delivery.pregnancyId,
    deliveredAt: delivery.deliveredAt.toISOString(),
    place: delivery.place,
    mode: delivery.mode,
    caesareanIndication: delivery.caesareanIndication,
    caesareanIndicationText: delivery.caesareanIndicationText,
    caesareanWithoutIndication: caesareanWithoutMedicalIndication(
      delivery.mode,
      delivery.caesareanIndication,
    ),
    gaDays: ga >= 0 ? ga : null,
    preterm: ga >= 0 && isPreterm(ga),
    pregnancyLoss: ga >= 0 && isPregnancyLoss(ga),
    isolationRoom: delivery.isolationRoom,
    complications: delivery.complications,
    bloodLossMl: delivery.bloodLossMl,
    maternalOutcome: delivery.maternalOutcome,
    motherDischargedAt: delivery.motherDischargedAt?.toISOString() ?? null,
    residenceCategory: delivery.residenceCategory,
    attributedRegionCode: delivery.attributedRegionCode,
    attributionRule: delivery.attributionRule,
    version: delivery.version,
    newborns,
    voidedAt: delivery.voidedAt?.toISOString() ?? null,
    voidReason: delivery.voidReason,
  };
}
