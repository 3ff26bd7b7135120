import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../../core/auth/actor';
import { AuditService } from '../../core/audit/audit.service';
import { INDICATORS } from '../definitions';
import { IndicatorEngine } from '../indicator-engine.service';
import { IndicatorStaleness } from '../indicator-staleness.service';
import { IndicatorValue } from '../indicator.entities';
import { parsePeriod } from '../periods';
import { ClosedIndicatorValue, IndicatorPeriodVersion } from './indicator-period.entities';
import {
  periodAlreadyClosed,
  periodNotComputed,
  periodStale,
  periodVersionNotFound,
} from './indicator-periods.errors';

/**
 * What a version of a facility's period is:
 * - computed: the latest computation, not closed, no record changed since;
 * - stale: the latest computation, a record behind it changed since (the next run recomputes it);
 * - closed: frozen by maternal-health staff;
 * - corrected_after_close: frozen, then a record of the period was corrected; the values stay as
 *   they were closed, and the recomputed values can be closed as the next version.
 */
export const PERIOD_STATES = ['computed', 'stale', 'closed', 'corrected_after_close'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

/** One stored value as the reads see it, from the latest computation or a closed version. */
export interface StoredValue {
  indicatorCode: string;
  facilityId: number;
  periodKey: string;
  numerator: number;
  denominator: number;
  excluded: number;
  incomplete: number;
  value: number | null;
  definitionVersion: number;
  computedAt: Date;
  asOf: string | null;
  provisional: boolean;
  stale: boolean;
  version: number;
  state: PeriodState;
}

export interface PeriodVersionView {
  version: number;
  state: PeriodState;
  values: number;
  computedAt: string | null;
  asOf: string | null;
  provisionalValues: number;
  closedAt: string | null;
  closedBy: number | null;
  correctedAt: string | null;
}

export interface PeriodVersionsView {
  facilityId: number;
  period: string;
  versions: PeriodVersionView[];
}

/** A version asked for by number, for one period. */
export interface VersionRequest {
  periodKey: string;
  version: number;
}

/** Closes a facility's period, lists its versions, and chooses which version the reads see. */
@Injectable()
export class IndicatorPeriods {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: IndicatorEngine,
    private readonly staleness: IndicatorStaleness,
    private readonly audit: AuditService,
  ) {}

  /** Every version of the period, oldest first: the closed ones, then the latest computation. */
  async list(facilityId: number, periodKey: string): Promise<PeriodVersionsView> {
    const period = parsePeriod(periodKey);
    await this.engine.facilitiesOf({ facilityId });
    const manager = this.dataSource.manager;
    const [closed, live] = await Promise.all([
      manager.find(IndicatorPeriodVersion, {
        where: { facilityId, periodKey: period.key },
        order: { version: 'ASC' },
      }),
      manager.find(IndicatorValue, { where: { facilityId, periodKey: period.key } }),
    ]);
    const frozen = closed.length
      ? await manager.find(ClosedIndicatorValue, {
          where: { periodVersionId: In(closed.map((c) => c.id)) },
        })
      : [];
    const versions: PeriodVersionView[] = closed.map((c) => {
      const values = frozen.filter((v) => v.periodVersionId === c.id);
      return {
        ...summary(values),
        version: c.version,
        state: c.correctedAt ? 'corrected_after_close' : 'closed',
        closedAt: c.closedAt.toISOString(),
        closedBy: c.closedBy,
        correctedAt: c.correctedAt?.toISOString() ?? null,
      };
    });
    // The latest computation is a version of its own unless it is what the last close froze.
    const last = closed.at(-1);
    if (live.length > 0 && (!last || last.correctedAt)) {
      versions.push({
        ...summary(live),
        version: closed.length + 1,
        state: live.some((v) => v.stale) ? 'stale' : 'computed',
        closedAt: null,
        closedBy: null,
        correctedAt: null,
      });
    }
    return { facilityId, period: period.key, versions };
  }

  /**
   * Freezes the latest computation of every indicator as the next version. Refused while a value
   * is missing or stale, and while the last close stands uncorrected. Corrections recorded so far
   * are read from the audit trail first, so a value they change is stale here, not closed.
   */
  async close(facilityId: number, periodKey: string, actor: Actor): Promise<PeriodVersionsView> {
    const period = parsePeriod(periodKey);
    await this.engine.facilitiesOf({ facilityId });
    await this.staleness.markFromAuditTrail();
    await this.dataSource.transaction(async (manager) => {
      const closed = await manager.find(IndicatorPeriodVersion, {
        where: { facilityId, periodKey: period.key },
        order: { version: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const last = closed.at(-1);
      if (last && !last.correctedAt)
        throw periodAlreadyClosed(facilityId, period.key, last.version);
      const live = await manager.find(IndicatorValue, {
        where: { facilityId, periodKey: period.key },
        lock: { mode: 'pessimistic_write' },
      });
      const computed = new Set(live.map((v) => v.indicatorCode));
      const missing = INDICATORS.map((d) => d.code)
        .filter((code) => !computed.has(code))
        .sort();
      if (missing.length > 0) throw periodNotComputed(facilityId, period.key, missing);
      const stale = live
        .filter((v) => v.stale)
        .map((v) => v.indicatorCode)
        .sort();
      if (stale.length > 0) throw periodStale(facilityId, period.key, stale);

      const version = closed.length + 1;
      const closedAt = new Date();
      const saved = await manager.save(
        manager.create(IndicatorPeriodVersion, {
          facilityId,
          periodKey: period.key,
          periodKind: period.kind,
          periodFrom: period.from,
          version,
          closedAt,
          closedBy: actor.userId,
          correctedAt: null,
        }),
      );
      await manager.insert(
        ClosedIndicatorValue,
        live.map((v) => ({
          periodVersionId: saved.id,
          version,
          indicatorCode: v.indicatorCode,
          facilityId,
          periodKey: period.key,
          numerator: v.numerator,
          denominator: v.denominator,
          excluded: v.excluded,
          incomplete: v.incomplete,
          value: v.value,
          targetDirection: v.targetDirection,
          targetValue: v.targetValue,
          targetMet: v.targetMet,
          definitionVersion: v.definitionVersion,
          computedAt: v.computedAt,
          jobId: v.jobId,
          asOf: v.asOf,
          provisional: v.provisional,
        })),
      );
      const { asOf, provisionalValues, computedAt } = summary(live);
      await this.audit.record(manager, {
        entity: 'indicator_period',
        entityId: `${facilityId}:${period.key}:${version}`,
        action: 'status_change',
        before: {
          state: last ? 'corrected_after_close' : 'computed',
          version: last?.version ?? null,
        },
        after: {
          state: 'closed',
          version,
          values: live.length,
          computedAt,
          asOf,
          provisionalValues,
          definitionVersions: Object.fromEntries(
            live.map((v) => [v.indicatorCode, v.definitionVersion]),
          ),
        },
        facilityId,
      });
    });
    return this.list(facilityId, period.key);
  }

  /**
   * The stored values of facilities and periods as the reads see them: a closed period's last
   * closed version, otherwise the latest computation. `requested` picks a version of one period
   * (a closed one by number, or the latest computation as the number after the last close).
   */
  /** The values the reads show, with the corrections recorded so far marked stale first. */
  async currentValues(
    facilityIds: readonly number[],
    codes: readonly string[],
    periodKeys: readonly string[],
  ): Promise<StoredValue[]> {
    await this.staleness.markFromAuditTrail();
    return this.storedValues(this.dataSource.manager, facilityIds, codes, periodKeys);
  }

  async storedValues(
    manager: EntityManager,
    facilityIds: readonly number[],
    codes: readonly string[],
    periodKeys: readonly string[],
    requested: VersionRequest | null = null,
  ): Promise<StoredValue[]> {
    if (facilityIds.length === 0 || codes.length === 0 || periodKeys.length === 0) return [];
    const where = {
      facilityId: In([...facilityIds]),
      periodKey: In([...periodKeys]),
    };
    const [live, versions] = await Promise.all([
      manager.find(IndicatorValue, { where: { ...where, indicatorCode: In([...codes]) } }),
      manager.find(IndicatorPeriodVersion, { where }),
    ]);
    const byPeriod = new Map<string, IndicatorPeriodVersion[]>();
    for (const v of versions) {
      const key = `${v.facilityId}:${v.periodKey}`;
      byPeriod.set(key, [...(byPeriod.get(key) ?? []), v]);
    }
    const chosen = new Map<string, IndicatorPeriodVersion>();
    const liveVersion = new Map<string, number>();
    for (const facilityId of facilityIds) {
      for (const periodKey of periodKeys) {
        const key = `${facilityId}:${periodKey}`;
        const closed = (byPeriod.get(key) ?? []).sort((a, b) => a.version - b.version);
        liveVersion.set(key, closed.length + 1);
        const asked = requested?.periodKey === periodKey ? requested.version : null;
        if (asked !== null) {
          // The latest computation is a version of its own once the last close was corrected.
          const last = closed.at(-1);
          if (asked === closed.length + 1 && (!last || last.correctedAt)) continue;
          const match = closed.find((c) => c.version === asked);
          if (!match) throw periodVersionNotFound(facilityId, periodKey, asked);
          chosen.set(key, match);
        } else if (closed.length > 0) {
          chosen.set(key, closed[closed.length - 1]);
        }
      }
    }
    const frozen = chosen.size
      ? await manager.find(ClosedIndicatorValue, {
          where: {
            periodVersionId: In([...chosen.values()].map((c) => c.id)),
            indicatorCode: In([...codes]),
          },
        })
      : [];
    const versionById = new Map([...chosen.values()].map((c) => [c.id, c]));
    return [
      ...frozen.map((v): StoredValue => {
        const closedVersion = versionById.get(v.periodVersionId) as IndicatorPeriodVersion;
        return {
          ...storedFields(v),
          stale: closedVersion.correctedAt !== null,
          version: v.version,
          state: closedVersion.correctedAt ? 'corrected_after_close' : 'closed',
        };
      }),
      ...live
        .filter((v) => !chosen.has(`${v.facilityId}:${v.periodKey}`))
        .map((v): StoredValue => ({
          ...storedFields(v),
          stale: v.stale,
          version: liveVersion.get(`${v.facilityId}:${v.periodKey}`) ?? 1,
          state: v.stale ? 'stale' : 'computed',
        })),
    ];
  }
}

function storedFields(v: IndicatorValue | ClosedIndicatorValue) {
  return {
    indicatorCode: v.indicatorCode,
    facilityId: v.facilityId,
    periodKey: v.periodKey,
    numerator: v.numerator,
    denominator: v.denominator,
    excluded: v.excluded,
    incomplete: v.incomplete,
    value: v.value,
    definitionVersion: v.definitionVersion,
    computedAt: v.computedAt,
    asOf: v.asOf,
    provisional: Boolean(v.provisional),
  };
}

function summary(values: Array<IndicatorValue | ClosedIndicatorValue>) {
  const computed = values.map((v) => v.computedAt.getTime());
  const asOfs = values.map((v) => v.asOf).filter((d): d is string => d !== null);
  return {
    values: values.length,
    computedAt: computed.length ? new Date(Math.max(...computed)).toISOString() : null,
    // The latest as-of day of the version's values (the now-dependent rules' settling day).
    asOf: asOfs.length ? asOfs.sort().at(-1)! : null,
    provisionalValues: values.filter((v) => Boolean(v.provisional)).length,
  };
}
