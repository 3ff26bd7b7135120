import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { diffOf } from '../core/audit/audit-diff';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { updateIfVersion } from '../core/database/versioned-update';
import { PageQueryDto, Page, pageOf, pageWindow } from '../core/http/pagination';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { MergeReviewRequestDto, UpdateWomanDto } from './dto/pregnancy-commands.dto';
import { MergeReviewDto, PossibleDuplicateDto, WomanContactDto } from './dto/women-responses.dto';
import { MergeReview } from './merge-review.entity';
import { PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { WOMAN_AUDITED_FIELDS } from './registration.service';
import { checkBirthDate, checkResidenceSince } from './rules/registration-checks';
import { withBlindIndexes, Woman } from './woman.entity';
import { findVisibleWomanIds, findWomanVisibleTo } from './woman.repository';
import { mergeReviewExists, possibleDuplicateNotFound, registrationInvalid } from './women.errors';
import { FULL_IDENTITY_ROLES, mapDuplicateSide, mapPossibleDuplicate } from './women.mapper';

@Injectable()
export class WomenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
  ) {}

  /** Her record and pregnancies as seen from the caller's facility; a full-identity view is audited. */
  async findOne(
    id: number,
    actor: Actor,
  ): Promise<{ woman: Woman; pregnancies: Pregnancy[]; unmasked: boolean }> {
    const woman = await findWomanVisibleTo(this.dataSource.manager, id, actor);
    const pregnancies = await this.dataSource.getRepository(Pregnancy).find({
      where: { womanId: id, facilityId: actor.facilityId },
      order: { registrationDate: 'DESC', id: 'DESC' },
    });
    const unmasked = FULL_IDENTITY_ROLES.includes(actor.role);
    if (unmasked) {
      await this.audit.record(this.dataSource.manager, {
        entity: 'woman',
        entityId: id,
        action: 'view_unmasked',
      });
    }
    return { woman, pregnancies, unmasked };
  }

  async update(id: number, input: UpdateWomanDto, actor: Actor): Promise<Woman> {
    const { version, ...changes } = input;
    await this.dataSource.transaction(async (manager) => {
      const current = await findWomanVisibleTo(manager, id, actor);
      if (changes.birthDate && changes.birthDate !== current.birthDate) {
        const problems = checkBirthDate(changes.birthDate, this.clock.today(), 'birthDate');
        if (current.documentType === 'resident_id') {
          problems.push({
            field: 'birthDate',
            rule: 'matchesResidentId',
            message:
              'the birth date of a resident ID holder follows from the ID and cannot be changed alone',
          });
        }
        if (problems.length > 0) throw registrationInvalid(problems);
      }
      const since = checkResidenceSince(
        changes.residenceSince,
        changes.birthDate ?? current.birthDate,
        this.clock.today(),
        'residenceSince',
      );
      if (since.length > 0) throw registrationInvalid(since);
      if (changes.name) changes.name = changes.name.trim();
      await updateIfVersion(manager, Woman, id, version, withBlindIndexes(changes));
      await this.audit.record(manager, {
        entity: 'woman',
        entityId: id,
        action: 'update',
        ...diffOf(current, changes, WOMAN_AUDITED_FIELDS),
      });
    });
    return findWomanVisibleTo(this.dataSource.manager, id, actor);
  }

  /**
   * Her phone and addresses in full, for a nurse who is about to call or visit her: lists show
   * them masked. Every reveal
   * is audited; a woman the caller's facility may not see is 404.
   */
  async revealContact(id: number, actor: Actor): Promise<WomanContactDto> {
    const woman = await findWomanVisibleTo(this.dataSource.manager, id, actor);
    await this.audit.record(this.dataSource.manager, {
      entity: 'woman',
      entityId: id,
      action: 'view_contact',
    });
    const running = await this.dataSource.getRepository(Pregnancy).findOne({
      where: { womanId: id, status: In(['open', 'delivered']) },
      order: { registrationDate: 'DESC', id: 'DESC' },
    });
    return {
      womanId: woman.id,
      phone: woman.phone,
      residenceAddress: woman.residenceAddress,
      hukouAddress: woman.hukouAddress,
      postpartumAddress: running?.postpartumAddress ?? null,
    };
  }

  /** Flags raised by registrations at the caller's facility, newest first. */
  async findPossibleDuplicates(
    actor: Actor,
    query: PageQueryDto,
  ): Promise<Page<PossibleDuplicateDto>> {
    const [flags, total] = await this.dataSource.getRepository(PossibleDuplicate).findAndCount({
      where: { facilityId: actor.facilityId },
      order: { detectedAt: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    const shown = await this.visibleIdentities(
      this.dataSource.manager,
      flags.map((flag) => flag.matchedWomanId),
      actor,
    );
    return pageOf(
      flags.map((flag) => mapPossibleDuplicate(flag, shown.get(flag.matchedWomanId) ?? null)),
      total,
      query,
    );
  }

  /**
   * Asks both facilities of a possible duplicate to review whether the records are one woman:
   * the request is seen by mch_staff of the facility that raised the flag and of the facility
   * that registered the matching record, and is in the audit trail of both.
   */
  async requestMergeReview(
    possibleDuplicateId: number,
    input: MergeReviewRequestDto,
    actor: Actor,
  ): Promise<MergeReviewDto> {
    return this.dataSource.transaction(async (manager) => {
      const flag = await manager.findOneBy(PossibleDuplicate, {
        id: possibleDuplicateId,
        facilityId: actor.facilityId,
      });
      if (!flag) throw possibleDuplicateNotFound(possibleDuplicateId);
      const matched = await manager.findOneOrFail(Woman, {
        select: { id: true, registeredFacilityId: true },
        where: { id: flag.matchedWomanId },
      });
      const review = manager.create(MergeReview, {
        possibleDuplicateId,
        requestingFacilityId: actor.facilityId,
        matchedFacilityId: matched.registeredFacilityId,
        status: 'requested',
        note: input.note?.trim() || null,
        requestedBy: actor.userId,
        requestedAt: new Date(),
      });
      try {
        await manager.insert(MergeReview, review);
      } catch (error) {
        if (isDuplicateKeyError(error, 'uq_merge_review_duplicate')) {
          throw mergeReviewExists(possibleDuplicateId);
        }
        throw error;
      }
      const facilities = new Set([review.requestingFacilityId, review.matchedFacilityId]);
      for (const facilityId of facilities) {
        await this.audit.record(manager, {
          entity: 'merge_review',
          entityId: review.id,
          action: 'create',
          after: { possibleDuplicateId, reason: flag.reason, status: review.status },
          reason: review.note,
          facilityId,
        });
      }
      const [dto] = await this.mapMergeReviews(manager, [review], actor);
      return dto;
    });
  }

  /** Merge reviews the caller's facility requested or is asked for, newest first. */
  async findMergeReviews(actor: Actor, query: PageQueryDto): Promise<Page<MergeReviewDto>> {
    const [reviews, total] = await this.dataSource.getRepository(MergeReview).findAndCount({
      where: [{ requestingFacilityId: actor.facilityId }, { matchedFacilityId: actor.facilityId }],
      order: { requestedAt: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    return pageOf(
      await this.mapMergeReviews(this.dataSource.manager, reviews, actor),
      total,
      query,
    );
  }

  private async mapMergeReviews(
    manager: EntityManager,
    reviews: MergeReview[],
    actor: Actor,
  ): Promise<MergeReviewDto[]> {
    if (reviews.length === 0) return [];
    const flags = await manager.findBy(PossibleDuplicate, {
      id: In(reviews.map((review) => review.possibleDuplicateId)),
    });
    const flagOf = new Map(flags.map((flag) => [flag.id, flag]));
    const shown = await this.visibleIdentities(
      manager,
      flags.flatMap((flag) => [flag.womanId, flag.matchedWomanId]),
      actor,
    );
    return reviews.map((review) => {
      const flag = flagOf.get(review.possibleDuplicateId)!;
      return {
        id: review.id,
        possibleDuplicateId: review.possibleDuplicateId,
        reason: flag.reason,
        status: review.status,
        note: review.note,
        requestingFacilityId: review.requestingFacilityId,
        matchedFacilityId: review.matchedFacilityId,
        requestedBy: review.requestedBy,
        requestedAt: review.requestedAt.toISOString(),
        woman: mapDuplicateSide(flag.womanId, shown.get(flag.womanId) ?? null),
        matched: mapDuplicateSide(flag.matchedWomanId, shown.get(flag.matchedWomanId) ?? null),
      };
    });
  }

  /** Name and document of those of these women the caller's facility may see. */
  private async visibleIdentities(
    manager: EntityManager,
    ids: readonly number[],
    actor: Actor,
  ): Promise<Map<number, Pick<Woman, 'name' | 'documentNumber'>>> {
    const visible = [...(await findVisibleWomanIds(manager, [...new Set(ids)], actor))];
    const women = visible.length
      ? await manager.find(Woman, {
          select: { id: true, name: true, documentNumber: true },
          where: { id: In(visible) },
        })
      : [];
    return new Map(women.map((woman) => [woman.id, woman]));
  }
}
