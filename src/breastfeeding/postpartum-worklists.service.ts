import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../core/auth/actor';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { addDays } from '../core/time/calendar-date';
import { maskStoredPhone } from '../core/privacy/identifier-cipher';
import { HospitalClock } from '../core/time/hospital-clock';
import { firstFeedOverdue } from '../delivery/rules/feeding-flags';
import { PostpartumWorklistItemDto, PostpartumWorklistQueryDto } from './dto/breastfeeding.dto';
import {
  DAY42_CHECK_FROM_DAYS,
  day42CheckState,
  PHONE_FOLLOW_UP_MONTHS,
  phoneFollowUpDate,
  phoneFollowUpState,
  POSTPARTUM_VISIT_WITHIN_DAYS,
  postpartumVisitState,
  PROBLEM_FOLLOW_UP_WITHIN_DAYS,
  problemFollowUpOverdue,
} from './rules/postpartum-schedule';

type Item = PostpartumWorklistItemDto;

interface MotherRow {
  pregnancy_id: number;
  woman_id: number;
  name: string;
  /** Encrypted, as stored. */
  phone: string;
}

/** What is due after birth: visits, checks, calls, problems to follow, first feeds to record. */
@Injectable()
export class PostpartumWorklistsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: HospitalClock,
  ) {}

  async list(actor: Actor, query: PostpartumWorklistQueryDto): Promise<Page<Item>> {
    const items = await this.items(actor, query.list);
    const { skip, take } = pageWindow(query);
    return pageOf(items.slice(skip, skip + take), items.length, query);
  }

  private items(actor: Actor, list: PostpartumWorklistQueryDto['list']): Promise<Item[]> {
    switch (list) {
      case 'postpartum_visits':
        return this.postpartumVisits(actor);
      case 'day42_checks':
        return this.day42Checks(actor);
      case 'phone_follow_ups':
        return this.phoneFollowUps(actor);
      case 'breastfeeding_problems':
        return this.breastfeedingProblems(actor);
      case 'first_feed_missing':
        return this.firstFeedMissing(actor);
    }
  }

  /** Mothers discharged without a postpartum visit: due for 7 days, then overdue. */
  private async postpartumVisits(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<(MotherRow & { discharged_at: Date })[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, d.mother_discharged_at AS discharged_at
       FROM delivery d JOIN pregnancy p ON p.id = d.pregnancy_id JOIN woman w ON w.id = p.woman_id
       WHERE d.facility_id = ? AND p.status = 'delivered' AND d.mother_discharged_at IS NOT NULL
         AND d.voided_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM postpartum_contact c WHERE c.pregnancy_id = p.id AND c.kind = 'postpartum_visit')
       ORDER BY d.mother_discharged_at`,
      [actor.facilityId],
    );
    return rows.flatMap((row) => {
      const discharged = this.clock.dateOf(new Date(row.discharged_at));
      const state = postpartumVisitState(discharged, null, today);
      return state === 'due' || state === 'overdue'
        ? [
            mother(
              row,
              `postpartum visit ${state}`,
              state,
              addDays(discharged, POSTPARTUM_VISIT_WITHIN_DAYS),
            ),
          ]
        : [];
    });
  }

  /** Delivered mothers at day 42 or later without their 42-day check. */
  private async day42Checks(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<(MotherRow & { outcome_date: string })[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, p.outcome_date
       FROM pregnancy p JOIN woman w ON w.id = p.woman_id
       WHERE p.facility_id = ? AND p.status = 'delivered' AND p.outcome_date <= ?
         AND NOT EXISTS (SELECT 1 FROM postpartum_contact c WHERE c.pregnancy_id = p.id AND c.kind = 'day42_check')
       ORDER BY p.outcome_date`,
      [actor.facilityId, addDays(today, -DAY42_CHECK_FROM_DAYS)],
    );
    return rows.flatMap((row) => {
      const state = day42CheckState(row.outcome_date, null, today);
      return state === 'due' || state === 'overdue'
        ? [
            mother(
              row,
              `42-day check ${state}`,
              state,
              addDays(row.outcome_date, DAY42_CHECK_FROM_DAYS),
            ),
          ]
        : [];
    });
  }

  /** Live babies due a phone follow-up at 4 or 6 months. */
  private async phoneFollowUps(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<
      (MotherRow & { newborn_id: number; born_at: Date; done: string | null })[]
    >(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, n.id AS newborn_id, n.born_at,
              (SELECT GROUP_CONCAT(f.contact) FROM breastfeeding_follow_up f WHERE f.newborn_id = n.id) AS done
       FROM newborn n JOIN pregnancy p ON p.id = n.pregnancy_id JOIN woman w ON w.id = p.woman_id
       WHERE n.facility_id = ? AND n.vital_status = 'live_birth' AND n.died_at IS NULL AND n.born_at >= ?
         AND n.voided_at IS NULL
       ORDER BY n.born_at`,
      [actor.facilityId, new Date(Date.now() - 230 * 86_400_000)],
    );
    return rows.flatMap((row) => {
      const birthDate = this.clock.dateOf(new Date(row.born_at));
      const done = (row.done ?? '').split(',');
      return PHONE_FOLLOW_UP_MONTHS.flatMap((months) => {
        if (done.includes(`phone_${months}m`)) return [];
        const state = phoneFollowUpState(birthDate, months, null, today);
        return state === 'due' || state === 'overdue'
          ? [
              {
                ...mother(
                  row,
                  `${months}-month phone follow-up ${state}`,
                  state,
                  phoneFollowUpDate(birthDate, months),
                ),
                newbornId: row.newborn_id,
              },
            ]
          : [];
      });
    });
  }

  /** A reported breastfeeding problem with no follow-up in the 3 days after it. */
  private async breastfeedingProblems(actor: Actor): Promise<Item[]> {
    const today = this.clock.today();
    const rows = await this.dataSource.query<
      (MotherRow & { newborn_id: number; reported_on: string; next_on: string | null })[]
    >(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, f.newborn_id, f.followed_up_on AS reported_on,
              (SELECT MIN(g.followed_up_on) FROM breastfeeding_follow_up g
                WHERE g.newborn_id = f.newborn_id AND g.followed_up_on > f.followed_up_on) AS next_on
       FROM breastfeeding_follow_up f JOIN pregnancy p ON p.id = f.pregnancy_id JOIN woman w ON w.id = p.woman_id
       WHERE f.facility_id = ? AND JSON_LENGTH(f.problems) > 0 AND f.followed_up_on >= ?
         AND f.id = (SELECT MAX(h.id) FROM breastfeeding_follow_up h WHERE h.newborn_id = f.newborn_id AND JSON_LENGTH(h.problems) > 0)
       ORDER BY f.followed_up_on`,
      [actor.facilityId, addDays(today, -90)],
    );
    return rows.flatMap((row) => {
      const followed =
        row.next_on && row.next_on <= addDays(row.reported_on, PROBLEM_FOLLOW_UP_WITHIN_DAYS)
          ? row.next_on
          : null;
      return problemFollowUpOverdue(row.reported_on, followed, today)
        ? [
            {
              ...mother(
                row,
                'breastfeeding problem without follow-up',
                'overdue',
                addDays(row.reported_on, PROBLEM_FOLLOW_UP_WITHIN_DAYS),
              ),
              newbornId: row.newborn_id,
            },
          ]
        : [];
    });
  }

  /** Babies born in the last day with no first breastfeed recorded an hour after birth. */
  private async firstFeedMissing(actor: Actor): Promise<Item[]> {
    const now = new Date();
    const rows = await this.dataSource.query<(MotherRow & { newborn_id: number; born_at: Date })[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, n.id AS newborn_id, n.born_at
       FROM newborn n JOIN pregnancy p ON p.id = n.pregnancy_id JOIN woman w ON w.id = p.woman_id
       WHERE n.facility_id = ? AND n.vital_status = 'live_birth' AND n.died_at IS NULL AND n.born_at >= ?
         AND n.voided_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM feeding_event e WHERE e.newborn_id = n.id AND e.kind IN ('first_breastfeed', 'discharge') AND e.voided_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM feeding_contraindication c WHERE c.newborn_id = n.id AND c.voided_at IS NULL)
       ORDER BY n.born_at`,
      [actor.facilityId, new Date(now.getTime() - 86_400_000)],
    );
    return rows
      .filter((row) => firstFeedOverdue(new Date(row.born_at), null, now))
      .map((row) => ({
        ...mother(
          row,
          'first breastfeed not recorded',
          'overdue',
          this.clock.dateOf(new Date(row.born_at)),
        ),
        newbornId: row.newborn_id,
      }));
  }
}

/** Phones masked, as on every list: GET /women/{womanId}/contact reveals one, audited. */
function mother(row: MotherRow, what: string, state: string, dueOn: string | null): Item {
  return {
    pregnancyId: row.pregnancy_id,
    womanId: row.woman_id,
    newbornId: null,
    name: row.name,
    phone: maskStoredPhone(row.phone),
    what,
    state,
    dueOn,
  };
}
