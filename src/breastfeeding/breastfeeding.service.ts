import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireNotVoided } from '../core/database/voids';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { inActorFacility } from '../core/auth/facility-scope';
import { DomainError } from '../core/errors/domain.error';
import { HospitalClock } from '../core/time/hospital-clock';
import { Newborn } from '../delivery/delivery.entities';
import { newbornNotFound } from '../delivery/delivery.errors';
import { BreastfeedingFollowUp } from './breastfeeding.entities';
import {
  BreastfeedingFollowUpDto,
  BreastfeedingFollowUpRecordDto,
  ReferralOutcomeDto,
} from './dto/breastfeeding.dto';
import { classifyRecall } from './rules/feeding-recall';
import { completedMonthsOfAge } from './rules/postpartum-schedule';

const invalid = (field: string, rule: string, message: string) =>
  new DomainError('POSTPARTUM_CONTACT_INVALID', message, [{ field, rule, message }]);

/** Breastfeeding follow-up: 24-hour recall, problems, guidance and referral. */
@Injectable()
export class BreastfeedingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  async record(
    newbornId: number,
    input: BreastfeedingFollowUpDto,
    actor: Actor,
  ): Promise<BreastfeedingFollowUpRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      // The community that visits her at home records it, as may any participant.
      const newborn = await this.access.record(
        manager,
        await manager.findOneBy(Newborn, { id: newbornId }),
        actor,
        () => newbornNotFound(newbornId),
        undefined,
        'after_birth',
      );
      requireNotVoided(newborn, 'Newborn');
      if (newborn.vitalStatus !== 'live_birth')
        throw invalid('newbornId', 'liveBirthOnly', 'a follow-up is for a live-born baby');
      const birthDate = this.clock.dateOf(newborn.bornAt);
      if (input.followedUpOn < birthDate || input.followedUpOn > this.clock.today()) {
        throw invalid(
          'followedUpOn',
          'afterBirth',
          `followedUpOn must be between the birth (${birthDate}) and today`,
        );
      }
      if (input.referralOutcome && !input.referral) {
        throw invalid(
          'referralOutcome',
          'requiresReferral',
          'a referral outcome needs the referral',
        );
      }
      const followUp = await manager.save(
        manager.create(BreastfeedingFollowUp, {
          ...input,
          guidance: input.guidance ?? null,
          referral: input.referral ?? null,
          referralOutcome: input.referralOutcome ?? null,
          classification: classifyRecall(input),
          newbornId,
          pregnancyId: newborn.pregnancyId,
          facilityId: actor.facilityId,
          recordedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'breastfeeding_follow_up',
        entityId: followUp.id,
        action: 'create',
        after: { newbornId, ...input, classification: followUp.classification },
        facilityId: newborn.facilityId,
      });
      return this.map(followUp, birthDate);
    });
  }

  async setReferralOutcome(
    id: number,
    input: ReferralOutcomeDto,
    actor: Actor,
  ): Promise<BreastfeedingFollowUpRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      const followUp = inActorFacility(
        await manager.findOneBy(BreastfeedingFollowUp, { id }),
        actor,
        () =>
          new DomainError('FOLLOW_UP_NOT_FOUND', `Follow-up ${id} was not found in your facility`),
      );
      if (!followUp.referral)
        throw invalid('referralOutcome', 'requiresReferral', 'this follow-up made no referral');
      await manager.update(BreastfeedingFollowUp, id, { referralOutcome: input.referralOutcome });
      await this.audit.record(manager, {
        entity: 'breastfeeding_follow_up',
        entityId: id,
        action: 'update',
        before: { referralOutcome: followUp.referralOutcome },
        after: { referralOutcome: input.referralOutcome },
      });
      const newborn = await manager.findOneByOrFail(Newborn, { id: followUp.newbornId });
      return this.map(
        { ...followUp, referralOutcome: input.referralOutcome },
        this.clock.dateOf(newborn.bornAt),
      );
    });
  }

  async list(newbornId: number, actor: Actor): Promise<BreastfeedingFollowUpRecordDto[]> {
    const newborn = await this.access.record(
      this.dataSource.manager,
      await this.dataSource.getRepository(Newborn).findOneBy({ id: newbornId }),
      actor,
      () => newbornNotFound(newbornId),
      'feeding follow-ups',
      'after_birth',
    );
    const followUps = await this.dataSource.getRepository(BreastfeedingFollowUp).find({
      where: { newbornId },
      order: { followedUpOn: 'ASC', id: 'ASC' },
    });
    const birthDate = this.clock.dateOf(newborn.bornAt);
    return followUps.map((f) => this.map(f, birthDate));
  }

  private map(followUp: BreastfeedingFollowUp, birthDate: string): BreastfeedingFollowUpRecordDto {
    return {
      id: followUp.id,
      newbornId: followUp.newbornId,
      contact: followUp.contact,
      followedUpOn: followUp.followedUpOn,
      breastMilk: followUp.breastMilk,
      water: followUp.water,
      formulaOrOtherMilk: followUp.formulaOrOtherMilk,
      otherLiquids: followUp.otherLiquids,
      solids: followUp.solids,
      orsDropsMedicine: followUp.orsDropsMedicine,
      classification: followUp.classification,
      problems: followUp.problems as BreastfeedingFollowUpDto['problems'],
      guidance: followUp.guidance ?? undefined,
      referral: followUp.referral ?? undefined,
      referralOutcome: followUp.referralOutcome ?? undefined,
      ageMonths: completedMonthsOfAge(birthDate, followUp.followedUpOn),
      recordedBy: followUp.recordedBy,
    };
  }
}
