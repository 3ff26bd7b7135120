import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { DomainError } from '../core/errors/domain.error';
import { HospitalClock } from '../core/time/hospital-clock';
import { Delivery } from '../delivery/delivery.entities';
import { RiskAssessmentService } from '../risk/risk-assessment.service';
import { PregnanciesService } from '../women/pregnancies.service';
import { Pregnancy } from '../women/pregnancy.entity';
import { pregnancyNotFound } from '../women/women.errors';
import { PostpartumContact } from './breastfeeding.entities';
import { PostpartumContactDto, PostpartumContactRecordDto } from './dto/breastfeeding.dto';
import { postpartumVisitCounts } from './rules/postpartum-schedule';

const invalid = (field: string, rule: string, message: string) =>
  new DomainError('POSTPARTUM_CONTACT_INVALID', message, [{ field, rule, message }]);

/** 产后访视 and the 42-day check: each re-assesses the risk; a 42-day check that closes ends the case. */
@Injectable()
export class PostpartumService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly risk: RiskAssessmentService,
    private readonly pregnancies: PregnanciesService,
    private readonly access: EpisodeAccess,
  ) {}

  async record(
    pregnancyId: number,
    input: PostpartumContactDto,
    actor: Actor,
  ): Promise<PostpartumContactRecordDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.access.pregnancy(
        manager,
        await manager.findOne(Pregnancy, {
          where: { id: pregnancyId },
          lock: { mode: 'pessimistic_write' },
        }),
        actor,
        () => pregnancyNotFound(pregnancyId),
        undefined,
        'after_birth',
      );
      if (pregnancy.status !== 'delivered' || !pregnancy.outcomeDate) {
        throw invalid(
          'kind',
          'afterDelivery',
          `postpartum care follows a delivery; this pregnancy is ${pregnancy.status}`,
        );
      }
      if (input.contactDate < pregnancy.outcomeDate || input.contactDate > this.clock.today()) {
        throw invalid(
          'contactDate',
          'afterDelivery',
          `contactDate must be between the delivery (${pregnancy.outcomeDate}) and today`,
        );
      }
      if (input.kind === 'postpartum_visit' && (input.classification || input.disposition)) {
        throw invalid(
          'classification',
          'day42CheckOnly',
          'classification and disposition belong to the 42-day check',
        );
      }
      const assessment = await this.risk.assessWithin(
        manager,
        pregnancy,
        { kind: input.kind, assessedOn: input.contactDate, factorCodes: input.factorCodes },
        actor,
      );
      const contact = await manager.save(
        manager.create(PostpartumContact, {
          pregnancyId,
          facilityId: actor.facilityId,
          kind: input.kind,
          contactDate: input.contactDate,
          findings: input.findings ?? null,
          classification: input.classification ?? null,
          disposition: input.disposition ?? null,
          assessmentId: assessment.id,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'postpartum_contact',
        entityId: contact.id,
        action: 'create',
        after: { pregnancyId, ...input },
      });
      if (input.kind === 'day42_check' && input.disposition === 'close') {
        const current = await manager.findOneByOrFail(Pregnancy, { id: pregnancyId });
        await this.pregnancies.applyStatusChange(manager, current, {
          version: current.version,
          status: 'closed',
          effectiveDate: input.contactDate,
          reason: '42天检查结案',
        });
      }
      return contact.id;
    });
    return this.view(id);
  }

  async list(pregnancyId: number, actor: Actor): Promise<PostpartumContactRecordDto[]> {
    await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'postpartum contacts',
      'after_birth',
    );
    const contacts = await this.dataSource.getRepository(PostpartumContact).find({
      where: { pregnancyId },
      order: { contactDate: 'ASC', id: 'ASC' },
    });
    return Promise.all(contacts.map((c) => this.view(c.id)));
  }

  private async view(id: number): Promise<PostpartumContactRecordDto> {
    const contact = await this.dataSource.getRepository(PostpartumContact).findOneByOrFail({ id });
    const [delivery, assessment] = await Promise.all([
      this.dataSource
        .getRepository(Delivery)
        .findOneBy({ pregnancyId: contact.pregnancyId, voidedAt: IsNull() }),
      contact.assessmentId
        ? this.dataSource.query<{ colour: string }[]>(
            'SELECT colour FROM risk_assessment WHERE id = ?',
            [contact.assessmentId],
          )
        : Promise.resolve([]),
    ]);
    const discharged = delivery?.motherDischargedAt
      ? this.clock.dateOf(delivery.motherDischargedAt)
      : null;
    return {
      id: contact.id,
      pregnancyId: contact.pregnancyId,
      kind: contact.kind,
      contactDate: contact.contactDate,
      findings: contact.findings,
      classification: contact.classification,
      disposition: contact.disposition,
      assessmentId: contact.assessmentId,
      riskColour: assessment[0]?.colour ?? null,
      countsForIndicators:
        contact.kind === 'postpartum_visit' &&
        discharged !== null &&
        postpartumVisitCounts(discharged, contact.contactDate),
    };
  }
}
