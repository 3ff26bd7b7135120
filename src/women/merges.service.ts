import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { refreshOverdueFromOf } from '../antenatal/overdue-from';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { PageQueryDto, Page, pageOf, pageWindow } from '../core/http/pagination';
import { maskDocumentNumber, maskPhone } from '../core/privacy/masking';
import {
  MergeDecisionDto,
  MergeNoteDto,
  MergeReviewRequestDto,
} from './dto/pregnancy-commands.dto';
import {
  MergeComparisonDto,
  MergeResultDto,
  MergeReviewDto,
  MergeSideDto,
} from './dto/women-responses.dto';
import {
  MERGE_REVIEW_STATUSES,
  MergeChange,
  MergeReview,
  type MergeReviewStatus,
} from './merge-review.entity';
import { PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { earlierRegistration, planMerge } from './rules/merge-pairing';
import { Woman } from './woman.entity';
import { findVisibleIdentities, findVisibleWomanIds } from './woman.repository';
import {
  keptWomanNotInReview,
  mergeConflict,
  mergeNotLatest,
  mergeReviewDecided,
  mergeReviewExists,
  mergeReviewNotFound,
  notTheReviewer,
  possibleDuplicateNotFound,
  womanAlreadyMerged,
} from './women.errors';
import { mapDuplicateSide } from './women.mapper';

/**
 * Every table whose rows belong to one pregnancy: a merge moves the duplicate's rows to the
 * pregnancy that continues (participants apart, see `joinParticipants`). A spec checks the list
 * against the schema, so a new table cannot be forgotten.
 */
export const PREGNANCY_RECORD_TABLES = [
  'antenatal_visit',
  'breastfeeding_follow_up',
  'class_attendance',
  'contact_attempt',
  'dating_scan',
  'delivery',
  'delivery_notice',
  'edd_change',
  'episode_notice',
  'episode_transfer',
  'exposed_infant',
  'high_risk_case',
  'maternal_death',
  'maternal_treatment',
  'newborn',
  'pmtct_counselling',
  'pmtct_test',
  'postpartum_contact',
  'referral',
  'risk_assessment',
  'risk_report',
] as const;

/** Tables of her own (before or beside a pregnancy) that move to the kept woman. */
export const WOMAN_RECORD_TABLES = [
  'folic_acid_dispensing',
  'folic_acid_intake_report',
  'folic_acid_survey',
  'class_attendance',
] as const;

/** Rows a woman's flags keep as history, never moved: the flag names the records it compared. */
export const TABLES_NOT_MOVED = ['possible_duplicate', 'episode_participant', 'pregnancy'];

/** What each once-per-pregnancy rule means when both copies hold such a record. */
const CONFLICTS: Record<string, { rule: string; message: string }> = {
  uq_delivery_live_pregnancy: {
    rule: 'oneDelivery',
    message: 'both records have a delivery of this pregnancy: void the wrong one first',
  },
  uq_high_risk_case_open: {
    rule: 'oneOpenHighRiskCase',
    message: 'both records have an open high-risk case: close one first',
  },
  uq_exposed_infant: {
    rule: 'oneExposedBabyPerBirthOrder',
    message: 'both records have an exposed baby of the same birth order',
  },
  uq_maternal_death_pregnancy: {
    rule: 'oneMaternalDeath',
    message: 'both records have a maternal death',
  },
  uq_episode_transfer_pending: {
    rule: 'onePendingTransfer',
    message: 'both records have a pending transfer: confirm, return or withdraw one first',
  },
  uq_pregnancy_open_woman: {
    rule: 'oneOpenPregnancy',
    message:
      'both women have an open pregnancy and their due dates are too far apart to be one: correct the dating first',
  },
};

const OPEN_REVIEWS: readonly MergeReviewStatus[] = ['requested', 'merged'];
const ALL_REVIEWS = MERGE_REVIEW_STATUSES;

/** A value a merge sets: the change is logged first, then applied from the log. */
interface ValueChange {
  table: string;
  column: string;
  to: number | string | null;
  /** SQL condition on the rows `t` to change, with its parameters. */
  where: string;
  params: unknown[];
}

/**
 * Identity across facilities (issue 15, item 8). A possible duplicate is queued for review by
 * mch_staff of the facility that manages the matched record; they compare both records, and
 * merge them or dismiss the flag. A merge keeps one woman (the other points at her), joins each
 * pregnancy recorded twice into the copy that continues (the other becomes `merged`), moves every
 * record, and logs each value it changed, so that an unmerge puts them back and neither copy
 * counts twice in the meantime. Every step is audited for all three facilities; the audit rows
 * of the pregnancies make their indicator periods stale.
 */
@Injectable()
export class MergesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Queues a review of each pair of women a registration has just flagged that has none yet
   * (the first flag of the pair stands for it), in the registration's transaction.
   */
  async queueReviews(
    manager: EntityManager,
    flags: readonly PossibleDuplicate[],
    actor: Actor,
  ): Promise<void> {
    const firstOfPair = new Map<number, PossibleDuplicate>();
    for (const flag of flags) {
      if (!firstOfPair.has(flag.matchedWomanId)) firstOfPair.set(flag.matchedWomanId, flag);
    }
    // A pair reviewed before (a dismissed flag too) is not queued again; staff can ask by hand.
    for (const flag of firstOfPair.values()) {
      if ((await this.reviewsOfPair(manager, flag, ALL_REVIEWS)).length > 0) continue;
      await this.createReview(manager, flag, null, actor);
    }
  }

  /** A review asked for by hand (mch_staff of the flagging facility), when the pair has none open. */
  async requestReview(
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
      if ((await this.reviewsOfPair(manager, flag, OPEN_REVIEWS)).length > 0) {
        throw mergeReviewExists(possibleDuplicateId);
      }
      const review = await this.createReview(manager, flag, input.note?.trim() || null, actor);
      const [dto] = await this.mapReviews(manager, [review], actor);
      return dto;
    });
  }

  /** Reviews the caller's facility asked for, is asked about, or decides; newest first. */
  async findReviews(actor: Actor, query: PageQueryDto): Promise<Page<MergeReviewDto>> {
    const facilityId = actor.facilityId;
    const [reviews, total] = await this.dataSource.getRepository(MergeReview).findAndCount({
      where: [
        { requestingFacilityId: facilityId },
        { matchedFacilityId: facilityId },
        { reviewingFacilityId: facilityId },
      ],
      order: { requestedAt: 'DESC', id: 'DESC' },
      ...pageWindow(query),
    });
    return pageOf(await this.mapReviews(this.dataSource.manager, reviews, actor), total, query);
  }

  /**
   * Both records side by side for the reviewing facility: identities masked, her pregnancies
   * with their dates and states. Reading a record the facility does not hold is audited as a
   * shared read for the review.
   */
  async compare(id: number, actor: Actor): Promise<MergeComparisonDto> {
    return this.dataSource.transaction(async (manager) => {
      const { review, flag } = await this.reviewToDecide(manager, id, actor, false);
      const women = await manager.findBy(Woman, { id: In([flag.womanId, flag.matchedWomanId]) });
      const pregnancies = await manager.find(Pregnancy, {
        where: { womanId: In([flag.womanId, flag.matchedWomanId]) },
        order: { registrationDate: 'ASC', id: 'ASC' },
      });
      const held = await findVisibleWomanIds(manager, [flag.womanId, flag.matchedWomanId], actor);
      for (const woman of women) {
        if (held.has(woman.id)) continue;
        await this.audit.record(manager, {
          entity: 'woman',
          entityId: woman.id,
          action: 'view_shared',
          after: { view: 'merge review', mergeReviewId: review.id },
        });
      }
      const side = (womanId: number): MergeSideDto => {
        const woman = women.find((w) => w.id === womanId)!;
        return {
          womanId,
          name: woman.name,
          birthDate: woman.birthDate,
          documentType: woman.documentType,
          documentNumber: maskDocumentNumber(woman.documentNumber),
          phone: maskPhone(woman.phone),
          residenceRegionCode: woman.residenceRegionCode,
          registeredFacilityId: woman.registeredFacilityId,
          mergedIntoId: woman.mergedIntoId,
          pregnancies: pregnancies
            .filter((p) => p.womanId === womanId)
            .map((p) => ({
              id: p.id,
              facilityId: p.facilityId,
              registeringFacilityId: p.registeringFacilityId,
              registrationDate: p.registrationDate,
              edd: p.edd,
              status: p.status,
              outcomeDate: p.outcomeDate,
            })),
        };
      };
      const [dto] = await this.mapReviews(manager, [review], actor);
      return { review: dto, woman: side(flag.womanId), matched: side(flag.matchedWomanId) };
    });
  }

  /** The flag was two women: the review is closed with the reviewer's note. */
  async dismiss(id: number, input: MergeNoteDto, actor: Actor): Promise<MergeReviewDto> {
    return this.dataSource.transaction(async (manager) => {
      const { review } = await this.reviewToDecide(manager, id, actor, true);
      this.expectStatus(review, 'requested');
      await this.decide(manager, review, 'dismissed', null, input.note.trim(), actor);
      const [dto] = await this.mapReviews(manager, [review], actor);
      return dto;
    });
  }

  /** One woman: the records are joined as the class comment says. */
  async merge(id: number, input: MergeDecisionDto, actor: Actor): Promise<MergeResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const { review, flag } = await this.reviewToDecide(manager, id, actor, true);
      this.expectStatus(review, 'requested');
      const pair = [flag.womanId, flag.matchedWomanId];
      if (!pair.includes(input.keepWomanId)) throw keptWomanNotInReview(pair);
      const keptId = input.keepWomanId;
      const duplicateId = pair.find((womanId) => womanId !== keptId)!;

      const women = await manager.find(Woman, {
        where: { id: In(pair) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const woman of women) {
        if (woman.mergedIntoId !== null) throw womanAlreadyMerged(woman.id, woman.mergedIntoId);
      }
      const pregnancies = await manager.find(Pregnancy, {
        where: { womanId: In(pair) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const running = pregnancies.filter((p) => p.status !== 'merged');
      const plan = planMerge(
        running.filter((p) => p.womanId === keptId),
        running.filter((p) => p.womanId === duplicateId),
      );

      let valuesChanged = 0;
      const apply = async (change: ValueChange) => {
        valuesChanged += await this.applyChange(manager, review.id, change);
      };
      try {
        // The copies give up `open` first: the kept woman may hold one open pregnancy only.
        for (const { survivor, absorbed } of plan.pairs) {
          await apply(rowChange('pregnancy', 'status', 'merged', absorbed.id));
          await apply(rowChange('pregnancy', 'merged_into_id', survivor.id, absorbed.id));
          for (const table of PREGNANCY_RECORD_TABLES) {
            await apply(moveRows(table, 'pregnancy_id', survivor.id, absorbed.id));
          }
          for (const change of joinParticipants(survivor, absorbed)) await apply(change);
          const first = earlierRegistration(survivor, absorbed);
          await apply(
            rowChange('pregnancy', 'registration_date', first.registrationDate, survivor.id),
          );
          await apply(
            rowChange(
              'pregnancy',
              'registering_facility_id',
              first.registeringFacilityId,
              survivor.id,
            ),
          );
        }
        const toKeptWoman = [...plan.pairs.map(({ survivor }) => survivor), ...plan.moved];
        for (const pregnancy of toKeptWoman) {
          await apply(rowChange('pregnancy', 'woman_id', keptId, pregnancy.id));
        }
        for (const table of WOMAN_RECORD_TABLES) {
          await apply(moveWomanRows(table, keptId, duplicateId));
        }
        await apply({
          table: 'woman',
          column: 'merged_into_id',
          to: keptId,
          where: 't.id = ? OR t.merged_into_id = ?',
          params: [duplicateId, duplicateId],
        });
      } catch (error) {
        throw asMergeConflict(error);
      }

      const touched = pregnancies.map((p) => p.id);
      await refreshKeptFields(manager, touched);
      await this.decide(manager, review, 'merged', keptId, input.note?.trim() || null, actor);
      await this.auditRecords(manager, review.id, 'merge', touched, [duplicateId]);
      const [dto] = await this.mapReviews(manager, [review], actor);
      return {
        review: dto,
        joined: plan.pairs.map(({ survivor, absorbed }) => ({
          keptPregnancyId: survivor.id,
          mergedPregnancyId: absorbed.id,
        })),
        movedPregnancyIds: plan.moved.map((p) => p.id),
        valuesChanged,
        valuesNotRestored: 0,
      };
    });
  }

  /**
   * Undoes a merge: every value it changed that still holds what the merge set goes back, newest
   * change first; what was changed again since (a record voided, a date corrected) stays as it
   * is and is counted. Records made after the merge stay with the pregnancy they were made on.
   * Only the latest merge of either woman can be undone.
   */
  async unmerge(id: number, input: MergeNoteDto, actor: Actor): Promise<MergeResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const { review, flag } = await this.reviewToDecide(manager, id, actor, true);
      this.expectStatus(review, 'merged');
      const pair = [flag.womanId, flag.matchedWomanId];
      const later = await manager.query<Array<{ id: number }>>(
        `SELECT r.id FROM merge_review r JOIN possible_duplicate f ON f.id = r.possible_duplicate_id
         WHERE r.status = 'merged' AND r.id <> ? AND r.decided_at > ?
           AND (f.woman_id IN (?) OR f.matched_woman_id IN (?))`,
        [review.id, review.decidedAt, pair, pair],
      );
      if (later.length > 0) throw mergeNotLatest(later.map((row) => Number(row.id)));

      const changes = await manager.find(MergeChange, {
        where: { mergeReviewId: review.id },
        order: { id: 'DESC' },
      });
      const pregnancyIds = new Set<number>();
      let restored = 0;
      try {
        for (const change of changes) {
          const table = safeIdentifier(change.tableName);
          const column = safeIdentifier(change.columnName);
          const result: { affectedRows?: number } = await manager.query(
            `UPDATE ${table} SET ${column} = ? WHERE id = ? AND ${column} <=> ?`,
            [change.fromValue, change.rowId, change.toValue],
          );
          restored += result.affectedRows ?? 0;
          if (table === 'pregnancy') pregnancyIds.add(change.rowId);
          if (column === 'pregnancy_id') {
            for (const value of [change.fromValue, change.toValue]) {
              if (value !== null) pregnancyIds.add(Number(value));
            }
          }
        }
      } catch (error) {
        throw asMergeConflict(error);
      }
      const touched = [...pregnancyIds];
      await refreshKeptFields(manager, touched);
      const duplicateId = pair.find((womanId) => womanId !== review.keptWomanId)!;
      review.status = 'unmerged';
      review.undoneBy = actor.userId;
      review.undoneAt = new Date();
      review.undoNote = input.note.trim();
      await manager.update(MergeReview, review.id, {
        status: review.status,
        undoneBy: review.undoneBy,
        undoneAt: review.undoneAt,
        undoNote: review.undoNote,
      });
      await this.auditReview(manager, review, 'merged', review.undoNote);
      await this.auditRecords(manager, review.id, 'unmerge', touched, [duplicateId]);
      const [dto] = await this.mapReviews(manager, [review], actor);
      return {
        review: dto,
        joined: [],
        movedPregnancyIds: [],
        valuesChanged: restored,
        valuesNotRestored: changes.length - restored,
      };
    });
  }

  /** Logs the change of every row it selects, then applies it from the log; returns the count. */
  private async applyChange(
    manager: EntityManager,
    reviewId: number,
    change: ValueChange,
  ): Promise<number> {
    const table = safeIdentifier(change.table);
    const column = safeIdentifier(change.column);
    const [{ marker }] = await manager.query<Array<{ marker: number | null }>>(
      'SELECT MAX(id) AS marker FROM merge_change WHERE merge_review_id = ?',
      [reviewId],
    );
    const logged: { affectedRows?: number } = await manager.query(
      `INSERT INTO merge_change (merge_review_id, table_name, row_id, column_name, from_value, to_value)
       SELECT ?, '${table}', t.id, '${column}', t.${column}, ? FROM ${table} t
       WHERE (${change.where}) AND NOT (t.${column} <=> ?)`,
      [reviewId, change.to, ...change.params, change.to],
    );
    if (!logged.affectedRows) return 0;
    await manager.query(
      `UPDATE ${table} t JOIN merge_change m ON m.row_id = t.id AND m.merge_review_id = ?
         AND m.table_name = '${table}' AND m.column_name = '${column}' AND m.id > ?
       SET t.${column} = m.to_value`,
      [reviewId, marker ?? 0],
    );
    return logged.affectedRows;
  }

  /** The review, locked, when the caller's facility decides it; others that see it get 403. */
  private async reviewToDecide(
    manager: EntityManager,
    id: number,
    actor: Actor,
    lock: boolean,
  ): Promise<{ review: MergeReview; flag: PossibleDuplicate }> {
    const review = await manager.findOne(MergeReview, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!review || !facilitiesOf(review).has(actor.facilityId)) throw mergeReviewNotFound(id);
    if (review.reviewingFacilityId !== actor.facilityId) {
      throw notTheReviewer(review.reviewingFacilityId);
    }
    const flag = await manager.findOneByOrFail(PossibleDuplicate, {
      id: review.possibleDuplicateId,
    });
    return { review, flag };
  }

  private expectStatus(review: MergeReview, expected: MergeReviewStatus): void {
    if (review.status !== expected) throw mergeReviewDecided(review.status, expected);
  }

  private async decide(
    manager: EntityManager,
    review: MergeReview,
    status: 'merged' | 'dismissed',
    keptWomanId: number | null,
    note: string | null,
    actor: Actor,
  ): Promise<void> {
    const before = review.status;
    Object.assign(review, {
      status,
      keptWomanId,
      decidedBy: actor.userId,
      decidedAt: new Date(),
      decisionNote: note,
    });
    await manager.update(MergeReview, review.id, {
      status,
      keptWomanId,
      decidedBy: review.decidedBy,
      decidedAt: review.decidedAt,
      decisionNote: note,
    });
    await this.auditReview(manager, review, before, note);
  }

  /** The review's step, in the audit trail of each facility it concerns. */
  private async auditReview(
    manager: EntityManager,
    review: MergeReview,
    before: MergeReviewStatus,
    note: string | null,
  ): Promise<void> {
    for (const facilityId of facilitiesOf(review)) {
      await this.audit.record(manager, {
        entity: 'merge_review',
        entityId: review.id,
        action: 'status_change',
        before: { status: before },
        after: { status: review.status, keptWomanId: review.keptWomanId },
        reason: note,
        facilityId,
      });
    }
  }

  /**
   * An audit row per pregnancy and woman the merge changed, with the review: it tells each
   * record's history, and makes the indicator periods its days fall in stale.
   */
  private async auditRecords(
    manager: EntityManager,
    reviewId: number,
    step: 'merge' | 'unmerge',
    pregnancyIds: readonly number[],
    womanIds: readonly number[],
  ): Promise<void> {
    for (const [entity, ids] of [
      ['pregnancy', pregnancyIds],
      ['woman', womanIds],
    ] as const) {
      for (const id of ids) {
        await this.audit.record(manager, {
          entity,
          entityId: id,
          action: 'update',
          after: { [step]: reviewId },
        });
      }
    }
  }

  private async reviewsOfPair(
    manager: EntityManager,
    flag: Pick<PossibleDuplicate, 'womanId' | 'matchedWomanId'>,
    statuses: readonly MergeReviewStatus[],
  ): Promise<Array<{ id: number }>> {
    return manager.query(
      `SELECT r.id FROM merge_review r JOIN possible_duplicate f ON f.id = r.possible_duplicate_id
       WHERE r.status IN (?)
         AND ((f.woman_id = ? AND f.matched_woman_id = ?) OR (f.woman_id = ? AND f.matched_woman_id = ?))`,
      [statuses, flag.womanId, flag.matchedWomanId, flag.matchedWomanId, flag.womanId],
    );
  }

  /**
   * A review for the facility that manages the matched woman's latest pregnancy (else the one
   * that registered her), seen by the flagging and the registering facility too.
   */
  private async createReview(
    manager: EntityManager,
    flag: PossibleDuplicate,
    note: string | null,
    actor: Actor,
  ): Promise<MergeReview> {
    const matched = await manager.findOneOrFail(Woman, {
      select: { id: true, registeredFacilityId: true },
      where: { id: flag.matchedWomanId },
    });
    const latest = await manager.findOne(Pregnancy, {
      select: { id: true, facilityId: true },
      where: { womanId: matched.id },
      order: { registrationDate: 'DESC', id: 'DESC' },
    });
    const review = manager.create(MergeReview, {
      possibleDuplicateId: flag.id,
      requestingFacilityId: flag.facilityId,
      matchedFacilityId: matched.registeredFacilityId,
      reviewingFacilityId: latest?.facilityId ?? matched.registeredFacilityId,
      status: 'requested',
      note,
      requestedBy: actor.userId,
      requestedAt: new Date(),
      keptWomanId: null,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      undoneBy: null,
      undoneAt: null,
      undoNote: null,
    });
    try {
      await manager.insert(MergeReview, review);
    } catch (error) {
      if (isDuplicateKeyError(error, 'uq_merge_review_duplicate')) {
        throw mergeReviewExists(flag.id);
      }
      throw error;
    }
    for (const facilityId of facilitiesOf(review)) {
      await this.audit.record(manager, {
        entity: 'merge_review',
        entityId: review.id,
        action: 'create',
        after: { possibleDuplicateId: flag.id, reason: flag.reason, status: review.status },
        reason: note,
        facilityId,
      });
    }
    return review;
  }

  private async mapReviews(
    manager: EntityManager,
    reviews: MergeReview[],
    actor: Actor,
  ): Promise<MergeReviewDto[]> {
    if (reviews.length === 0) return [];
    const flags = await manager.findBy(PossibleDuplicate, {
      id: In(reviews.map((review) => review.possibleDuplicateId)),
    });
    const flagOf = new Map(flags.map((flag) => [flag.id, flag]));
    const shown = await findVisibleIdentities(
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
        reviewingFacilityId: review.reviewingFacilityId,
        keptWomanId: review.keptWomanId,
        decidedBy: review.decidedBy,
        decidedAt: review.decidedAt?.toISOString() ?? null,
        decisionNote: review.decisionNote,
        undoneBy: review.undoneBy,
        undoneAt: review.undoneAt?.toISOString() ?? null,
        undoNote: review.undoNote,
      };
    });
  }
}

/** The facilities a review concerns: they see it, and its steps are in each one's audit trail. */
const facilitiesOf = (review: MergeReview): Set<number> =>
  new Set([review.requestingFacilityId, review.matchedFacilityId, review.reviewingFacilityId]);

const rowChange = (
  table: string,
  column: string,
  to: number | string | null,
  id: number,
): ValueChange => ({ table, column, to, where: 't.id = ?', params: [id] });

const moveRows = (table: string, column: string, to: number, from: number): ValueChange => ({
  table,
  column,
  to,
  where: `t.${column} = ?`,
  params: [from],
});

/** Her own records move unless the kept woman has the same (one attendance per class session). */
function moveWomanRows(table: string, keptId: number, duplicateId: number): ValueChange {
  const change = moveRows(table, 'woman_id', keptId, duplicateId);
  if (table !== 'class_attendance') return change;
  return {
    ...change,
    where: `${change.where} AND NOT EXISTS (SELECT 1 FROM class_attendance k
      WHERE k.woman_id = ? AND k.session_id = t.session_id)`,
    params: [...change.params, keptId],
  };
}

/**
 * The copy's participants join the pregnancy that continues, except a role its facility already
 * holds there, which ends with the copy; the copy's managing facility stops managing (the kept
 * pregnancy's manager goes on) but keeps the other roles that let it see her records.
 */
function joinParticipants(survivor: Pregnancy, absorbed: Pregnancy): ValueChange[] {
  return [
    {
      ...moveRows('episode_participant', 'pregnancy_id', survivor.id, absorbed.id),
      where: `t.pregnancy_id = ? AND NOT EXISTS (SELECT 1 FROM episode_participant s
        WHERE s.pregnancy_id = ? AND s.facility_id = t.facility_id AND s.role = t.role)`,
      params: [absorbed.id, survivor.id],
    },
    {
      table: 'episode_participant',
      column: 'status',
      to: 'ended',
      where: "t.pregnancy_id = ? AND t.status IN ('active', 'proposed')",
      params: [absorbed.id],
    },
    {
      table: 'episode_participant',
      column: 'status',
      to: 'ended',
      where:
        "t.pregnancy_id = ? AND t.role = 'managing' AND t.facility_id <> ? AND t.status = 'active'",
      params: [survivor.id, survivor.facilityId],
    },
  ];
}

/**
 * The fields the risk and antenatal modules keep on a pregnancy, recomputed from the records it
 * carries now: the latest grading's colour and PURPLE, the last visit and the overdue day.
 */
async function refreshKeptFields(manager: EntityManager, pregnancyIds: readonly number[]) {
  if (pregnancyIds.length === 0) return;
  const latest = `SELECT %s FROM risk_assessment ra WHERE ra.pregnancy_id = p.id
    ORDER BY ra.assessed_at DESC, ra.id DESC LIMIT 1`;
  await manager.query(
    `UPDATE pregnancy p SET
       p.risk_colour = (${latest.replace('%s', 'ra.colour')}),
       p.risk_purple = COALESCE((${latest.replace('%s', 'ra.purple')}), 0),
       p.last_visit_date = (SELECT MAX(v.visit_date) FROM antenatal_visit v
         WHERE v.pregnancy_id = p.id AND v.voided_at IS NULL),
       p.version = p.version + 1
     WHERE p.id IN (?)`,
    [pregnancyIds],
  );
  await refreshOverdueFromOf(manager, pregnancyIds);
}

/** Table and column names come from this file's lists and the log they wrote; checked anyway. */
function safeIdentifier(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Unexpected identifier ${name}`);
  return name;
}

function asMergeConflict(error: unknown): unknown {
  if (!isDuplicateKeyError(error)) return error;
  for (const [index, conflict] of Object.entries(CONFLICTS)) {
    if (isDuplicateKeyError(error, index)) return mergeConflict(conflict.rule, conflict.message);
  }
  return mergeConflict('unique', 'both records hold a record that may exist once');
}
