import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import type { Actor } from '../core/auth/actor';
import { execute, hydrate } from '../core/database/plain-rows';
import type { DomainError } from '../core/errors/domain.error';
import { Pregnancy } from '../women/pregnancy.entity';
import {
  RECORD_AREAS,
  rolesReach,
  type ParticipantRole,
  type RecordArea,
} from './rules/participation';

/** A facility's standing in one episode: the managing facility, and the roles it holds. */
export interface Participation {
  managingFacilityId: number;
  roles: ParticipantRole[];
}

/**
 * The one rule of access to a pregnancy's records: a facility reads and writes an episode only
 * while it is an active participant (episode_participant); to anyone else the episode and every
 * record of it are not found, never forbidden, so not even her existence leaks. A read by a
 * participant other than the managing facility is audited with the facility and its roles.
 */
@Injectable()
export class EpisodeAccess {
  constructor(private readonly audit: AuditService) {}

  /** The caller's facility's standing in the episode; null when the pregnancy does not exist. */
  async participation(
    manager: EntityManager,
    pregnancyId: number,
    facilityId: number,
  ): Promise<Participation | null> {
    const rows = await manager.query<Array<{ facility_id: number; role: ParticipantRole | null }>>(
      `SELECT p.facility_id, ep.role FROM pregnancy p
       LEFT JOIN episode_participant ep ON ep.pregnancy_id = p.id AND ep.facility_id = ?
         AND ep.status = 'active'
       WHERE p.id = ?`,
      [facilityId, pregnancyId],
    );
    if (rows.length === 0) return null;
    return {
      managingFacilityId: Number(rows[0].facility_id),
      roles: rows.flatMap((row) => (row.role === null ? [] : [row.role])),
    };
  }

  /**
   * `record` (a pregnancy's own record, or the pregnancy itself with `pregnancyIdOf`) when the
   * caller's facility takes part in its episode (in a role that needs the `area`, when one is
   * named), else `notFound()`. With `read`, the name of what is shown: a read by a facility that
   * does not manage her is audited.
   */
  async require<T extends object>(
    manager: EntityManager,
    record: T | null | undefined,
    pregnancyIdOf: (record: T) => number,
    actor: Actor,
    notFound: () => DomainError,
    read?: string,
    area?: RecordArea,
  ): Promise<T> {
    if (!record) throw notFound();
    const pregnancyId = pregnancyIdOf(record);
    const standing = await this.participation(manager, pregnancyId, actor.facilityId);
    if (!standing || !rolesReach(standing.roles, area)) throw notFound();
    if (read !== undefined && standing.managingFacilityId !== actor.facilityId) {
      await this.audit.record(manager, {
        entity: 'pregnancy',
        entityId: pregnancyId,
        action: 'view_shared',
        after: { view: read, roles: standing.roles },
        facilityId: actor.facilityId,
      });
    }
    return record;
  }

  /**
   * The pregnancy locked for the caller's transaction (which it serialises with every other
   * write to her episode) when the caller's facility takes part in it (in a role that needs the
   * `area`, when one is named), else `notFound()`: one statement, for the writes every visit
   * makes.
   */
  async lockPregnancy(
    manager: EntityManager,
    id: number,
    actor: Actor,
    notFound: () => DomainError,
    area?: RecordArea,
  ): Promise<Pregnancy> {
    return (await this.lockPregnancyReading(manager, id, actor, notFound, area)).pregnancy;
  }

  /**
   * `lockPregnancy`, reading `columns` in the same statement, so a visit locks and reads in one
   * round trip: the pregnancy, and the row those columns come back in. `columns` is select-list
   * SQL without parameters whose every subquery names the pregnancy `p`'s columns: MariaDB may
   * evaluate one that does not before the row, and so the lock, is had (see grading-records.ts).
   */
  async lockPregnancyReading<R extends object>(
    manager: EntityManager,
    id: number,
    actor: Actor,
    notFound: () => DomainError,
    area?: RecordArea,
    columns = '',
  ): Promise<{ pregnancy: Pregnancy; row: R }> {
    const roles =
      area === undefined
        ? ''
        : ` AND ep.role IN (${RECORD_AREAS[area].map((r) => `'${r}'`).join(', ')})`;
    const [row] = await execute<Array<R & { participates: number }>>(
      manager,
      `SELECT p.*, EXISTS (SELECT 1 FROM episode_participant ep WHERE ep.pregnancy_id = p.id
         AND ep.facility_id = ? AND ep.status = 'active'${roles}) AS participates${columns && `, ${columns}`}
       FROM pregnancy p WHERE p.id = ? FOR UPDATE`,
      [actor.facilityId, id],
    );
    if (!row || Number(row.participates) !== 1) throw notFound();
    return { pregnancy: hydrate(manager, Pregnancy, row), row };
  }

  /** A pregnancy the caller's facility takes part in (for the `area`), else `notFound()`. */
  pregnancy<T extends { id: number }>(
    manager: EntityManager,
    pregnancy: T | null | undefined,
    actor: Actor,
    notFound: () => DomainError,
    read?: string,
    area?: RecordArea,
  ): Promise<T> {
    return this.require(manager, pregnancy, (p) => p.id, actor, notFound, read, area);
  }

  /** A record of a pregnancy the caller's facility takes part in (for the `area`), else `notFound()`. */
  record<T extends { pregnancyId: number }>(
    manager: EntityManager,
    record: T | null | undefined,
    actor: Actor,
    notFound: () => DomainError,
    read?: string,
    area?: RecordArea,
  ): Promise<T> {
    return this.require(manager, record, (r) => r.pregnancyId, actor, notFound, read, area);
  }
}

/**
 * SQL condition: pregnancy `alias` is in an episode the facility (`parameter`: TypeORM's
 * `:facilityId`, or `?` in plain SQL) takes part in. Driven by the participant index (facility,
 * status, pregnancy).
 */
export const participatesSql = (alias: string, parameter = ':facilityId'): string =>
  `${alias}.id IN (SELECT ep.pregnancy_id FROM episode_participant ep
     WHERE ep.facility_id = ${parameter} AND ep.status = 'active')`;
