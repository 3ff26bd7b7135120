import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { appConfig } from '../../config';
import type { AuditAction } from '../core/audit/audit-entry.entity';
import { utcOffsetOf } from '../core/time/calendar-date';
import { IndicatorWatermark, PendingAuditId } from './indicator.entities';
import { markClosedPeriodsCorrected } from './closing/closed-periods';
import { periodsContaining } from './periods';

const WATERMARK = 'audit_trail';

/**
 * An id below the newest is not there yet while the transaction that took it still runs (ids are
 * taken at insert, rows seen at commit); it is looked for again at every run for this long, far
 * longer than any write runs. Ids of rolled-back writes never come, and are forgotten after it.
 */
const PENDING_FOR_MS = 60 * 60_000;

/** Absent ids are looked for among this many of the newest read; a first run's older gaps are old. */
const NEWEST_IDS_CHECKED = 100_000n;

/** Audit rows of reads, not changes: they never make a value stale. */
const READ_ACTIONS: readonly AuditAction[] = [
  'view_unmasked',
  'view_cases',
  'view_sensitive',
  'view_contact',
  'view_shared',
];

interface Link {
  /** Joins from the changed audit rows `a` (with `a.ref`, the record id) to the record. */
  join: string;
  column: string;
}

/** Audited records that belong to a pregnancy, and how to reach it. */
const PREGNANCY_OF: Record<string, Link> = {
  pregnancy: { join: '', column: 'a.ref' },
  antenatal_visit: { join: 'JOIN antenatal_visit t ON t.id = a.ref', column: 't.pregnancy_id' },
  risk_assessment: { join: 'JOIN risk_assessment t ON t.id = a.ref', column: 't.pregnancy_id' },
  risk_report: { join: 'JOIN risk_report t ON t.id = a.ref', column: 't.pregnancy_id' },
  high_risk_case: { join: 'JOIN high_risk_case t ON t.id = a.ref', column: 't.pregnancy_id' },
  referral: {
    join: 'JOIN referral t ON t.id = a.ref JOIN high_risk_case c ON c.id = t.case_id',
    column: 'c.pregnancy_id',
  },
  high_risk_case_note: {
    join: 'JOIN high_risk_case_note t ON t.id = a.ref JOIN high_risk_case c ON c.id = t.case_id',
    column: 'c.pregnancy_id',
  },
  pmtct_test: { join: 'JOIN pmtct_test t ON t.id = a.ref', column: 't.pregnancy_id' },
  pmtct_counselling: { join: 'JOIN pmtct_counselling t ON t.id = a.ref', column: 't.pregnancy_id' },
  maternal_treatment: {
    join: 'JOIN maternal_treatment t ON t.id = a.ref',
    column: 't.pregnancy_id',
  },
  treatment_dose: {
    join: 'JOIN treatment_dose t ON t.id = a.ref JOIN maternal_treatment m ON m.id = t.treatment_id',
    column: 'm.pregnancy_id',
  },
  exposed_infant: { join: 'JOIN exposed_infant t ON t.id = a.ref', column: 't.pregnancy_id' },
  infant_follow_up: {
    join: 'JOIN infant_follow_up t ON t.id = a.ref JOIN exposed_infant e ON e.id = t.infant_id',
    column: 'e.pregnancy_id',
  },
  delivery: { join: 'JOIN delivery t ON t.id = a.ref', column: 't.pregnancy_id' },
  newborn: { join: 'JOIN newborn t ON t.id = a.ref', column: 't.pregnancy_id' },
  feeding_event: {
    join: 'JOIN feeding_event t ON t.id = a.ref JOIN newborn n ON n.id = t.newborn_id',
    column: 'n.pregnancy_id',
  },
  feeding_contraindication: {
    join: 'JOIN feeding_contraindication t ON t.id = a.ref JOIN newborn n ON n.id = t.newborn_id',
    column: 'n.pregnancy_id',
  },
  postpartum_contact: {
    join: 'JOIN postpartum_contact t ON t.id = a.ref',
    column: 't.pregnancy_id',
  },
  breastfeeding_follow_up: {
    join: 'JOIN breastfeeding_follow_up t ON t.id = a.ref',
    column: 't.pregnancy_id',
  },
};

/** Audited records that belong to a woman rather than one pregnancy: all her pregnancies count. */
const WOMAN_OF: Record<string, Link> = {
  woman: { join: '', column: 'a.ref' },
  folic_acid_dispensing: {
    join: 'JOIN folic_acid_dispensing t ON t.id = a.ref',
    column: 't.woman_id',
  },
  folic_acid_intake_report: {
    join: 'JOIN folic_acid_intake_report t ON t.id = a.ref',
    column: 't.woman_id',
  },
  folic_acid_survey: { join: 'JOIN folic_acid_survey t ON t.id = a.ref', column: 't.woman_id' },
  class_attendance: { join: 'JOIN class_attendance t ON t.id = a.ref', column: 't.woman_id' },
};

/** Records whose own day puts them in a period: gradings, follow-ups, surveys, class sessions. */
const OWN_DAY_OF: Record<string, { join: string; facilityId: string; day: string }> = {
  risk_assessment: {
    join: 'JOIN risk_assessment t ON t.id = a.ref',
    facilityId: 't.facility_id',
    day: 't.assessed_on',
  },
  breastfeeding_follow_up: {
    join: 'JOIN breastfeeding_follow_up t ON t.id = a.ref',
    facilityId: 't.facility_id',
    day: 't.followed_up_on',
  },
  folic_acid_survey: {
    join: 'JOIN folic_acid_survey t ON t.id = a.ref',
    facilityId: 't.facility_id',
    day: 't.asked_on',
  },
  class_session: {
    join: 'JOIN class_session t ON t.id = a.ref',
    facilityId: 't.facility_id',
    day: 't.session_date',
  },
  class_attendance: {
    join: 'JOIN class_attendance t ON t.id = a.ref JOIN class_session s ON s.id = t.session_id',
    facilityId: 's.facility_id',
    day: 's.session_date',
  },
};

/**
 * Days a correction may have moved a record away from: the audit row's `before` keeps the old
 * value, so the period the case was counted in is marked stale beside the one it moved to.
 * `instant` values are UTC ISO strings (their hospital day counts), `date` values calendar days.
 */
const PREVIOUS_DAYS_OF: Record<
  string,
  { join: string; facilityId: string; fields: Record<string, 'instant' | 'date'> }
> = {
  delivery: {
    join: 'JOIN delivery t ON t.id = a.ref',
    facilityId: 't.facility_id',
    fields: { deliveredAt: 'instant' },
  },
  newborn: {
    join: 'JOIN newborn t ON t.id = a.ref',
    facilityId: 't.facility_id',
    fields: { bornAt: 'instant' },
  },
  pregnancy: {
    join: 'JOIN pregnancy t ON t.id = a.ref',
    facilityId: 't.facility_id',
    fields: { registrationDate: 'date', statusDate: 'date', outcomeDate: 'date' },
  },
};

/** The hospital day of a `before` value of the changed audit row `a`; NULL when absent. */
function previousDaySql(field: string, kind: 'instant' | 'date', tz: string): string {
  const value = `JSON_UNQUOTE(JSON_EXTRACT(a.before_values, '$.${field}'))`;
  const present = `JSON_TYPE(JSON_EXTRACT(a.before_values, '$.${field}')) = 'STRING'`;
  const day =
    kind === 'date'
      ? `CAST(LEFT(${value}, 10) AS DATE)`
      : `DATE(CONVERT_TZ(CAST(REPLACE(REPLACE(${value}, 'T', ' '), 'Z', '') AS DATETIME(3)), '+00:00', '${tz}'))`;
  return `CASE WHEN ${present} THEN ${day} END`;
}

export interface StaleMarking {
  auditEntriesRead: number;
  days: number;
  valuesMarked: number;
}

/**
 * Late corrections: reads the audit trail since the last run, finds the facility days the changed
 * records are counted on (registration, delivery, birth, status, grading, follow-up and session
 * days; for a changed baby, the days of its feeding recalls, whose age at recall follows its
 * birth), and the days they were counted on before a correction moved them (the audit row's
 * `before`), and marks the computed values of every period containing any of them stale, for
 * every indicator of the facility: a case moved from September to October makes both stale.
 * An audit row written by a transaction that commits after a later one is read on the run after
 * it commits: ids not there when their range was read are kept, and looked for again.
 */
@Injectable()
export class IndicatorStaleness {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async markFromAuditTrail(): Promise<StaleMarking> {
    // The row the readings lock must exist first: locking an absent row locks the gap around
    // it, and two workers' first readings would then deadlock on inserting it.
    await this.dataSource.query(
      'INSERT IGNORE INTO indicator_watermark (name, last_audit_id) VALUES (?, 0)',
      [WATERMARK],
    );
    return this.dataSource.transaction(async (manager) => {
      const watermark = await manager.findOne(IndicatorWatermark, {
        where: { name: WATERMARK },
        lock: { mode: 'pessimistic_write' },
      });
      const from = watermark?.lastAuditId ?? '0';
      const pending = watermark?.pendingAuditIds ?? [];
      const [{ newest }] = await manager.query<Array<{ newest: string | null }>>(
        'SELECT MAX(id) AS newest FROM audit_entry',
      );
      const upTo = newest !== null && BigInt(newest) > BigInt(from) ? newest : from;
      const arrived = await this.arrived(manager, pending);
      if (upTo === from && arrived.length === 0) {
        return { auditEntriesRead: 0, days: 0, valuesMarked: 0 };
      }
      const days = await this.affectedDays(manager, from, upTo, arrived);
      let valuesMarked = 0;
      for (const [facilityId, facilityDays] of groupByFacility(days)) {
        const keys = [
          ...new Set(facilityDays.flatMap((d) => periodsContaining(d).map((p) => p.key))),
        ];
        const result: { affectedRows?: number } = await manager.query(
          `UPDATE indicator_value SET stale = 1
           WHERE facility_id = ? AND stale = 0 AND period_key IN (${keys.map(() => '?').join(', ')})`,
          [facilityId, ...keys],
        );
        valuesMarked += result.affectedRows ?? 0;
        // Closed periods keep their values; the correction marks them corrected after close.
        await markClosedPeriodsCorrected(manager, facilityId, keys);
      }
      const stillPending = pendingAfter(
        pending,
        arrived,
        await this.absent(manager, from, upTo),
        new Date(),
      );
      await manager.upsert(
        IndicatorWatermark,
        {
          name: WATERMARK,
          lastAuditId: upTo,
          pendingAuditIds: stillPending.length > 0 ? stillPending : null,
        },
        ['name'],
      );
      return {
        auditEntriesRead: Number(BigInt(upTo) - BigInt(from)) + arrived.length,
        days: days.length,
        valuesMarked,
      };
    });
  }

  /** The pending ids whose rows are there now. */
  private async arrived(manager: EntityManager, pending: PendingAuditId[]): Promise<string[]> {
    if (pending.length === 0) return [];
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM audit_entry WHERE id IN (?)',
      [pending.map((p) => p.id)],
    );
    return rows.map((row) => String(row.id));
  }

  /** Ids in (fromId, toId], of the newest NEWEST_IDS_CHECKED, that no row has. */
  private async absent(manager: EntityManager, fromId: string, toId: string): Promise<string[]> {
    const to = BigInt(toId);
    const newest = to - NEWEST_IDS_CHECKED;
    const low = BigInt(fromId) > newest ? BigInt(fromId) : newest;
    if (to <= low) return [];
    const [{ rows }] = await manager.query<Array<{ rows: string }>>(
      'SELECT COUNT(*) AS `rows` FROM audit_entry WHERE id > ? AND id <= ?',
      [String(low), toId],
    );
    if (BigInt(rows) === to - low) return [];
    const present = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM audit_entry WHERE id > ? AND id <= ?',
      [String(low), toId],
    );
    const seen = new Set(present.map((row) => String(row.id)));
    const absent: string[] = [];
    for (let id = low + 1n; id <= to; id++) if (!seen.has(String(id))) absent.push(String(id));
    return absent;
  }

  private async affectedDays(
    manager: EntityManager,
    fromId: string,
    toId: string,
    arrivedIds: string[],
  ): Promise<Array<{ facilityId: number; day: string }>> {
    const pregnancies = [
      ...Object.entries(PREGNANCY_OF).map(
        ([entity, link]) =>
          `SELECT ${link.column} AS pregnancy_id FROM changed a ${link.join} WHERE a.entity = '${entity}'`,
      ),
      ...Object.entries(WOMAN_OF).map(
        ([entity, link]) =>
          `SELECT p.id FROM changed a ${link.join} JOIN pregnancy p ON p.woman_id = ${link.column} WHERE a.entity = '${entity}'`,
      ),
    ].join('\n      UNION ');
    const ownDays = Object.entries(OWN_DAY_OF)
      .map(
        ([entity, link]) =>
          `SELECT ${link.facilityId}, ${link.day} FROM changed a ${link.join} WHERE a.entity = '${entity}'`,
      )
      .join('\n      UNION ');
    const tz = utcOffsetOf(this.app.timeZone, new Date());
    if (!/^[+-]\d{2}:\d{2}$/.test(tz)) throw new Error(`Unexpected UTC offset ${tz}`);
    const previousDays = Object.entries(PREVIOUS_DAYS_OF)
      .flatMap(([entity, link]) =>
        Object.entries(link.fields).map(
          ([field, kind]) =>
            `SELECT ${link.facilityId}, ${previousDaySql(field, kind, tz)} FROM changed a ${link.join} WHERE a.entity = '${entity}'`,
        ),
      )
      .join('\n      UNION ');
    const sql = `WITH changed AS (
        SELECT entity, CAST(entity_id AS UNSIGNED) AS ref, \`before\` AS before_values FROM audit_entry
        WHERE (id > ? AND id <= ?${arrivedIds.length > 0 ? ' OR id IN (?)' : ''})
          AND action NOT IN (${READ_ACTIONS.map((a) => `'${a}'`).join(', ')})),
      touched AS (SELECT DISTINCT pregnancy_id FROM (${pregnancies}) u)
      SELECT p.facility_id, p.registration_date AS day
        FROM touched x JOIN pregnancy p ON p.id = x.pregnancy_id
      UNION SELECT p.registering_facility_id, p.registration_date
        FROM touched x JOIN pregnancy p ON p.id = x.pregnancy_id
      UNION SELECT p.facility_id, p.status_date
        FROM touched x JOIN pregnancy p ON p.id = x.pregnancy_id WHERE p.status_date IS NOT NULL
      UNION SELECT d.facility_id, DATE(CONVERT_TZ(d.delivered_at, '+00:00', ?))
        FROM touched x JOIN delivery d ON d.pregnancy_id = x.pregnancy_id
      UNION SELECT n.facility_id, DATE(CONVERT_TZ(n.born_at, '+00:00', ?))
        FROM touched x JOIN newborn n ON n.pregnancy_id = x.pregnancy_id
      UNION SELECT f.facility_id, f.followed_up_on
        FROM changed a JOIN breastfeeding_follow_up f ON f.newborn_id = a.ref
        WHERE a.entity = 'newborn'
      UNION ${ownDays}
      UNION ${previousDays}`;
    const rows = await manager.query<Array<{ facility_id: number; day: string | null }>>(sql, [
      fromId,
      toId,
      ...(arrivedIds.length > 0 ? [arrivedIds] : []),
      tz,
      tz,
    ]);
    return rows
      .filter((r) => r.day !== null)
      .map((r) => ({ facilityId: Number(r.facility_id), day: String(r.day).slice(0, 10) }));
  }
}

/**
 * The ids to look for at the next run: those still not there, for PENDING_FOR_MS from when they
 * were first missed, and the ones `absent` now.
 */
export function pendingAfter(
  pending: PendingAuditId[],
  arrived: string[],
  absent: string[],
  now: Date,
): PendingAuditId[] {
  return [
    ...pending.filter(
      (p) => !arrived.includes(p.id) && now.getTime() - Date.parse(p.since) < PENDING_FOR_MS,
    ),
    ...absent.map((id) => ({ id, since: now.toISOString() })),
  ];
}

function groupByFacility(days: Array<{ facilityId: number; day: string }>): Map<number, string[]> {
  const byFacility = new Map<number, string[]>();
  for (const { facilityId, day } of days) {
    byFacility.set(facilityId, [...(byFacility.get(facilityId) ?? []), day]);
  }
  return byFacility;
}
