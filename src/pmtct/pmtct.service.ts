import { EpisodeAccess } from '../episodes/episode-access';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { pmtctConfig } from '../../config';
import { AuditService } from '../core/audit/audit.service';
import { diffOf, pick } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { updateIfVersion } from '../core/database/versioned-update';
import type { ErrorDetail } from '../core/errors/domain.error';
import { addDays } from '../core/time/calendar-date';
import { HospitalClock } from '../core/time/hospital-clock';
import { Newborn } from '../delivery/delivery.entities';
import { RiskAssessmentService } from '../risk/risk-assessment.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { gestationalAgeDays, PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { pregnancyNotFound } from '../women/women.errors';
import {
  CounsellingDto,
  CreateInfantDto,
  DoseDto,
  FollowUpDto,
  InfantDto,
  PmtctStatusDto,
  RecordResultDto,
  RecordTestDto,
  RecordTreatmentDto,
  TestDto,
  TreatmentDto,
  UpdateInfantDto,
} from './dto/pmtct.dto';
import { ExposedInfantRecords } from './exposed-infant-records';
import { mapInfant, mapTest, mapTreatment, testRecords } from './pmtct.mapper';
import {
  DISEASE_CODES,
  DiseaseCode,
  ExposedInfant,
  InfantFollowUp,
  MaternalTreatment,
  PmtctCounselling,
  PmtctTest,
  TreatmentDose,
  TreatmentKind,
} from './pmtct.entities';
import {
  exposureExcluded,
  followUpUnknown,
  infantExists,
  infantNotFound,
  notConfirmedPositive,
  pmtctInvalid,
  testNotFound,
  treatmentNotFound,
} from './pmtct.errors';
import { withBirthDoses, writeBirthDose } from './infant-birth-dose';
import { followUpScheduleFor } from './rules/follow-up-schedule';
import {
  artStartProblem,
  diseaseStatus,
  type Exposure,
  exposure,
  hbvAntiviralIndicated,
  isEarlyTest,
  syphilisTreatment,
} from './rules/pmtct-rules';

/** Which disease each maternal treatment treats. */
const TREATS: Record<TreatmentKind, DiseaseCode> = {
  art: 'hiv',
  syphilis_course: 'syphilis',
  hbv_antiviral: 'hbsag',
};

const INFANT_AUDITED_FIELDS = [
  'bornAt',
  'hivProphylaxisStartedAt',
  'hivProphylaxisRegimen',
  'hbigAt',
  'hepBVaccine1At',
  'syphilisProphylaxisAt',
  'feedingChoice',
] as const;

/** An exposed baby's interventions, and the disease the mother must be confirmed positive for. */
const INFANT_INTERVENTIONS: {
  field: Exclude<keyof UpdateInfantDto, 'version'>;
  disease: DiseaseCode;
}[] = [
  { field: 'hivProphylaxisStartedAt', disease: 'hiv' },
  { field: 'hivProphylaxisRegimen', disease: 'hiv' },
  { field: 'hbigAt', disease: 'hbsag' },
  { field: 'syphilisProphylaxisAt', disease: 'syphilis' },
];

export interface PregnancyTests {
  pregnancy: Pregnancy;
  tests: PmtctTest[];
}

/** 预防母婴传播: tests and counselling, the mother's treatment, and the exposed baby's first hours. */
@Injectable()
export class PmtctService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly risk: RiskAssessmentService,
    private readonly exposedInfants: ExposedInfantRecords,
    @Inject(pmtctConfig.KEY) private readonly policy: ConfigType<typeof pmtctConfig>,
    private readonly access: EpisodeAccess,
  ) {}

  async counsel(pregnancyId: number, input: CounsellingDto, actor: Actor): Promise<{ id: number }> {
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.pregnancyOf(manager, pregnancyId, actor);
      this.checkDay('counselledOn', input.counselledOn, pregnancy);
      if (input.testId != null) await this.testIn(manager, input.testId, pregnancy.id);
      const row = await manager.save(
        manager.create(PmtctCounselling, {
          ...input,
          testId: input.testId ?? null,
          note: input.note ?? null,
          pregnancyId,
          facilityId: pregnancy.facilityId,
          counsellorId: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'pmtct_counselling',
        entityId: row.id,
        action: 'create',
        after: { pregnancyId, ...input },
      });
      return { id: row.id };
    });
  }

  async recordTest(pregnancyId: number, input: RecordTestDto, actor: Actor): Promise<TestDto> {
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.lockedPregnancyOf(manager, pregnancyId, actor);
      this.checkDay('sampleDate', input.sampleDate, pregnancy);
      this.checkResult(input.sampleDate, input.result, input.resultDate);
      this.checkHbvMarkers(input.disease, input);
      const before = await this.exposuresOf(manager, pregnancyId);
      const test = await manager.save(
        manager.create(PmtctTest, {
          pregnancyId,
          facilityId: pregnancy.facilityId,
          subject: input.subject ?? 'woman',
          disease: input.disease,
          kind: input.kind,
          method: input.method ?? null,
          sampleDate: input.sampleDate,
          setting: input.setting,
          result: input.result ?? null,
          resultDate: input.resultDate ?? null,
          titre: input.titre ?? null,
          laboratory: input.laboratory ?? null,
          hbvDnaIuPerMl: input.hbvDnaIuPerMl ?? null,
          hbeag: input.hbeag ?? null,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'pmtct_test',
        entityId: test.id,
        action: 'create',
        after: { pregnancyId, ...input },
      });
      await this.afterResult(manager, pregnancy, test, actor, before);
      return mapTest(test, pregnancy.edd);
    });
  }

  async recordResult(testId: number, input: RecordResultDto, actor: Actor): Promise<TestDto> {
    const { version, ...changes } = input;
    return this.dataSource.transaction(async (manager) => {
      // Locking reads first (see lockedPregnancyOf): the test, then her.
      const current = await manager.findOne(PmtctTest, {
        where: { id: testId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw testNotFound(testId);
      const pregnancy = await this.lockedPregnancyOf(manager, current.pregnancyId, actor, () =>
        testNotFound(testId),
      );
      this.checkResult(current.sampleDate, changes.result, changes.resultDate);
      this.checkHbvMarkers(current.disease, changes);
      const before = await this.exposuresOf(manager, pregnancy.id);
      await updateIfVersion(manager, PmtctTest, testId, version, changes);
      await this.audit.record(manager, {
        entity: 'pmtct_test',
        entityId: testId,
        action: 'update',
        ...diffOf(current, changes, ['result', 'resultDate', 'titre', 'hbvDnaIuPerMl', 'hbeag']),
      });
      const test = await manager.findOneByOrFail(PmtctTest, { id: testId });
      await this.afterResult(manager, pregnancy, test, actor, before);
      return mapTest(test, pregnancy.edd);
    });
  }

  /** Per disease: status, early and any testing, syphilis treatment; plus what labour admission needs. */
  async status(pregnancyId: number, actor: Actor): Promise<PmtctStatusDto> {
    const manager = this.dataSource.manager;
    const pregnancy = await this.pregnancyOf(manager, pregnancyId, actor);
    const [tests, treatments, infants] = await Promise.all([
      manager.find(PmtctTest, { where: { pregnancyId }, order: { sampleDate: 'ASC', id: 'ASC' } }),
      manager.find(MaternalTreatment, {
        where: { pregnancyId },
        order: { startedOn: 'ASC', id: 'ASC' },
      }),
      manager
        .find(ExposedInfant, { where: { pregnancyId }, order: { birthOrder: 'ASC' } })
        .then((rows) => withBirthDoses(manager, rows)),
    ]);
    const doses = await this.dosesOf(manager, treatments);
    const followUps = infants.length
      ? await manager.find(InfantFollowUp, { where: { infantId: In(infants.map((i) => i.id)) } })
      : [];
    const records = testRecords(tests);
    const positive = DISEASE_CODES.filter(
      (d) => diseaseStatus(records, d) === 'confirmed_positive',
    );
    const exposures = DISEASE_CODES.map((d) => exposure(records, d));
    const deliveredOn = pregnancy.outcomeDate;
    const diseases = DISEASE_CODES.map((disease) => {
      const own = tests.filter(
        (t) => t.subject === 'woman' && t.disease === disease && t.result !== null,
      );
      const inPregnancy = own.filter((t) => deliveredOn === null || t.sampleDate <= deliveredOn);
      const status = diseaseStatus(records, disease);
      const syphilis =
        disease === 'syphilis' && status === 'confirmed_positive'
          ? this.syphilisVerdict(pregnancy, tests, treatments, doses)
          : null;
      const exposed = exposures.find((e) => e.disease === disease)!;
      return {
        disease,
        status,
        testedEarly: inPregnancy.some((t) => {
          // A re-dating can put an early sample before the new LMP: such a test is not early.
          const ga = gestationalAgeDays(pregnancy.edd, t.sampleDate);
          return ga >= 0 && isEarlyTest(ga);
        }),
        tested: inPregnancy.length > 0,
        treated: syphilis?.treated ?? null,
        treatmentAdequate: syphilis?.adequate ?? null,
        exposure: exposed.basis,
        exposureExcludedOn: exposed.excludedOn,
        antiviralIndicated:
          disease === 'hbsag' && status === 'confirmed_positive'
            ? hbvAntiviralIndicated(own)
            : null,
      };
    });
    // One row per read: who saw which results (issue 12), written before they are returned.
    await this.audit.record(manager, {
      entity: 'pregnancy',
      entityId: pregnancyId,
      action: 'view_sensitive',
      after: {
        view: 'pmtct',
        tests: tests.map((test) => test.id),
        treatments: treatments.map((treatment) => treatment.id),
        infants: infants.map((infant) => infant.id),
      },
      facilityId: actor.facilityId,
    });
    const now = new Date();
    const today = this.clock.today();
    return {
      pregnancyId,
      diseases,
      rapidTestAtAdmission: diseases
        .filter((d) => ['untested', 'pending', 'indeterminate'].includes(d.status))
        .map((d) => d.disease),
      isolationDeliveryRoom: positive.length > 0,
      tests: tests.map((test) => mapTest(test, pregnancy.edd)),
      treatments: treatments.map((treatment) =>
        mapTreatment(treatment, doses.get(treatment.id) ?? [], this.policy.syphilis),
      ),
      infants: infants.map((infant) =>
        mapInfant(
          infant,
          exposures,
          followUps.filter((f) => f.infantId === infant.id),
          now,
          today,
          infant.bornAt ? this.clock.dateOf(infant.bornAt) : null,
          this.policy.followUpGraceDays,
        ),
      ),
    };
  }

  async recordTreatment(
    pregnancyId: number,
    input: RecordTreatmentDto,
    actor: Actor,
  ): Promise<TreatmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.lockedPregnancyOf(manager, pregnancyId, actor);
      const disease = TREATS[input.kind];
      await this.requireConfirmed(manager, pregnancy.id, disease, 'kind');
      const problems: ErrorDetail[] = this.treatmentStartProblems(input, pregnancy);
      if (input.kind !== 'syphilis_course' && input.doses?.length) {
        problems.push({
          field: 'doses',
          rule: 'syphilisCourseOnly',
          message: 'doses are recorded for a syphilis course',
        });
      }
      (input.doses ?? []).forEach((dose, index) => {
        if (dose.givenOn < input.startedOn || dose.givenOn > this.clock.today()) {
          problems.push({
            field: `doses[${index}].givenOn`,
            rule: 'withinCourse',
            message: 'a dose is given between the course start and today',
          });
        }
      });
      if (problems.length > 0) throw pmtctInvalid(problems);
      const treatment = await manager.save(
        manager.create(MaternalTreatment, {
          pregnancyId,
          facilityId: pregnancy.facilityId,
          disease,
          kind: input.kind,
          startedOn: input.startedOn,
          regimen: input.regimen,
          onArtAtConception: input.onArtAtConception ?? false,
          recordedBy: actor.userId,
        }),
      );
      if (input.doses?.length) {
        await manager.insert(
          TreatmentDose,
          input.doses.map((dose) => ({
            ...dose,
            treatmentId: treatment.id,
            recordedBy: actor.userId,
          })),
        );
      }
      await this.audit.record(manager, {
        entity: 'maternal_treatment',
        entityId: treatment.id,
        action: 'create',
        after: { pregnancyId, ...input },
      });
      return mapTreatment(
        treatment,
        await manager.find(TreatmentDose, {
          where: { treatmentId: treatment.id },
          order: { givenOn: 'ASC' },
        }),
        this.policy.syphilis,
      );
    });
  }

  async addDose(treatmentId: number, input: DoseDto, actor: Actor): Promise<TreatmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const treatment = await this.access.record(
        manager,
        await manager.findOneBy(MaternalTreatment, { id: treatmentId }),
        actor,
        () => treatmentNotFound(treatmentId),
      );
      if (treatment.kind !== 'syphilis_course') {
        throw pmtctInvalid([
          {
            field: 'treatmentId',
            rule: 'syphilisCourseOnly',
            message: 'doses are recorded for a syphilis course',
          },
        ]);
      }
      if (input.givenOn < treatment.startedOn || input.givenOn > this.clock.today()) {
        throw pmtctInvalid([
          {
            field: 'givenOn',
            rule: 'withinCourse',
            message: `givenOn must be between ${treatment.startedOn} and today`,
          },
        ]);
      }
      const dose = await manager.save(
        manager.create(TreatmentDose, { ...input, treatmentId, recordedBy: actor.userId }),
      );
      await this.audit.record(manager, {
        entity: 'treatment_dose',
        entityId: dose.id,
        action: 'create',
        after: { treatmentId, ...input },
      });
      return mapTreatment(
        treatment,
        await manager.find(TreatmentDose, {
          where: { treatmentId },
          order: { givenOn: 'ASC', id: 'ASC' },
        }),
        this.policy.syphilis,
      );
    });
  }

  /**
   * An exposed baby planned before birth (babies born to a positive or reactive mother get theirs
   * with the delivery); the mother's results must indicate the baby's doses for some disease.
   */
  async createInfant(
    pregnancyId: number,
    input: CreateInfantDto,
    actor: Actor,
  ): Promise<InfantDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.lockedPregnancyOf(manager, pregnancyId, actor);
      const exposures = await this.exposuresOf(manager, pregnancyId);
      if (!exposures.some((e) => e.indicated))
        throw notConfirmedPositive('pregnancyId', 'HIV, syphilis or HBsAg');
      if (input.bornAt) this.checkBirth(input.bornAt, pregnancy);
      // Recorded after the delivery: it is that baby, born when the delivery says.
      const newborn = await manager.findOneBy(Newborn, {
        pregnancyId,
        birthOrder: input.birthOrder,
        voidedAt: IsNull(),
      });
      try {
        const infant = await manager.save(
          manager.create(ExposedInfant, {
            pregnancyId,
            facilityId: pregnancy.facilityId,
            birthOrder: input.birthOrder,
            newbornId: newborn?.id ?? null,
            bornAt: input.bornAt ?? newborn?.bornAt ?? null,
          }),
        );
        await this.audit.record(manager, {
          entity: 'exposed_infant',
          entityId: infant.id,
          action: 'create',
          after: { pregnancyId, ...pick(infant, INFANT_AUDITED_FIELDS) },
        });
        return infant.id;
      } catch (error) {
        if (isDuplicateKeyError(error, 'uq_exposed_infant')) throw infantExists(input.birthOrder);
        throw error;
      }
    });
    return this.infantView(id, actor);
  }

  async updateInfant(infantId: number, input: UpdateInfantDto, actor: Actor): Promise<InfantDto> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const [current] = await withBirthDoses(manager, [
        await this.access.record(
          manager,
          await manager.findOneBy(ExposedInfant, { id: infantId }),
          actor,
          () => infantNotFound(infantId),
        ),
      ]);
      const pregnancy = await this.pregnancyOf(manager, current.pregnancyId, actor);
      const exposures = await this.exposuresOf(manager, current.pregnancyId);
      for (const { field, disease } of INFANT_INTERVENTIONS) {
        const value = changes[field];
        if (value === undefined) continue;
        const exposed = exposures.find((e) => e.disease === disease)!;
        if (exposed.indicated) continue;
        if (exposed.excludedOn === null) throw notConfirmedPositive(field, disease);
        // A dose given before the negative confirmation came is still recorded as given.
        const givenOn = value instanceof Date ? this.clock.dateOf(value) : null;
        if (givenOn === null || givenOn > exposed.excludedOn)
          throw exposureExcluded(field, disease, exposed.excludedOn);
      }
      const bornAt = changes.bornAt ?? current.bornAt;
      if (changes.bornAt) this.checkBirth(changes.bornAt, pregnancy);
      const timed = [
        'hivProphylaxisStartedAt',
        'hbigAt',
        'hepBVaccine1At',
        'syphilisProphylaxisAt',
      ] as const;
      const problems: ErrorDetail[] = timed.flatMap((field) => {
        const at = changes[field] ?? null;
        if (!at) return [];
        if (!bornAt)
          return [{ field, rule: 'afterBirth', message: `${field} needs the birth time first` }];
        if (at < bornAt)
          return [
            {
              field,
              rule: 'afterBirth',
              message: `${field} must not be before the birth (${bornAt.toISOString()})`,
            },
          ];
        if (at > new Date())
          return [{ field, rule: 'notFuture', message: `${field} must not be in the future` }];
        return [];
      });
      if (problems.length > 0) throw pmtctInvalid(problems);
      // The first vaccine dose of a born, recorded baby is its newborn's birth dose.
      const { hepBVaccine1At, ...own } = changes;
      if (hepBVaccine1At !== undefined && current.newbornId !== null) {
        const doseProblems = await writeBirthDose(
          manager,
          this.audit,
          current.newbornId,
          hepBVaccine1At,
        );
        if (doseProblems.length > 0) throw pmtctInvalid(doseProblems);
      }
      await updateIfVersion(
        manager,
        ExposedInfant,
        infantId,
        version,
        current.newbornId === null ? changes : own,
      );
      await this.audit.record(manager, {
        entity: 'exposed_infant',
        entityId: infantId,
        action: 'update',
        ...diffOf(current, changes, INFANT_AUDITED_FIELDS),
      });
    });
    return this.infantView(infantId, actor);
  }

  async recordFollowUp(infantId: number, input: FollowUpDto, actor: Actor): Promise<InfantDto> {
    await this.dataSource.transaction(async (manager) => {
      const infant = await this.access.record(
        manager,
        await manager.findOneBy(ExposedInfant, { id: infantId }),
        actor,
        () => infantNotFound(infantId),
      );
      const indicated = (await this.exposuresOf(manager, infant.pregnancyId))
        .filter((e) => e.indicated)
        .map((e) => e.disease);
      if (!followUpScheduleFor(indicated).some((visit) => visit.code === input.code))
        throw followUpUnknown(input.code);
      if (
        !infant.bornAt ||
        input.doneOn < this.clock.dateOf(infant.bornAt) ||
        input.doneOn > this.clock.today()
      ) {
        throw pmtctInvalid([
          {
            field: 'doneOn',
            rule: 'afterBirth',
            message: 'doneOn must be between the birth and today',
          },
        ]);
      }
      try {
        const row = await manager.save(
          manager.create(InfantFollowUp, { ...input, infantId, recordedBy: actor.userId }),
        );
        await this.audit.record(manager, {
          entity: 'infant_follow_up',
          entityId: row.id,
          action: 'create',
          after: { infantId, ...input },
        });
      } catch (error) {
        if (isDuplicateKeyError(error, 'uq_infant_follow_up')) {
          throw pmtctInvalid([
            { field: 'code', rule: 'once', message: `${input.code} is already recorded` },
          ]);
        }
        throw error;
      }
    });
    return this.infantView(infantId, actor);
  }

  async confirmedDiseases(manager: EntityManager, pregnancyId: number): Promise<DiseaseCode[]> {
    const tests = await manager.find(PmtctTest, { where: { pregnancyId, subject: 'woman' } });
    const records = testRecords(tests);
    return DISEASE_CODES.filter((d) => diseaseStatus(records, d) === 'confirmed_positive');
  }

  /** Per disease: are the baby's doses indicated, on what ground, or excluded since when. */
  async exposuresOf(manager: EntityManager, pregnancyId: number): Promise<Exposure[]> {
    const tests = await manager.find(PmtctTest, { where: { pregnancyId, subject: 'woman' } });
    const records = testRecords(tests);
    return DISEASE_CODES.map((d) => exposure(records, d));
  }

  private async infantView(infantId: number, actor: Actor): Promise<InfantDto> {
    const manager = this.dataSource.manager;
    const [infant] = await withBirthDoses(manager, [
      await this.access.record(
        manager,
        await manager.findOneBy(ExposedInfant, { id: infantId }),
        actor,
        () => infantNotFound(infantId),
      ),
    ]);
    const [exposures, followUps] = await Promise.all([
      this.exposuresOf(manager, infant.pregnancyId),
      manager.find(InfantFollowUp, { where: { infantId } }),
    ]);
    return mapInfant(
      infant,
      exposures,
      followUps,
      new Date(),
      this.clock.today(),
      infant.bornAt ? this.clock.dateOf(infant.bornAt) : null,
      this.policy.followUpGraceDays,
    );
  }

  /**
   * A confirmed positive (any positive HBsAg) sets PURPLE through the risk module, which opens
   * high-risk management. Babies already born get their records once a result indicates their
   * doses; a negative confirmation that ends an indication is written on each baby's record.
   */
  private async afterResult(
    manager: EntityManager,
    pregnancy: Pregnancy,
    test: PmtctTest,
    actor: Actor,
    before: Exposure[],
  ): Promise<void> {
    if (test.subject !== 'woman' || !test.resultDate) return;
    const after = await this.exposuresOf(manager, pregnancy.id);
    const was = before.find((e) => e.disease === test.disease)!;
    const now = after.find((e) => e.disease === test.disease)!;
    // Positive now, or no longer (an HBsAg screening a negative repeat test overturned).
    if ((now.basis === 'confirmed_positive') !== (was.basis === 'confirmed_positive')) {
      await this.risk.regradeAfterTestResult(manager, pregnancy, test.resultDate, actor);
    }
    if (now.indicated && !was.indicated) {
      await this.exposedInfants.followNewborns(manager, pregnancy.id);
    }
    if (was.indicated && now.excludedOn !== null) {
      const infants = await manager.find(ExposedInfant, { where: { pregnancyId: pregnancy.id } });
      for (const infant of infants) {
        await this.audit.record(manager, {
          entity: 'exposed_infant',
          entityId: infant.id,
          action: 'update',
          before: { exposure: { disease: was.disease, basis: was.basis } },
          after: {
            exposure: { disease: now.disease, basis: null, excludedOn: now.excludedOn },
            byTest: test.id,
          },
        });
      }
    }
  }

  private async requireConfirmed(
    manager: EntityManager,
    pregnancyId: number,
    disease: DiseaseCode,
    field: string,
  ) {
    if (!(await this.confirmedDiseases(manager, pregnancyId)).includes(disease))
      throw notConfirmedPositive(field, disease);
  }

  private syphilisVerdict(
    pregnancy: Pregnancy,
    tests: PmtctTest[],
    treatments: MaternalTreatment[],
    doses: Map<number, TreatmentDose[]>,
  ) {
    const firstPositive = tests.find(
      (t) => t.subject === 'woman' && t.disease === 'syphilis' && t.result === 'positive',
    );
    const courses = treatments
      .filter((t) => t.kind === 'syphilis_course')
      .map((t) => ({ doses: doses.get(t.id) ?? [] }));
    const ga = Math.max(0, gestationalAgeDays(pregnancy.edd, firstPositive!.sampleDate));
    return syphilisTreatment(courses, ga, pregnancy.outcomeDate, this.policy.syphilis);
  }

  private async dosesOf(
    manager: EntityManager,
    treatments: MaternalTreatment[],
  ): Promise<Map<number, TreatmentDose[]>> {
    if (treatments.length === 0) return new Map();
    const doses = await manager.find(TreatmentDose, {
      where: { treatmentId: In(treatments.map((t) => t.id)) },
      order: { givenOn: 'ASC', id: 'ASC' },
    });
    return new Map(treatments.map((t) => [t.id, doses.filter((d) => d.treatmentId === t.id)]));
  }

  /**
   * A pregnancy of an episode the caller's facility takes part in. Its PMTCT records carry the
   * managing facility for now: the PMTCT cohorts find a delivery's tests through it.
   */
  private async pregnancyOf(manager: EntityManager, id: number, actor: Actor): Promise<Pregnancy> {
    return this.access.pregnancy(manager, await manager.findOneBy(Pregnancy, { id }), actor, () =>
      pregnancyNotFound(id),
    );
  }

  /**
   * `pregnancyOf`, locked: the first read of a write that decides from her other records (her
   * babies, her results). A plain read before the lock would fix the transaction's snapshot, and
   * what a delivery or a result holding her lock wrote meanwhile would go unseen.
   */
  private lockedPregnancyOf(
    manager: EntityManager,
    id: number,
    actor: Actor,
    notFound = () => pregnancyNotFound(id),
  ): Promise<Pregnancy> {
    return this.access.lockPregnancy(manager, id, actor, notFound);
  }

  private async testIn(manager: EntityManager, testId: number, pregnancyId: number): Promise<void> {
    if (!(await manager.existsBy(PmtctTest, { id: testId, pregnancyId }))) {
      throw pmtctInvalid([
        {
          field: 'testId',
          rule: 'ofThisPregnancy',
          message: 'testId names no test of this pregnancy',
        },
      ]);
    }
  }

  /** A day of this episode: from the pregnancy's start (GA 0) to today. */
  private checkDay(field: string, date: string, pregnancy: Pregnancy): void {
    const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    if (date > this.clock.today() || date < start) {
      throw pmtctInvalid([
        { field, rule: 'withinPregnancy', message: `${field} must be between ${start} and today` },
      ]);
    }
  }

  /**
   * ART may have begun before this pregnancy: then its true start date, before the LMP, with
   * onArtAtConception. Every other treatment starts within the pregnancy.
   */
  private treatmentStartProblems(input: RecordTreatmentDto, pregnancy: Pregnancy): ErrorDetail[] {
    const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    const onArtAtConception = input.onArtAtConception ?? false;
    if (input.startedOn > this.clock.today()) {
      return [
        { field: 'startedOn', rule: 'notFuture', message: 'startedOn must not be after today' },
      ];
    }
    if (input.kind !== 'art') {
      if (onArtAtConception) {
        return [
          {
            field: 'onArtAtConception',
            rule: 'artOnly',
            message: 'onArtAtConception is for antiretroviral therapy',
          },
        ];
      }
      this.checkDay('startedOn', input.startedOn, pregnancy);
      return [];
    }
    switch (artStartProblem(input.startedOn, start, onArtAtConception)) {
      case 'beforePregnancyNeedsOnArtAtConception':
        return [
          {
            field: 'startedOn',
            rule: 'withinPregnancy',
            message: `ART started before the LMP (${start}) is recorded with onArtAtConception: true`,
          },
        ];
      case 'onArtAtConceptionNeedsStartBeforeLmp':
        return [
          {
            field: 'onArtAtConception',
            rule: 'startedBeforeLmp',
            message: `on ART at conception means ART started before the LMP (${start})`,
          },
        ];
      case null:
        return [];
    }
  }

  /** HBV DNA and HBeAg belong to an HBsAg test. */
  private checkHbvMarkers(
    disease: DiseaseCode,
    input: { hbvDnaIuPerMl?: number; hbeag?: string },
  ): void {
    if (disease === 'hbsag') return;
    const problems = (['hbvDnaIuPerMl', 'hbeag'] as const)
      .filter((field) => input[field] !== undefined)
      .map((field) => ({
        field,
        rule: 'hbsagOnly',
        message: `${field} is recorded on an HBsAg test`,
      }));
    if (problems.length > 0) throw pmtctInvalid(problems);
  }

  private checkResult(
    sampleDate: string,
    result: string | undefined,
    resultDate: string | undefined,
  ): void {
    const problems: ErrorDetail[] = [];
    if (resultDate && resultDate < sampleDate) {
      problems.push({
        field: 'resultDate',
        rule: 'notBeforeSample',
        message: `resultDate must not be before the sample (${sampleDate})`,
      });
    }
    if (resultDate && resultDate > this.clock.today()) {
      problems.push({
        field: 'resultDate',
        rule: 'notFuture',
        message: 'resultDate must not be after today',
      });
    }
    if (resultDate && !result) {
      problems.push({
        field: 'result',
        rule: 'requiredWithResultDate',
        message: 'a resultDate needs the result',
      });
    }
    if (problems.length > 0) throw pmtctInvalid(problems);
  }

  private checkBirth(bornAt: Date, pregnancy: Pregnancy): void {
    const day = this.clock.dateOf(bornAt);
    const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    if (bornAt > new Date() || day < start) {
      throw pmtctInvalid([
        {
          field: 'bornAt',
          rule: 'withinPregnancy',
          message: 'bornAt must be after the pregnancy began and not in the future',
        },
      ]);
    }
  }
}
