import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { HospitalClock } from '../core/time/hospital-clock';
import { inActorFacility } from '../core/auth/facility-scope';
import { DomainError } from '../core/errors/domain.error';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { addDays } from '../core/time/calendar-date';
import { Pregnancy } from '../women/pregnancy.entity';
import { gestationalAgeDays, PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { pregnancyNotFound } from '../women/women.errors';
import { gestationalAgeOn } from '../women/women.mapper';
import { scheduleInvalid } from './antenatal.errors';
import { AntenatalVisit } from './antenatal-visit.entity';
import { ContactAttempt } from './contact-attempt.entity';
import {
  ContactAttemptDto,
  PregnancyScheduleDto,
  RecordContactDto,
  ScheduleDto,
  ScheduleWindowDto,
  WorklistItemDto,
  WorklistQueryDto,
} from './dto/schedule.dto';
import {
  OVERDUE_AFTER_DAYS,
  type ScheduleWindow,
  validateSchedule,
  windowStates,
} from './rules/visit-schedule';
import { ScheduleWindowRow } from './schedule-window.entity';

interface WorklistRow {
  pregnancy_id: number;
  woman_id: number;
  name: string;
  phone: string;
  risk_colour: string | null;
  risk_purple: number;
  edd: string;
  last_visit_date: string | null;
  first_overdue_end: number;
  ga_today: number;
}

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

  async replaceSchedule(actor: Actor, windows: ScheduleWindowDto[]): Promise<ScheduleDto> {
    const problems = windows.length > 0 ? validateSchedule(windows) : [];
    if (problems.length > 0) throw scheduleInvalid(problems);
    await this.dataSource.transaction(async (manager) => {
      const before = await this.effectiveSchedule(actor.facilityId, manager);
      await manager.delete(ScheduleWindowRow, { facilityId: actor.facilityId });
      await manager.insert(
        ScheduleWindowRow,
        windows.map((window, index) => ({
          ...window,
          facilityId: actor.facilityId,
          ordinal: index + 1,
        })),
      );
      await this.audit.record(manager, {
        entity: 'visit_schedule',
        entityId: actor.facilityId,
        action: 'update',
        before: { windows: before.windows },
        after: { windows },
      });
    });
    return this.effectiveSchedule(actor.facilityId);
  }

  async forPregnancy(
    pregnancyId: number,
    actor: Actor,
    asOf = this.today(),
  ): Promise<PregnancyScheduleDto> {
    const pregnancy = inActorFacility(
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
    );
    const [{ windows }, visits] = await Promise.all([
      this.effectiveSchedule(pregnancy.facilityId),
      this.dataSource.getRepository(AntenatalVisit).find({
        where: { pregnancyId },
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
   * day was at least 7 days ago with no visit in it or after it. Computed in SQL from each
   * pregnancy's last visit date, so the list stays fast on large facilities.
   */
  async overdueWorklist(
    actor: Actor,
    query: WorklistQueryDto,
  ): Promise<Page<WorklistItemDto> & { asOf: string }> {
    const today = this.today();
    const { facilitySpecific, windows } = await this.effectiveSchedule(actor.facilityId);
    const scheduleFacilityId = facilitySpecific ? actor.facilityId : null;
    const gaToday = `(DATEDIFF(?, p.edd) + ${PREGNANCY_LENGTH_DAYS})`;
    const where = `
      FROM pregnancy p
      JOIN woman w ON w.id = p.woman_id
      JOIN schedule_window sw ON sw.facility_id <=> ?
      WHERE p.facility_id = ? AND p.status = 'open'
        AND ${gaToday} >= sw.end_day + ${OVERDUE_AFTER_DAYS}
        AND (p.last_visit_date IS NULL OR DATEDIFF(p.last_visit_date, p.edd) + ${PREGNANCY_LENGTH_DAYS} < sw.start_day)
        ${query.notContactedWithinHours ? 'AND NOT EXISTS (SELECT 1 FROM contact_attempt ca WHERE ca.pregnancy_id = p.id AND ca.attempted_at >= ?)' : ''}`;
    const params: unknown[] = [scheduleFacilityId, actor.facilityId, today];
    if (query.notContactedWithinHours) {
      params.push(new Date(Date.now() - query.notContactedWithinHours * 3_600_000));
    }

    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT COUNT(DISTINCT p.id) AS total ${where}`,
      params,
    );
    const { skip, take } = pageWindow(query);
    const rows = await this.dataSource.query<WorklistRow[]>(
      `SELECT p.id AS pregnancy_id, p.woman_id, w.name, w.phone, p.risk_colour, p.risk_purple,
              p.edd, p.last_visit_date, MIN(sw.end_day) AS first_overdue_end,
              ${gaToday} AS ga_today
       ${where}
       GROUP BY p.id, p.woman_id, w.name, w.phone, p.risk_colour, p.risk_purple, p.edd, p.last_visit_date
       ORDER BY ${RISK_RANK_SQL}, ${gaToday} - MIN(sw.end_day) DESC, p.id
       LIMIT ? OFFSET ?`,
      [today, ...params, today, take, skip],
    );
    const lastContacts = await this.lastContacts(rows.map((row) => row.pregnancy_id));
    const items = rows.map((row): WorklistItemDto => {
      const window = windows.find((w) => w.endDay === Number(row.first_overdue_end))!;
      return {
        pregnancyId: row.pregnancy_id,
        womanId: row.woman_id,
        name: row.name,
        phone: row.phone,
        riskColour: row.risk_colour,
        riskPurple: Boolean(row.risk_purple),
        edd: row.edd,
        gestationalAge: gestationalAgeOn(row.edd, today)!,
        overdueWindow: window.code,
        overdueWindowLabel: window.label,
        daysOverdue: Number(row.ga_today) - (window.endDay + OVERDUE_AFTER_DAYS),
        lastVisitDate: row.last_visit_date,
        lastContact: lastContacts.get(row.pregnancy_id) ?? null,
      };
    });
    return { ...pageOf(items, Number(total), query), asOf: today };
  }

  async recordContact(
    pregnancyId: number,
    input: RecordContactDto,
    actor: Actor,
  ): Promise<ContactAttemptDto> {
    return this.dataSource.transaction(async (manager) => {
      const pregnancy = inActorFacility(
        await manager.findOneBy(Pregnancy, { id: pregnancyId }),
        actor,
        () => pregnancyNotFound(pregnancyId),
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
          facilityId: pregnancy.facilityId,
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
    inActorFacility(
      await this.dataSource.getRepository(Pregnancy).findOneBy({ id: pregnancyId }),
      actor,
      () => pregnancyNotFound(pregnancyId),
    );
    const attempts = await this.dataSource.getRepository(ContactAttempt).find({
      where: { pregnancyId },
      order: { attemptedAt: 'DESC', id: 'DESC' },
    });
    return attempts.map(mapContact);
  }

  private async lastContacts(pregnancyIds: number[]): Promise<Map<number, ContactAttemptDto>> {
    if (pregnancyIds.length === 0) return new Map();
    const latest = await this.dataSource
      .getRepository(ContactAttempt)
      .createQueryBuilder('attempt')
      .where(
        'attempt.id IN (SELECT MAX(c.id) FROM contact_attempt c WHERE c.pregnancy_id IN (:...ids) GROUP BY c.pregnancy_id)',
        { ids: pregnancyIds },
      )
      .getMany();
    return new Map(latest.map((attempt) => [attempt.pregnancyId, mapContact(attempt)]));
  }
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
