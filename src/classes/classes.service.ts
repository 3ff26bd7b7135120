import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { inActorFacility } from '../core/auth/facility-scope';
import type { ErrorDetail } from '../core/errors/domain.error';
import { Page, pageOf, pageWindow } from '../core/http/pagination';
import { addDays } from '../core/time/calendar-date';
import { HospitalClock } from '../core/time/hospital-clock';
import { Pregnancy } from '../women/pregnancy.entity';
import { PREGNANCY_LENGTH_DAYS } from '../women/rules/gestational-age';
import { Woman } from '../women/woman.entity';
import { findVisibleWomanIds, findWomanVisibleTo } from '../women/woman.repository';
import { ClassAttendance, ClassSession, ClassTopic } from './class.entities';
import {
  attendanceDuplicate,
  attendeeNotFound,
  checkInBeforeSession,
  checkInTimeInvalid,
  sessionFull,
  sessionNotFound,
  topicNotFound,
  topicTaken,
} from './classes.errors';
import {
  AttendanceDto,
  CheckInDto,
  CreateSessionDto,
  CreateTopicDto,
  MonthlyClassStatsDto,
  SessionDetailDto,
  SessionDto,
  SessionQueryDto,
  TopicDto,
  WomanClassesDto,
} from './dto/classes.dto';

interface SessionRow {
  session: ClassSession;
  topic: ClassTopic;
  attendees: number;
  companions: number;
}

/** 孕妇学校: sessions, the attendance register, and what each woman attended. */
@Injectable()
export class ClassesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: HospitalClock,
  ) {}

  async topics(): Promise<TopicDto[]> {
    const topics = await this.dataSource.getRepository(ClassTopic).find({ order: { id: 'ASC' } });
    return topics.map(mapTopic);
  }

  async createTopic(input: CreateTopicDto): Promise<TopicDto> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(ClassTopic, { code: input.code })) throw topicTaken(input.code);
      const topic = await manager.save(manager.create(ClassTopic, input));
      await this.audit.record(manager, {
        entity: 'class_topic',
        entityId: topic.id,
        action: 'create',
        after: { ...input },
      });
      return mapTopic(topic);
    });
  }

  async createSession(input: CreateSessionDto, actor: Actor): Promise<SessionDetailDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const topic = await manager.findOneBy(ClassTopic, { code: input.topicCode });
      if (!topic) throw topicNotFound(input.topicCode);
      const session = await manager.save(
        manager.create(ClassSession, {
          facilityId: actor.facilityId,
          topicId: topic.id,
          startsAt: input.startsAt,
          sessionDate: this.clock.dateOf(input.startsAt),
          durationMinutes: input.durationMinutes,
          instructor: input.instructor,
          place: input.place,
          capacity: input.capacity,
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        entity: 'class_session',
        entityId: session.id,
        action: 'create',
        after: {
          topic: topic.code,
          startsAt: input.startsAt.toISOString(),
          capacity: input.capacity,
        },
      });
      return session.id;
    });
    return this.findOne(id, actor);
  }

  async list(actor: Actor, query: SessionQueryDto): Promise<Page<SessionDto>> {
    const builder = this.sessionQuery()
      .where('session.facilityId = :facilityId', { facilityId: actor.facilityId })
      .orderBy('session.startsAt', 'DESC')
      .addOrderBy('session.id', 'DESC');
    if (query.from) builder.andWhere('session.sessionDate >= :from', { from: query.from });
    if (query.to) builder.andWhere('session.sessionDate <= :to', { to: query.to });
    if (query.topicCode)
      builder.andWhere('topic.code = :topicCode', { topicCode: query.topicCode });
    const { skip, take } = pageWindow(query);
    const total = await builder.getCount();
    const rows = await this.sessionRows(builder.offset(skip).limit(take));
    return pageOf(rows.map(mapSession), total, query);
  }

  async findOne(id: number, actor: Actor): Promise<SessionDetailDto> {
    const [row] = await this.sessionRows(this.sessionQuery().where('session.id = :id', { id }));
    inActorFacility(row?.session, actor, () => sessionNotFound(id));
    const register = await this.dataSource
      .getRepository(ClassAttendance)
      .createQueryBuilder('attendance')
      .innerJoin(Woman, 'woman', 'woman.id = attendance.womanId')
      .addSelect('woman.name', 'name')
      .where('attendance.sessionId = :id', { id })
      .orderBy('attendance.checkedInAt', 'ASC')
      .addOrderBy('attendance.id', 'ASC')
      .getRawAndEntities<{ name: string }>();
    return {
      ...mapSession(row),
      register: register.entities.map((attendance, index) => ({
        ...mapAttendance(attendance),
        name: register.raw[index].name,
      })),
    };
  }

  /**
   * Checks women in, all or none: each must be in the facility's records and not yet on the
   * register, the session must have started its day, and the seats (companions take one) suffice.
   */
  async checkIn(
    sessionId: number,
    attendees: CheckInDto[],
    actor: Actor,
    field: (index: number) => string,
  ): Promise<AttendanceDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const session = inActorFacility(
        await manager.findOne(ClassSession, {
          where: { id: sessionId },
          lock: { mode: 'pessimistic_write' },
        }),
        actor,
        () => sessionNotFound(sessionId),
      );
      if (this.clock.today() < session.sessionDate) throw checkInBeforeSession(session.sessionDate);
      attendees.forEach((attendee, index) => {
        const at = attendee.checkedInAt;
        if (at && (at > new Date() || this.clock.dateOf(at) < session.sessionDate)) {
          throw checkInTimeInvalid(
            field(index).replace('womanId', 'checkedInAt'),
            session.sessionDate,
          );
        }
      });
      await this.checkAttendees(manager, session, attendees, actor, field);

      const seatsTaken = await this.seatsTaken(manager, sessionId);
      const seatsAsked = attendees.reduce((seats, a) => seats + (a.companion ? 2 : 1), 0);
      if (seatsTaken + seatsAsked > session.capacity)
        throw sessionFull(session.capacity, seatsTaken, seatsAsked);

      const openPregnancies = await manager.find(Pregnancy, {
        select: { id: true, womanId: true },
        where: { womanId: In(attendees.map((a) => a.womanId)), status: 'open' },
      });
      const now = new Date();
      const rows = attendees.map((attendee) =>
        manager.create(ClassAttendance, {
          sessionId,
          womanId: attendee.womanId,
          pregnancyId: openPregnancies.find((p) => p.womanId === attendee.womanId)?.id ?? null,
          companion: attendee.companion ?? null,
          checkedInBy: actor.userId,
          checkedInAt: attendee.checkedInAt ?? now,
        }),
      );
      const saved = await manager.save(rows);
      for (const attendance of saved) {
        await this.audit.record(manager, {
          entity: 'class_attendance',
          entityId: attendance.id,
          action: 'create',
          after: { sessionId, womanId: attendance.womanId, companion: attendance.companion },
        });
      }
      return saved.map(mapAttendance);
    });
  }

  /** What she attended, and per pregnancy whether a breastfeeding class came before delivery. */
  async classesOfWoman(womanId: number, actor: Actor): Promise<WomanClassesDto> {
    await findWomanVisibleTo(this.dataSource.manager, womanId, actor);
    const attended = await this.dataSource
      .getRepository(ClassAttendance)
      .createQueryBuilder('attendance')
      .innerJoinAndMapOne(
        'attendance.session',
        ClassSession,
        'session',
        'session.id = attendance.sessionId',
      )
      .innerJoinAndMapOne('session.topic', ClassTopic, 'topic', 'topic.id = session.topicId')
      .where('attendance.womanId = :womanId', { womanId })
      .orderBy('session.sessionDate', 'ASC')
      .getMany();
    const classes = (
      attended as (ClassAttendance & { session: ClassSession & { topic: ClassTopic } })[]
    ).map((attendance) => ({
      sessionId: attendance.sessionId,
      sessionDate: attendance.session.sessionDate,
      topicCode: attendance.session.topic.code,
      topicName: attendance.session.topic.nameZh,
      breastfeeding: attendance.session.topic.breastfeeding,
      pregnancyId: attendance.pregnancyId,
      companion: attendance.companion,
    }));
    const pregnancies = await this.dataSource.getRepository(Pregnancy).find({
      where: { womanId, facilityId: actor.facilityId },
      order: { registrationDate: 'ASC' },
    });
    return {
      womanId,
      classes,
      pregnancies: pregnancies.map((pregnancy) => {
        const delivered = pregnancy.status === 'delivered' || pregnancy.status === 'closed';
        const deliveredOn = delivered ? pregnancy.outcomeDate : null;
        // Any other ending (a loss, a transfer, lost to follow-up) also closes the window.
        const end =
          pregnancy.status === 'open' ? null : (pregnancy.outcomeDate ?? pregnancy.statusDate);
        const start = addDays(pregnancy.edd, -PREGNANCY_LENGTH_DAYS);
        // A class counts for this pregnancy from its first day until the day before it ended.
        const during = classes.filter(
          (c) => c.sessionDate >= start && (end === null || c.sessionDate < end),
        );
        return {
          pregnancyId: pregnancy.id,
          deliveredOn,
          breastfeedingClassBeforeDelivery: during.some((c) => c.breastfeeding),
          classesBeforeDelivery: during.length,
        };
      }),
    };
  }

  /** Sessions held per month (started by now) and their attendances. */
  async monthlyStats(actor: Actor, from: string, to: string): Promise<MonthlyClassStatsDto[]> {
    const rows = await this.dataSource.query<
      { month: string; sessions: string; breastfeeding_sessions: string; attendances: string }[]
    >(
      `SELECT DATE_FORMAT(s.session_date, '%Y-%m') AS month,
              COUNT(DISTINCT s.id) AS sessions,
              COUNT(DISTINCT CASE WHEN t.breastfeeding = 1 THEN s.id END) AS breastfeeding_sessions,
              COUNT(a.id) AS attendances
       FROM class_session s
       JOIN class_topic t ON t.id = s.topic_id
       LEFT JOIN class_attendance a ON a.session_id = s.id
       WHERE s.facility_id = ? AND s.session_date BETWEEN ? AND ? AND s.starts_at <= ?
       GROUP BY month ORDER BY month`,
      [actor.facilityId, from, to, new Date()],
    );
    return rows.map((row) => ({
      month: row.month,
      sessions: Number(row.sessions),
      breastfeedingSessions: Number(row.breastfeeding_sessions),
      attendances: Number(row.attendances),
      attendancesPerSession: Math.round((Number(row.attendances) / Number(row.sessions)) * 10) / 10,
    }));
  }

  private async checkAttendees(
    manager: EntityManager,
    session: ClassSession,
    attendees: CheckInDto[],
    actor: Actor,
    field: (index: number) => string,
  ): Promise<void> {
    const ids = attendees.map((a) => a.womanId);
    const visible = await findVisibleWomanIds(manager, ids, actor);
    const missing: ErrorDetail[] = ids.flatMap((id, index) =>
      visible.has(id)
        ? []
        : [
            {
              field: field(index),
              rule: 'inFacilityRecords',
              message: `woman ${id} is not in your facility's records`,
            },
          ],
    );
    if (missing.length > 0) throw attendeeNotFound(missing);

    const registered = await manager.find(ClassAttendance, {
      select: { womanId: true },
      where: { sessionId: session.id, womanId: In(ids) },
    });
    const already = new Set(registered.map((a) => a.womanId));
    const duplicates: ErrorDetail[] = ids.flatMap((id, index) =>
      already.has(id) || ids.indexOf(id) !== index
        ? [
            {
              field: field(index),
              rule: 'oncePerSession',
              message: `woman ${id} is already on the register`,
            },
          ]
        : [],
    );
    if (duplicates.length > 0) throw attendanceDuplicate(duplicates);
  }

  private async seatsTaken(manager: EntityManager, sessionId: number): Promise<number> {
    const [{ seats }] = await manager.query<{ seats: string | null }[]>(
      'SELECT SUM(CASE WHEN companion IS NULL THEN 1 ELSE 2 END) AS seats FROM class_attendance WHERE session_id = ?',
      [sessionId],
    );
    return Number(seats ?? 0);
  }

  private sessionQuery() {
    return this.dataSource
      .getRepository(ClassSession)
      .createQueryBuilder('session')
      .innerJoin(ClassTopic, 'topic', 'topic.id = session.topicId');
  }

  private async sessionRows(
    builder: ReturnType<ClassesService['sessionQuery']>,
  ): Promise<SessionRow[]> {
    const sessions = await builder.getMany();
    if (sessions.length === 0) return [];
    const topics = await this.dataSource
      .getRepository(ClassTopic)
      .findBy({ id: In([...new Set(sessions.map((s) => s.topicId))]) });
    const counts = await this.dataSource.query<
      { session_id: number; attendees: string; companions: string }[]
    >(
      `SELECT session_id, COUNT(*) AS attendees, COUNT(companion) AS companions
       FROM class_attendance WHERE session_id IN (?) GROUP BY session_id`,
      [sessions.map((s) => s.id)],
    );
    return sessions.map((session) => {
      const count = counts.find((c) => c.session_id === session.id);
      return {
        session,
        topic: topics.find((t) => t.id === session.topicId)!,
        attendees: Number(count?.attendees ?? 0),
        companions: Number(count?.companions ?? 0),
      };
    });
  }
}

function mapTopic(topic: ClassTopic): TopicDto {
  return {
    id: topic.id,
    code: topic.code,
    nameZh: topic.nameZh,
    nameEn: topic.nameEn,
    breastfeeding: topic.breastfeeding,
  };
}

function mapSession({ session, topic, attendees, companions }: SessionRow): SessionDto {
  return {
    id: session.id,
    topicCode: topic.code,
    topicName: topic.nameZh,
    breastfeeding: topic.breastfeeding,
    startsAt: session.startsAt.toISOString(),
    sessionDate: session.sessionDate,
    durationMinutes: session.durationMinutes,
    instructor: session.instructor,
    place: session.place,
    capacity: session.capacity,
    seatsTaken: attendees + companions,
    attendees,
  };
}

function mapAttendance(attendance: ClassAttendance): AttendanceDto {
  return {
    id: attendance.id,
    sessionId: attendance.sessionId,
    womanId: attendance.womanId,
    pregnancyId: attendance.pregnancyId,
    companion: attendance.companion,
    checkedInBy: attendance.checkedInBy,
    checkedInAt: attendance.checkedInAt.toISOString(),
  };
}
