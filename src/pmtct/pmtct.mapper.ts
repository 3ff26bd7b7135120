import { addDays } from '../core/time/calendar-date';
import { gestationalAgeDays } from '../women/rules/gestational-age';
import type { InfantDto, TestDto, TimelinessDto, TreatmentDto } from './dto/pmtct.dto';
import type {
  DiseaseCode,
  ExposedInfant,
  InfantFollowUp,
  MaternalTreatment,
  PmtctTest,
  TreatmentDose,
} from './pmtct.entities';
import { followUpScheduleFor } from './rules/follow-up-schedule';
import {
  courseComplete,
  DEFAULT_SYPHILIS_POLICY,
  type Exposure,
  FOLLOW_UP_GRACE_DAYS,
  followUpState,
  HBIG_WITHIN_MINUTES,
  hbigTimeliness,
  HEPB_VACCINE_WITHIN_MINUTES_EXPOSED,
  HEPB_VACCINE_WITHIN_MINUTES_OTHERS,
  hepBVaccineTimeliness,
  HIV_PROPHYLAXIS_WITHIN_MINUTES,
  hivProphylaxisTimeliness,
  isEarlyTest,
  minutesLeft,
  type SyphilisPolicy,
  type TestRecord,
  type Timeliness,
} from './rules/pmtct-rules';

export function mapTest(test: PmtctTest, edd: string): TestDto {
  const ga = gestationalAgeDays(edd, test.sampleDate);
  return {
    id: test.id,
    subject: test.subject,
    disease: test.disease,
    kind: test.kind,
    method: test.method,
    sampleDate: test.sampleDate,
    gaDaysAtSample: ga >= 0 && ga <= 320 ? ga : null,
    early: ga >= 0 && isEarlyTest(ga),
    setting: test.setting,
    result: test.result,
    resultDate: test.resultDate,
    titre: test.titre,
    laboratory: test.laboratory,
    hbvDnaIuPerMl: test.hbvDnaIuPerMl,
    hbeag: test.hbeag,
    version: test.version,
  };
}

export function mapTreatment(
  treatment: MaternalTreatment,
  doses: TreatmentDose[],
  policy: SyphilisPolicy = DEFAULT_SYPHILIS_POLICY,
): TreatmentDto {
  const given = doses.map((dose) => ({ givenOn: dose.givenOn, drug: dose.drug, dose: dose.dose }));
  return {
    id: treatment.id,
    disease: treatment.disease,
    kind: treatment.kind,
    startedOn: treatment.startedOn,
    regimen: treatment.regimen,
    onArtAtConception: treatment.onArtAtConception,
    doses: given,
    complete:
      treatment.kind === 'syphilis_course' ? courseComplete({ doses: given }, policy) : null,
  };
}

/** Minutes left while due; once the window closed without a dose, negative: late by so much. */
function timed(state: Timeliness, bornAt: Date, within: number, now: Date): TimelinessDto {
  const open = state === 'due' || state === 'not_given';
  return { state, minutesLeft: open ? minutesLeft(bornAt, within, now) : null };
}

/**
 * Timeliness of each first-hours intervention the mother's results call for (confirmed, or a
 * reactive screening awaiting confirmation), the follow-ups, and each exposure's ground: an
 * exposure a negative confirmation excluded shows with its day and asks for nothing more.
 */
export function mapInfant(
  infant: ExposedInfant,
  exposures: readonly Exposure[],
  followUps: readonly InfantFollowUp[],
  now: Date,
  today: string,
  birthDate: string | null,
  followUpGraceDays: number = FOLLOW_UP_GRACE_DAYS,
): InfantDto {
  const positive: DiseaseCode[] = exposures.filter((e) => e.indicated).map((e) => e.disease);
  const timeliness: Record<string, TimelinessDto> = {};
  const bornAt = infant.bornAt;
  if (bornAt) {
    const hbsag = positive.includes('hbsag');
    if (positive.includes('hiv')) {
      timeliness.hivProphylaxis = timed(
        hivProphylaxisTimeliness(bornAt, infant.hivProphylaxisStartedAt, now),
        bornAt,
        HIV_PROPHYLAXIS_WITHIN_MINUTES,
        now,
      );
    }
    if (positive.includes('syphilis')) {
      // No national window: due until given, so the baby stays on the dose worklist.
      timeliness.syphilisProphylaxis = infant.syphilisProphylaxisAt
        ? { state: 'on_time', minutesLeft: null }
        : { state: 'due', minutesLeft: null };
    }
    if (hbsag) {
      timeliness.hbig = timed(
        hbigTimeliness(bornAt, infant.hbigAt, now),
        bornAt,
        HBIG_WITHIN_MINUTES,
        now,
      );
    }
    timeliness.hepBVaccine1 = timed(
      hepBVaccineTimeliness(bornAt, infant.hepBVaccine1At, hbsag, now),
      bornAt,
      hbsag ? HEPB_VACCINE_WITHIN_MINUTES_EXPOSED : HEPB_VACCINE_WITHIN_MINUTES_OTHERS,
      now,
    );
  }
  return {
    id: infant.id,
    pregnancyId: infant.pregnancyId,
    birthOrder: infant.birthOrder,
    newbornId: infant.newbornId,
    bornAt: bornAt?.toISOString() ?? null,
    hivProphylaxisStartedAt: infant.hivProphylaxisStartedAt?.toISOString() ?? null,
    hivProphylaxisRegimen: infant.hivProphylaxisRegimen,
    hbigAt: infant.hbigAt?.toISOString() ?? null,
    hepBVaccine1At: infant.hepBVaccine1At?.toISOString() ?? null,
    syphilisProphylaxisAt: infant.syphilisProphylaxisAt?.toISOString() ?? null,
    feedingChoice: infant.feedingChoice,
    exposures: exposures
      .filter((e) => e.basis !== null || e.excludedOn !== null)
      .map((e) => ({ disease: e.disease, basis: e.basis, excludedOn: e.excludedOn })),
    timeliness,
    followUps: followUpScheduleFor(positive).map((visit) => {
      const done = followUps.find((f) => f.code === visit.code) ?? null;
      return {
        code: visit.code,
        label: visit.label,
        dueOn: birthDate ? addDays(birthDate, visit.dueAfterBirthDays) : null,
        doneOn: done?.doneOn ?? null,
        result: done?.result ?? null,
        state: birthDate
          ? followUpState(birthDate, visit, done?.doneOn ?? null, today, followUpGraceDays)
          : 'upcoming',
      };
    }),
    version: infant.version,
  };
}

/** Test rows as the PMTCT rules read them; a partner's test never decides the woman's status. */
export function testRecords(
  tests: readonly (Pick<PmtctTest, 'disease' | 'kind' | 'sampleDate' | 'result' | 'subject'> &
    Partial<Pick<PmtctTest, 'setting' | 'resultDate'>>)[],
): TestRecord[] {
  return tests.map((test) => ({
    disease: test.disease,
    kind: test.kind,
    sampleDate: test.sampleDate,
    result: test.result,
    partner: test.subject === 'partner',
    setting: test.setting,
    resultDate: test.resultDate ?? null,
  }));
}
