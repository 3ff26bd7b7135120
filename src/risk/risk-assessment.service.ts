import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AntenatalVisit } from '../antenatal/antenatal-visit.entity';
import type { DiseaseCode } from '../pmtct/pmtct.entities';
import { testRecords } from '../pmtct/pmtct.mapper';
import { diseaseStatus } from '../pmtct/rules/pmtct-rules';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { readsSensitiveResults } from '../core/privacy/sensitive-results';
import { HospitalClock } from '../core/time/hospital-clock';
import { isDuplicateKeyError } from '../core/database/query-errors';
import type { ErrorDetail } from '../core/errors/domain.error';
import { Pregnancy } from '../women/pregnancy.entity';
import { formatGestationalAge, gestationalAgeDays } from '../women/rules/gestational-age';
import { ageInYears } from '../women/rules/registration-checks';
import { pregnancyNotFound } from '../women/women.errors';
import { AssessmentDto, AssessRiskDto } from './dto/risk.dto';
import { HighRiskCase } from './high-risk-case.entity';
import { HighRiskCasesService } from './high-risk-cases.service';
import { DAY42_CHECK_CLOSE_REASON } from './rules/case-closure';
import { AssessmentKind, RiskAssessment, RiskAssessmentFactor } from './risk-assessment.entity';
import { type GradingRecords, type GradingVisit, loadGradingRecords } from './grading-records';
import { RiskCatalogueService } from './risk-catalogue.service';
import { RiskCatalogue, RiskFactor } from './risk-catalogue.entity';
import { RiskReport } from './risk-report.entity';
import { factorDerived, factorUnknown, riskInputInvalid } from './risk.errors';
import { bmiWeight, deriveFactors, RESULT_FACTOR_CODES } from './rules/derived-factors';
import { gradingKindMismatch } from './rules/grading-kinds';
import { gradingTime } from './rules/grading-time';
import { reportDueAt } from './rules/report-deadline';
import { colourRank, grade, type Grading, isHighRisk } from './rules/risk-colour';

interface FactorFinding {
  factor: RiskFactor;
  evidence: string | null;
  sourceRecord: string | null;
  note: string | null;
}

interface GradingRequest {
  kind: AssessmentKind;
  assessedAt: Date;
  assessedOn: string;
  tickedCodes: readonly string[];
  /** Notes on ticked factors, by code. */
  notes: Readonly<Record<string, string>>;
  catalogue: RiskCatalogue;
  sourceVisitId: number | null;
}

/** What changed about a pregnancy outside a visit, re-grading it (see regradeOnChangedFacts). */
export type ChangedFact =
  'fetus_count' | 'previous_caesareans' | 'pre_pregnancy_weight' | 'edd' | 'voided_visit';

export interface Regrading {
  assessmentId: number;
  colour: string;
  purple: boolean;
}

/** 妊娠风险评估分级: screening, re-grading, and what a high grading sets in motion. */
@Injectable()
export class RiskAssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogues: RiskCatalogueService,
    private readonly cases: HighRiskCasesService,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  async assess(pregnancyId: number, input: AssessRiskDto, actor: Actor): Promise<AssessmentDto> {
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
      return (await this.assessWithin(manager, pregnancy, input, actor)).id;
    });
    return (await this.loadAssessments([id]))[0];
  }

  /** A clinician's grading inside the caller's transaction (a postpartum contact makes one). */
  async assessWithin(
    manager: EntityManager,
    pregnancy: Pregnancy,
    input: AssessRiskDto,
    actor: Actor,
  ): Promise<RiskAssessment> {
    const time = this.gradingTime(input);
    if (time.assessedAt === null) throw riskInputInvalid(time.problems);
    this.checkKindAndDate(pregnancy, input.kind, time.assessedOn);
    const tickedCodes = [...new Set(input.factorCodes)];
    const notes = checkNotes(tickedCodes, input.factorNotes ?? []);
    // The grading facility's catalogue: the one its clinicians grade with.
    const catalogue = await this.catalogues.forAssessment(
      manager,
      actor.facilityId,
      input.catalogueVersion,
    );
    const assessment = await this.gradeAndStore(manager, pregnancy, actor, {
      kind: input.kind,
      assessedAt: time.assessedAt,
      assessedOn: time.assessedOn,
      tickedCodes,
      notes,
      catalogue,
      sourceVisitId: null,
    });
    // Case management follows her until the 42-day check (DOMAIN.md §4), whatever it finds.
    if (input.kind === 'day42_check') {
      await this.cases.closeForPregnancy(manager, pregnancy.id, DAY42_CHECK_CLOSE_REASON);
    }
    return assessment;
  }

  /**
   * The one re-grading for facts that change outside a visit: the fetus count, previous
   * caesareans, the pre-pregnancy weight, or the dating (every EDD change). The caller calls it
   * inside its transaction after writing the change. A screened pregnancy gets an automatic
   * assessment, audited, when its colour, PURPLE or derived factors change; one not yet screened
   * is left to the clinician's screening.
   */
  async regradeOnChangedFacts(
    manager: EntityManager,
    pregnancyId: number,
    change: ChangedFact,
    actor: Actor,
  ): Promise<Regrading | null> {
    const pregnancy = await manager.findOneByOrFail(Pregnancy, { id: pregnancyId });
    if (!['open', 'delivered'].includes(pregnancy.status)) return null;
    return this.regrade(
      manager,
      pregnancy,
      actor,
      {
        onDate: this.clock.today(),
        sourceVisitId: null,
        evenIfUnscreened: false,
        alsoWhenFactorsChange: true,
        change,
      },
      await loadGradingRecords(manager, pregnancy),
    );
  }

  async history(pregnancyId: number, actor: Actor): Promise<AssessmentDto[]> {
    await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'risk gradings',
    );
    const assessments = await this.dataSource.getRepository(RiskAssessment).find({
      select: { id: true },
      where: { pregnancyId },
      order: { assessedAt: 'DESC', id: 'DESC' },
    });
    const loaded = await this.loadAssessments(assessments.map((assessment) => assessment.id));
    return this.guardResultFactors(loaded, pregnancyId, actor);
  }

  /**
   * A factor stating an HIV, syphilis or HBsAg result is shown to the clinical roles only, each
   * such read audited; the others see the grading (its colour is PURPLE either way) without it.
   */
  private async guardResultFactors(
    assessments: AssessmentDto[],
    pregnancyId: number,
    actor: Actor,
  ): Promise<AssessmentDto[]> {
    const isResult = (code: string) => (RESULT_FACTOR_CODES as readonly string[]).includes(code);
    const shown = assessments.filter((a) => a.factors.some((f) => isResult(f.code)));
    if (shown.length === 0) return assessments;
    if (!readsSensitiveResults(actor)) {
      return assessments.map((a) => ({
        ...a,
        factors: a.factors.filter((f) => !isResult(f.code)),
      }));
    }
    await this.audit.record(this.dataSource.manager, {
      entity: 'pregnancy',
      entityId: pregnancyId,
      action: 'view_sensitive',
      after: { view: 'risk_assessments', assessments: shown.map((a) => a.id) },
      facilityId: actor.facilityId,
    });
    return assessments;
  }

  /**
   * After a visit: grade again with the new measurements and the clinician's latest ticked
   * factors; record an assessment only when the colour or PURPLE changes. A pregnancy not yet
   * screened is left to the clinician's screening.
   */
  regradeAfterVisit(
    manager: EntityManager,
    pregnancy: Pregnancy,
    visit: AntenatalVisit,
    actor: Actor,
    records: GradingRecords,
  ): Promise<Regrading | null> {
    return this.regrade(
      manager,
      pregnancy,
      actor,
      {
        onDate: visit.visitDate,
        sourceVisitId: visit.id,
        evenIfUnscreened: false,
        alsoWhenFactorsChange: false,
        change: null,
      },
      records,
    );
  }

  /** After a confirmed positive HIV, syphilis or HBsAg result: PURPLE, screened or not. */
  async regradeAfterTestResult(
    manager: EntityManager,
    pregnancy: Pregnancy,
    resultDate: string,
    actor: Actor,
  ): Promise<Regrading | null> {
    return this.regrade(
      manager,
      pregnancy,
      actor,
      {
        onDate: resultDate,
        sourceVisitId: null,
        evenIfUnscreened: true,
        alsoWhenFactorsChange: false,
        change: null,
      },
      await loadGradingRecords(manager, pregnancy),
    );
  }

  private async regrade(
    manager: EntityManager,
    pregnancy: Pregnancy,
    actor: Actor,
    trigger: {
      onDate: string;
      sourceVisitId: number | null;
      evenIfUnscreened: boolean;
      /** Also record when the derived factors change under the same colour. */
      alsoWhenFactorsChange: boolean;
      change: ChangedFact | null;
    },
    records: GradingRecords,
  ): Promise<Regrading | null> {
    const { latest } = records;
    if (!latest && !trigger.evenIfUnscreened) return null;
    const catalogue = latest
      ? await this.catalogues.byId(manager, latest.catalogueId)
      : await this.catalogues.forAssessment(manager, pregnancy.facilityId);
    const assessedOn =
      latest && latest.assessedOn > trigger.onDate ? latest.assessedOn : trigger.onDate;
    const tickedCodes = latest?.tickedCodes ?? [];
    const notes = latest?.tickedNotes ?? {};
    const findings = await this.findings(
      manager,
      pregnancy,
      catalogue,
      tickedCodes,
      notes,
      assessedOn,
      records,
    );
    const grading = grade(findings.map(({ factor }) => factor));
    const sameGrading =
      grading.colour === pregnancy.riskColour && grading.purple === pregnancy.riskPurple;
    const derivedNow = findings
      .filter(({ factor }) => factor.origin === 'derived')
      .map(({ factor }) => factor.code)
      .sort();
    const sameFactors =
      !trigger.alsoWhenFactorsChange ||
      derivedNow.join() === [...(latest?.derivedCodes ?? [])].sort().join();
    if (sameGrading && sameFactors) return null;
    const time = this.gradingTime({ assessedOn });
    const assessment = await this.store(manager, pregnancy, actor, findings, grading, {
      kind: 'automatic',
      assessedAt: time.assessedAt!,
      assessedOn,
      tickedCodes,
      notes,
      catalogue,
      sourceVisitId: trigger.sourceVisitId,
    });
    if (trigger.change) {
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: pregnancy.id,
        action: 'update',
        after: { regradedAfter: trigger.change, assessmentId: assessment.id },
        facilityId: pregnancy.facilityId,
      });
    }
    return { assessmentId: assessment.id, colour: assessment.colour, purple: assessment.purple };
  }

  private gradingTime(input: { assessedAt?: Date; assessedOn?: string }) {
    return gradingTime(input, new Date(), this.clock.timeZone());
  }

  private checkKindAndDate(pregnancy: Pregnancy, kind: AssessmentKind, assessedOn: string): void {
    const problems: ErrorDetail[] = [];
    if (assessedOn < pregnancy.registrationDate) {
      problems.push({
        field: 'assessedOn',
        rule: 'notBeforeRegistration',
        message: `assessedOn must not be before the registration date ${pregnancy.registrationDate}`,
      });
    }
    const needs = gradingKindMismatch(kind, pregnancy.status);
    if (needs !== null) {
      problems.push({
        field: 'kind',
        rule: 'matchesPregnancyStatus',
        message: `a ${kind} assessment needs ${needs === 'open' ? 'an open' : 'a delivered'} pregnancy; this one is ${pregnancy.status}`,
      });
    }
    if (problems.length > 0) throw riskInputInvalid(problems);
  }

  private async gradeAndStore(
    manager: EntityManager,
    pregnancy: Pregnancy,
    actor: Actor,
    request: GradingRequest,
  ): Promise<RiskAssessment> {
    const findings = await this.findings(
      manager,
      pregnancy,
      request.catalogue,
      request.tickedCodes,
      request.notes,
      request.assessedOn,
      await loadGradingRecords(manager, pregnancy),
    );
    return this.store(
      manager,
      pregnancy,
      actor,
      findings,
      grade(findings.map(({ factor }) => factor)),
      request,
    );
  }

  private async store(
    manager: EntityManager,
    pregnancy: Pregnancy,
    actor: Actor,
    findings: FactorFinding[],
    grading: Grading,
    request: GradingRequest,
  ): Promise<RiskAssessment> {
    const ga = gestationalAgeDays(pregnancy.edd, request.assessedOn);
    const ended = pregnancy.outcomeDate !== null && request.assessedOn > pregnancy.outcomeDate;
    const assessment = await manager.save(
      manager.create(RiskAssessment, {
        pregnancyId: pregnancy.id,
        facilityId: actor.facilityId,
        kind: request.kind,
        assessedAt: request.assessedAt,
        assessedOn: request.assessedOn,
        gaDays: ended ? null : ga,
        colour: grading.colour,
        purple: grading.purple,
        catalogueId: request.catalogue.id,
        assessorId: actor.userId,
        sourceVisitId: request.sourceVisitId,
      }),
    );
    if (findings.length > 0) {
      await manager.insert(
        RiskAssessmentFactor,
        findings.map(({ factor, evidence, sourceRecord, note }) => ({
          assessmentId: assessment.id,
          code: factor.code,
          colour: factor.colour,
          purple: factor.purple,
          origin: factor.origin,
          evidence,
          sourceRecord,
          note,
        })),
      );
    }
    await this.audit.record(manager, {
      entity: 'risk_assessment',
      entityId: assessment.id,
      action: 'create',
      after: {
        pregnancyId: pregnancy.id,
        kind: assessment.kind,
        colour: assessment.colour,
        purple: assessment.purple,
        factors: findings.map(({ factor }) => factor.code),
        catalogue: request.catalogue.version,
      },
    });
    await this.afterGrading(manager, pregnancy, grading, assessment, actor);
    return assessment;
  }

  /**
   * The pregnancy shows the latest grading; ORANGE, RED or PURPLE opens a high-risk case; a
   * grading that rises to ORANGE or RED must be reported to the district (3 days / 24 hours).
   */
  private async afterGrading(
    manager: EntityManager,
    pregnancy: Pregnancy,
    grading: Grading,
    assessment: RiskAssessment,
    actor: Actor,
  ): Promise<void> {
    const previous = pregnancy.riskColour;
    await manager.query('UPDATE pregnancy SET risk_colour = ?, risk_purple = ? WHERE id = ?', [
      grading.colour,
      grading.purple,
      pregnancy.id,
    ]);
    pregnancy.riskColour = grading.colour;
    pregnancy.riskPurple = grading.purple;

    // The 42-day check ends case management: it opens no case (it closes the open one).
    const followed = ['open', 'delivered'].includes(pregnancy.status);
    if (isHighRisk(grading) && followed && assessment.kind !== 'day42_check') {
      await this.openCaseIfNone(manager, pregnancy, assessment, actor);
    }
    const reportable = grading.colour === 'orange' || grading.colour === 'red';
    const rose = previous === null || colourRank(grading.colour) > colourRank(previous);
    if (reportable && rose) {
      const colour = grading.colour as 'orange' | 'red';
      const report = await manager.save(
        manager.create(RiskReport, {
          assessmentId: assessment.id,
          pregnancyId: pregnancy.id,
          facilityId: pregnancy.facilityId,
          colour,
          gradedAt: assessment.assessedAt,
          dueAt: reportDueAt(colour, assessment.assessedAt),
        }),
      );
      await this.audit.record(manager, {
        entity: 'risk_report',
        entityId: report.id,
        action: 'create',
        after: { pregnancyId: pregnancy.id, colour, dueAt: report.dueAt.toISOString() },
      });
    }
  }

  private async openCaseIfNone(
    manager: EntityManager,
    pregnancy: Pregnancy,
    assessment: RiskAssessment,
    actor: Actor,
  ): Promise<void> {
    if (await manager.existsBy(HighRiskCase, { pregnancyId: pregnancy.id, status: 'open' })) return;
    try {
      const opened = await manager.save(
        manager.create(HighRiskCase, {
          pregnancyId: pregnancy.id,
          facilityId: pregnancy.facilityId,
          status: 'open',
          openedByAssessmentId: assessment.id,
          openedAt: assessment.assessedAt,
        }),
      );
      await this.audit.record(manager, {
        entity: 'high_risk_case',
        entityId: opened.id,
        action: 'create',
        after: {
          pregnancyId: pregnancy.id,
          openedByAssessmentId: assessment.id,
          openedBy: actor.userId,
        },
      });
    } catch (error) {
      if (!isDuplicateKeyError(error, 'uq_high_risk_case_open')) throw error;
    }
  }

  /** Ticked factors checked against the catalogue, plus every factor derived from the records. */
  private async findings(
    manager: EntityManager,
    pregnancy: Pregnancy,
    catalogue: RiskCatalogue,
    tickedCodes: readonly string[],
    notes: Readonly<Record<string, string>>,
    assessedOn: string,
    records: GradingRecords,
  ): Promise<FactorFinding[]> {
    const byCode = await this.catalogues.factorsOf(manager, catalogue.id);
    const unknown = tickedCodes.filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      throw factorUnknown(
        unknown.map((code) => ({
          field: `factorCodes[${tickedCodes.indexOf(code)}]`,
          rule: 'inCatalogue',
          message: `${code} is not in catalogue ${catalogue.version}`,
        })),
      );
    }
    const derivedTicks = tickedCodes.filter((code) => byCode.get(code)!.origin === 'derived');
    if (derivedTicks.length > 0) {
      throw factorDerived(
        derivedTicks.map((code) => ({
          field: `factorCodes[${tickedCodes.indexOf(code)}]`,
          rule: 'notDerived',
          message: `${code} is derived from recorded data`,
        })),
      );
    }
    const withoutNote = tickedCodes.filter(
      (code) => byCode.get(code)!.requiresNote && !notes[code],
    );
    if (withoutNote.length > 0) {
      throw riskInputInvalid(
        withoutNote.map((code) => ({
          field: `factorCodes[${tickedCodes.indexOf(code)}]`,
          rule: 'noteRequired',
          message: `${code} is an "other" item: say what in factorNotes`,
        })),
      );
    }
    const ticked = tickedCodes.map((code) => ({
      factor: byCode.get(code)!,
      evidence: null,
      sourceRecord: null,
      note: notes[code] ?? null,
    }));
    const derived = derivedFindings(pregnancy, assessedOn, records).flatMap((finding) => {
      const factor = byCode.get(finding.code);
      return factor
        ? [{ factor, evidence: finding.evidence, sourceRecord: finding.sourceRecord, note: null }]
        : [];
    });
    return [...ticked, ...derived];
  }

  private async loadAssessments(ids: number[]): Promise<AssessmentDto[]> {
    if (ids.length === 0) return [];
    const [assessments, factors] = await Promise.all([
      this.dataSource.getRepository(RiskAssessment).find({ where: { id: In(ids) } }),
      this.dataSource.getRepository(RiskAssessmentFactor).find({
        where: { assessmentId: In(ids) },
        order: { id: 'ASC' },
      }),
    ]);
    const catalogues = await this.dataSource
      .getRepository(RiskCatalogue)
      .find({ where: { id: In([...new Set(assessments.map((a) => a.catalogueId))]) } });
    const descriptions = await this.dataSource.getRepository(RiskFactor).find({
      where: { catalogueId: In(catalogues.map((c) => c.id)) },
    });
    const description = (catalogueId: number, code: string) =>
      descriptions.find((d) => d.catalogueId === catalogueId && d.code === code)?.descriptionZh ??
      null;
    const byId = new Map(assessments.map((a) => [a.id, a]));
    return ids.map((id) => {
      const assessment = byId.get(id)!;
      return {
        id: assessment.id,
        pregnancyId: assessment.pregnancyId,
        kind: assessment.kind,
        assessedAt: assessment.assessedAt.toISOString(),
        assessedOn: assessment.assessedOn,
        gaDays: assessment.gaDays,
        colour: assessment.colour,
        purple: assessment.purple,
        catalogueVersion: catalogues.find((c) => c.id === assessment.catalogueId)!.version,
        assessorId: assessment.assessorId,
        sourceVisitId: assessment.sourceVisitId,
        factors: factors
          .filter((factor) => factor.assessmentId === id)
          .map((factor) => ({
            code: factor.code,
            colour: factor.colour,
            purple: factor.purple,
            origin: factor.origin,
            evidence: factor.evidence,
            sourceRecord: factor.sourceRecord,
            descriptionZh: description(assessment.catalogueId, factor.code),
            note: factor.note,
          })),
      };
    });
  }
}

/** The factors the records show as of `assessedOn`, each with the record it comes from. */
function derivedFindings(
  pregnancy: Pregnancy,
  assessedOn: string,
  records: GradingRecords,
): { code: string; evidence: string; sourceRecord: string }[] {
  const visits = records.visits.filter((visit) => visit.visitDate <= assessedOn);
  const latest = (has: (visit: GradingVisit) => boolean) => [...visits].reverse().find(has);
  const height = latest((v) => v.heightCm !== null);
  const weight = bmiWeight(
    pregnancy.prePregnancyWeightKg,
    visits.map((v) => ({
      id: v.id,
      weightKg: v.weightKg,
      gaDays: gestationalAgeDays(pregnancy.edd, v.visitDate),
    })),
  );
  const haemoglobin = latest((v) => v.haemoglobinGL !== null);
  const platelets = latest((v) => v.plateletsE9L !== null);
  const pressure = latest((v) => v.systolicMmHg !== null && v.diastolicMmHg !== null);

  const sources: Record<string, string> = {
    AGE: `woman:${pregnancy.womanId}`,
    BMI: weight?.visitId ? `visit:${weight.visitId}` : `pregnancy:${pregnancy.id}`,
    HEIGHT: `visit:${height?.id}`,
    ANAEMIA: `visit:${haemoglobin?.id}`,
    SEVERE: `visit:${haemoglobin?.id}`,
    HB: `visit:${haemoglobin?.id}`,
    PLATELETS: `visit:${platelets?.id}`,
    BP: `visit:${pressure?.id}`,
  };
  const known = records.tests.filter(
    (test) => test.resultDate !== null && test.resultDate <= assessedOn,
  );
  const confirmed = (disease: DiseaseCode) =>
    diseaseStatus(testRecords(known), disease) === 'confirmed_positive';
  // HBsAg needs no confirmation: its positive result is the source (the latest, as it decides).
  const confirmation = (disease: DiseaseCode) =>
    disease === 'hbsag'
      ? known.findLast((t) => t.disease === disease && t.result === 'positive')
      : known.find(
          (t) => t.disease === disease && t.kind === 'confirmatory' && t.result === 'positive',
        );
  sources.HIV = `pmtct_test:${confirmation('hiv')?.id}`;
  sources.SYPHILIS = `pmtct_test:${confirmation('syphilis')?.id}`;
  sources.HBSAG = `pmtct_test:${confirmation('hbsag')?.id}`;
  const bmiSource =
    weight && weight.gaDays !== null ? ` (weight at ${formatGestationalAge(weight.gaDays)})` : '';
  const derived = deriveFactors({
    ageAtRegistration: ageInYears(records.birthDate, pregnancy.registrationDate),
    heightCm: height?.heightCm ?? null,
    weightKg: weight?.weightKg ?? null,
    haemoglobinGL: haemoglobin?.haemoglobinGL ?? null,
    plateletsE9L: platelets?.plateletsE9L ?? null,
    systolicMmHg: pressure?.systolicMmHg ?? null,
    diastolicMmHg: pressure?.diastolicMmHg ?? null,
    previousCaesareans: pregnancy.previousCaesareans,
    fetusCount: pregnancy.fetusCount,
    ivf: pregnancy.ivfTransferDate !== null,
    confirmedPositive: {
      hiv: confirmed('hiv'),
      syphilis: confirmed('syphilis'),
      hbsag: confirmed('hbsag'),
    },
  });
  return derived.map((factor) => ({
    ...factor,
    evidence: factor.code.startsWith('BMI_')
      ? `${factor.evidence}${weight?.visitId ? bmiSource : ' (pre-pregnancy weight)'}`
      : factor.evidence,
    sourceRecord: sources[factor.code.split('_')[0]] ?? `pregnancy:${pregnancy.id}`,
  }));
}

/** Notes by code; a note must belong to a ticked factor, and a code has one note at most. */
function checkNotes(
  tickedCodes: readonly string[],
  notes: readonly { code: string; note: string }[],
): Record<string, string> {
  const problems: ErrorDetail[] = [];
  const byCode: Record<string, string> = {};
  notes.forEach(({ code, note }, index) => {
    if (!tickedCodes.includes(code)) {
      problems.push({
        field: `factorNotes[${index}].code`,
        rule: 'ticked',
        message: `${code} is not among factorCodes`,
      });
    } else if (code in byCode) {
      problems.push({
        field: `factorNotes[${index}].code`,
        rule: 'unique',
        message: `${code} has a note already`,
      });
    }
    byCode[code] = note.trim();
  });
  if (problems.length > 0) throw riskInputInvalid(problems);
  return byCode;
}
