import { EpisodeAccess } from '../episodes/episode-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { type AdminScope, managesFacility } from '../core/auth/facility-scope';
import { Facility } from '../core/facilities/facility.entity';
import { maskStoredPhone } from '../core/privacy/identifier-cipher';
import { HospitalClock } from '../core/time/hospital-clock';
import { DomainError } from '../core/errors/domain.error';
import { Page, PageQueryDto, pageOf, pageWindow, totalOf } from '../core/http/pagination';
import { addDays, daysBetween } from '../core/time/calendar-date';
import { Pregnancy } from '../women/pregnancy.entity';
import { gestationalAgeDays, PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { pregnancyNotFound } from '../women/women.errors';
import { gestationalAgeOn } from '../women/women.mapper';
import { scheduleInvalid } from './antenatal.errors';
import { refreshOverdueFromOfFacility } from './overdue-from';
import { AntenatalVisit } from './antenatal-visit.entity';
import { ContactAttempt } from './contact-attempt.entity';
import {
  ContactAttemptDto,
  AppointmentDueItemDto,
  PastDueDateItemDto,
  PregnancyScheduleDto,
  RecordContactDto,
  ScheduleDto,
  ScheduleWindowDto,
  WorklistItemDto,
  WorklistQueryDto,
  WorklistWomanDto,
} from './dto/schedule.dto';
import {
  OVERDUE_AFTER_DAYS,
  type ScheduleWindow,
  validateSchedule,
  windowStates,
} from './rules/visit-schedule';
import { daysPastDueDate, latestListedEdd } from './rules/past-due-date';
import { ScheduleWindowRow } from './schedule-window.entity';

/** The columns every worklist query of women selects. */
interface WorklistWomanColumns {
  pregnancy_id: number;
  woman_id: number;
  name: string;
  /** Encrypted, as stored. */
  phone: string;
  risk_colour: string | null;
  risk_purple: number;
  edd: string;
  last_visit_date: string | null;
  contact_id: number | null;
  attempted_at: Date | null;
  outcome: ContactAttempt['outcome'] | null;
  note: string | null;
  user_id: number | null;
}

/** Those columns' SQL: `p` the pregnancy, `w` the woman, `ca` her latest call. */
const WORKLIST_WOMAN_SQL = `p.id AS pregnancy_id, p.woman_id, w.name, w.phone, p.risk_colour,
  p.risk_purple, p.edd, p.last_visit_date, ca.id AS contact_id, ca.attempted_at, ca.outcome,
  ca.note, ca.user_id`;
const LATEST_CONTACT_JOIN = `LEFT JOIN contact_attempt ca
  ON ca.id = (SELECT MAX(c.id) FROM contact_attempt c WHERE c.pregnancy_id = p.id)`;

interface WorklistRow extends WorklistWomanColumns {
  overdue_from: string;
  window_code: string;
  window_label: string;
  total: string;
}

interface PastDueDateRow extends WorklistWomanColumns {
  edd_source: string;
}

interface AppointmentDueRow extends WorklistWomanColumns {
  appointment_date: string;
}

/** Her latest visit (the last one recorded on her last visit day), as v. */
const LATEST_VISIT_JOIN = `JOIN antenatal_visit v ON v.id = (
  SELECT lv.id FROM antenatal_visit lv WHERE lv.pregnancy_id = p.id AND lv.voided_at IS NULL
  ORDER BY lv.visit_date DESC, lv.id DESC LIMIT 1)`;

/**
 * The order of the overdue worklist: RED first, PURPLE counted as high; a woman never screened is
 * not assumed to be low risk, so she comes before GREEN.
 */
const RISK_RANK_SQL = `CASE
  WHEN p.risk_colour = 'red' OR p.risk_purple = 1 THEN 0
  WHEN p.risk_colour = 'orange' THEN 1
  WHEN p.risk_colour = 'yellow' THEN 2
  WHEN p.risk_colour IS NULL THEN 3
  ELSE 4 END`;

@Injectable()
export class ScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
    private readonly access: EpisodeAccess,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** The facility's own schedule when it has one, else the national minimum. */
  async effectiveSchedule(
    facilityId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ facilitySpecific: boolean; windows: ScheduleWindow[] }> {
    const own = await manager.find(ScheduleWindowRow, {
      where: { facilityId },
      order: { ordinal: 'ASC' },
    });
    if (own.length > 0) return { facilitySpecific: true, windows: own.map(toWindow) };
    const national = await manager.find(ScheduleWindowRow, {
      where: { facilityId: IsNull() },
      order: { ordinal: 'ASC' },
    });
    return { facilitySpecific: false, windows: national.map(toWindow) };
  }

  /**
   * Replaces a facility's schedule: a facility admin its own, a system admin any facility's;
   * another facility answers as not found.
   */
  async replaceSchedule(
    facilityId: number,
    windows: ScheduleWindowDto[],
    scope: AdminScope,
  ): Promise<ScheduleDto> {
    await this.assertManages(facilityId, scope);
    const problems = windows.length > 0 ? validateSchedule(windows) : [];
    if (problems.length > 0) throw scheduleInvalid(problems);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.effectiveSchedule(facilityId, manager);
      await manager.delete(ScheduleWindowRow, { facilityId });
      await manager.insert(
        ScheduleWindowRow,
        windows.map((window, index) => ({ ...window, facilityId, ordinal: index + 1 })),
      );
      await refreshOverdueFromOfFacility(manager, facilityId);
      await this.audit.record(manager, {
        entity: 'visit_schedule',
        entityId: facilityId,
        action: 'update',
        before: { windows: before.windows },
        after: { windows },
        facilityId,
      });
    });
    return this.effectiveSchedule(facilityId);
  }

  /** A facility's schedule as its administrator sees it; another facility's is not found. */
  async scheduleOfFacility(facilityId: number, scope: AdminScope): Promise<ScheduleDto> {
    await this.assertManages(facilityId, scope);
    return this.effectiveSchedule(facilityId);
  }

  private async assertManages(facilityId: number, scope: AdminScope): Promise<void> {
    if (
      !managesFacility(scope, facilityId) ||
      !(await this.dataSource.manager.existsBy(Facility, { id: facilityId }))
    ) {
      throw new DomainError('FACILITY_NOT_FOUND', `Facility ${facilityId} does not exist`);
    }
  }

  async forPregnancy(
    pregnancyId: number,
    actor: Actor,
    asOf = this.today(),
  ): Promise<PregnancyScheduleDto> {
    const pregnancy = await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'schedule',
      'antenatal',
    );
    const [{ windows }, visits] = await Promise.all([
      this.effectiveSchedule(pregnancy.facilityId),
      this.dataSource.getRepository(AntenatalVisit).find({
        where: { pregnancyId, voidedAt: IsNull() },
        order: { visitDate: 'ASC', id: 'ASC' },
      }),
    ]);
    const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
    const end =
      pregnancy.status === 'open' ? null : (pregnancy.outcomeDate ?? pregnancy.statusDate);
    const visitsUpTo = visits.filter((visit) => visit.visitDate <= asOf);
    const states = windowStates({
      windows,
      visitGaDays: visitsUpTo.map((visit) => gestationalAgeDays(pregnancy.edd, visit.visitDate)),
      gaDaysOnDate: gestationalAgeDays(pregnancy.edd, asOf),
      open: end === null || end > asOf,
      gaDaysAtOutcome: end === null || end > asOf ? null : gestationalAgeDays(pregnancy.edd, end),
    });
    return {
      pregnancyId,
      asOf,
      gestationalAge: end === null ? gestationalAgeOn(pregnancy.edd, asOf) : null,
      windows: states.map((status) => {
        const visit =
          status.visitGaDays === null
            ? undefined
            : visitsUpTo.find(
                (v) => gestationalAgeDays(pregnancy.edd, v.visitDate) === status.visitGaDays,
              );
        return {
          ...status.window,
          state: status.state,
          visitId: visit?.id ?? null,
          visitDate: visit?.visitDate ?? null,
          daysOverdue: status.daysOverdue,
          dueFrom: addDays(start, status.dueFrom),
          overdueFrom: addDays(start, status.overdueFrom),
        };
      }),
    };
  }

  /**
   * Open pregnancies of the caller's facility with a window overdue today: a window whose last
   * day was at least 7 days ago with no visit in it or after it. Each pregnancy keeps the day it
   * turns overdue (`overdue_from`), so the list is an index range of the facility's overdue women.
   */
  async overdueWorklist(
    actor: Actor,
    query: WorklistQueryDto,
  ): Promise<Page<WorklistItemDto> & { asOf: string }> {
    const today = this.today();
    const overdue = `
      p.facility_id = ? AND p.status = 'open' AND p.overdue_from <= ?
        ${query.notContactedWithinHours ? 'AND NOT EXISTS (SELECT 1 FROM contact_attempt ca WHERE ca.pregnancy_id = p.id AND ca.attempted_at >= ?)' : ''}`;
    const params: unknown[] = [actor.facilityId, today];
    if (query.notContactedWithinHours) {
      params.push(new Date(Date.now() - query.notContactedWithinHours * 3_600_000));
    }
    const { skip, take } = pageWindow(query);
    // One statement for the page and the total. The inner query orders the facility's overdue
    // women from the index alone (it covers the risk colour); only the page's rows are read, with the
    // window that made each overdue (the schedule's window whose overdue day is hers) and her
    // last call.
    const rows = await this.dataSource.query<WorklistRow[]>(
      `SELECT ${WORKLIST_WOMAN_SQL}, p.overdue_from, sw.code AS window_code,
              sw.label AS window_label, page.total
       FROM (
         SELECT p.id, ${RISK_RANK_SQL} AS risk_rank, p.overdue_from, COUNT(*) OVER () AS total
         FROM pregnancy p
         WHERE ${overdue}
         ORDER BY risk_rank, p.overdue_from, p.id
         LIMIT ? OFFSET ?
       ) page
       JOIN pregnancy p ON p.id = page.id
       JOIN woman w ON w.id = p.woman_id
       LEFT JOIN schedule_window sw
         ON sw.facility_id <=> (SELECT MAX(own.facility_id) FROM schedule_window own WHERE own.facility_id = p.facility_id)
        AND sw.end_day + ${OVERDUE_AFTER_DAYS} = DATEDIFF(p.overdue_from, p.edd) + ${PREGNANCY_LENGTH_DAYS}
       ${LATEST_CONTACT_JOIN}
       ORDER BY page.risk_rank, page.overdue_from, page.id`,
      [...params, take, skip],
    );
    // Counted with the page; only a page past the end needs a count of its own.
    const total =
      rows.length > 0
        ? Number(rows[0].total)
        : await totalOf(rows, query, async () => {
            const [{ total }] = await this.dataSource.query<{ total: string }[]>(
              `SELECT COUNT(*) AS total FROM pregnancy p WHERE ${overdue}`,
              params,
            );
            return Number(total);
          });
    const items = rows.map((row): WorklistItemDto => ({
      ...worklistWomanOf(row, today),
      overdueWindow: row.window_code,
      overdueWindowLabel: row.window_label,
      daysOverdue: daysBetween(row.overdue_from, today),
    }));
    return { ...pageOf(items, total, query), asOf: today };
  }

  /**
   * Open pregnancies of the caller's facility 14 days or more past their EDD with no delivery or
   * ending recorded: longest past first. The EDD range reads the facility/status/EDD index.
   */
  async pastDueDateWorklist(
    actor: Actor,
    query: PageQueryDto,
  ): Promise<Page<PastDueDateItemDto> & { asOf: string }> {
    const today = this.today();
    const where = `p.facility_id = ? AND p.status = 'open' AND p.edd <= ?`;
    const params = [actor.facilityId, latestListedEdd(today)];
    const { skip, take } = pageWindow(query);
    const rows = await this.dataSource.query<PastDueDateRow[]>(
      `SELECT ${WORKLIST_WOMAN_SQL}, p.edd_source
       FROM pregnancy p
       JOIN woman w ON w.id = p.woman_id
       ${LATEST_CONTACT_JOIN}
       WHERE ${where}
       ORDER BY p.edd, p.id
       LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const total = await totalOf(rows, query, async () => {
      const [{ total }] = await this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(*) AS total FROM pregnancy p WHERE ${where}`,
        params,
      );
      return Number(total);
    });
    const items = rows.map((row): PastDueDateItemDto => ({
      ...worklistWomanOf(row, today),
      eddSource: row.edd_source,
      daysPastDueDate: daysPastDueDate(row.edd, today),
    }));
    return { ...pageOf(items, total, query), asOf: today };
  }

  /**
   * Open pregnancies of the caller's facility whose latest visit booked her next appointment for
   * today or earlier: she has not been seen since (a visit since would be the latest). Earliest
   * appointment first.
   */
  async appointmentsDueWorklist(
    actor: Actor,
    query: PageQueryDto,
  ): Promise<Page<AppointmentDueItemDto> & { asOf: string }> {
    const today = this.today();
    const where = `p.facility_id = ? AND p.status = 'open' AND v.next_appointment_date <= ?`;
    const params = [actor.facilityId, today];
    const { skip, take } = pageWindow(query);
    const rows = await this.dataSource.query<AppointmentDueRow[]>(
      `SELECT ${WORKLIST_WOMAN_SQL}, v.next_appointment_date AS appointment_date
       FROM pregnancy p
       ${LATEST_VISIT_JOIN}
       JOIN woman w ON w.id = p.woman_id
       ${LATEST_CONTACT_JOIN}
       WHERE ${where}
       ORDER BY v.next_appointment_date, p.id
       LIMIT ? OFFSET ?`,
      [...params, take, skip],
    );
    const total = await totalOf(rows, query, async () => {
      const [{ total }] = await this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(*) AS total FROM pregnancy p ${LATEST_VISIT_JOIN} WHERE ${where}`,
        params,
      );
      return Number(total);
    });
    const items = rows.map((row): AppointmentDueItemDto => ({
      ...worklistWomanOf(row, today),
      appointmentDate: row.appointment_date,
      daysLate: daysBetween(row.appointment_date, today),
    }));
    return { ...pageOf(items, total, query), asOf: today };
  }

  async recordContact(
    pregnancyId: number,
    input: RecordContactDto,
    actor: Actor,
  ): Promise<ContactAttemptDto> {
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = await this.access.pregnancy(
        manager,
        await manager.findOneBy(Pregnancy, { id: pregnancyId }),
        actor,
        () => pregnancyNotFound(pregnancyId),
        undefined,
        'antenatal',
      );
      const attemptedAt = input.attemptedAt ?? new Date();
      if (attemptedAt > new Date() || this.clock.dateOf(attemptedAt) < pregnancy.registrationDate) {
        throw new DomainError('VALIDATION_FAILED', 'The call time is not plausible', [
          {
            field: 'attemptedAt',
            rule: 'betweenRegistrationAndNow',
            message: `attemptedAt must be between ${pregnancy.registrationDate} and now`,
          },
        ]);
      }
      const attempt = await manager.save(
        manager.create(ContactAttempt, {
          pregnancyId: pregnancy.id,
          facilityId: actor.facilityId,
          attemptedAt,
          outcome: input.outcome,
          note: input.note ?? null,
          userId: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'contact_attempt',
        entityId: attempt.id,
        action: 'create',
        after: { pregnancyId, outcome: attempt.outcome, note: attempt.note },
      });
      return mapContact(attempt);
    });
  }

  async contactsOf(pregnancyId: number, actor: Actor): Promise<ContactAttemptDto[]> {
    await this.access.pregnancy(
      this.dataSource.manager,
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
      'contact attempts',
      'antenatal',
    );
    const attempts = await this.dataSource.getRepository(ContactAttempt).find({
      where: { pregnancyId },
      order: { attemptedAt: 'DESC', id: 'DESC' },
    });
    return attempts.map(mapContact);
  }
}

/** One woman of a worklist, masked, with her latest call. */
function worklistWomanOf(row: WorklistWomanColumns, today: string): WorklistWomanDto {
  return {
    pregnancyId: row.pregnancy_id,
    womanId: row.woman_id,
    name: row.name,
    phone: maskStoredPhone(row.phone),
    riskColour: row.risk_colour,
    riskPurple: Boolean(row.risk_purple),
    edd: row.edd,
    gestationalAge: gestationalAgeOn(row.edd, today)!,
    lastVisitDate: row.last_visit_date,
    lastContact:
      row.contact_id === null
        ? null
        : {
            id: row.contact_id,
            pregnancyId: row.pregnancy_id,
            attemptedAt: row.attempted_at!.toISOString(),
            outcome: row.outcome!,
            note: row.note,
            userId: row.user_id!,
          },
  };
}

function toWindow(row: ScheduleWindowRow): ScheduleWindow {
  return { code: row.code, label: row.label, startDay: row.startDay, endDay: row.endDay };
}

function mapContact(attempt: ContactAttempt): ContactAttemptDto {
  return {
    id: attempt.id,
    pregnancyId: attempt.pregnancyId,
    attemptedAt: attempt.attemptedAt.toISOString(),
    outcome: attempt.outcome,
    note: attempt.note,
    userId: attempt.userId,
  };
}
