import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Facility } from '../core/facilities/facility.entity';
import { IndicatorJobsProducer } from './indicator-jobs.producer';
import { IndicatorStaleness, type StaleMarking } from './indicator-staleness.service';
import { periodContaining, periodsEndingWith, previousPeriod } from './periods';

/** Months kept computed without anyone asking: a new deployment or facility gets its history. */
export const BACKFILL_MONTHS = 12;

export interface Plan {
  day: string;
  enqueued: number;
  stale: StaleMarking;
}

/**
 * What the nightly run computes for a hospital day: last month and the running month of every
 * facility; the statistical year just ended, in October; periods marked stale by late corrections;
 * and any of the last 12 months that has no values yet.
 */
@Injectable()
export class IndicatorPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: IndicatorJobsProducer,
    private readonly staleness: IndicatorStaleness,
  ) {}

  async planDay(day: string): Promise<Plan> {
    const stale = await this.staleness.markFromAuditTrail();
    const facilities = await this.dataSource.manager.find(Facility, {
      select: { id: true },
      order: { id: 'ASC' },
    });
    const running = periodContaining('month', day);
    const planned = new Set<string>();
    let enqueued = 0;
    const enqueue = async (
      facilityId: number,
      period: string,
      trigger: 'nightly' | 'stale' | 'year_end' | 'backfill',
      runKey: string,
    ) => {
      const key = `${facilityId}:${period}`;
      if (planned.has(key)) return;
      planned.add(key);
      await this.producer.compute(
        { scope: { facilityId }, period, group: null, trigger, requestedBy: null },
        runKey,
      );
      enqueued += 1;
    };

    for (const { id } of facilities) {
      await enqueue(id, running.key, 'nightly', day);
      await enqueue(id, previousPeriod(running).key, 'nightly', day);
    }
    if (running.key.endsWith('-10')) {
      const endedYear = periodContaining('statistical_year', previousPeriod(running).from);
      for (const { id } of facilities) await enqueue(id, endedYear.key, 'year_end', endedYear.key);
    }
    for (const { facilityId, periodKey } of await this.stalePeriods()) {
      await enqueue(facilityId, periodKey, 'stale', day);
    }
    const months = periodsEndingWith(running, BACKFILL_MONTHS).map((p) => p.key);
    for (const { facilityId, periodKey } of await this.missingMonths(facilities, months)) {
      await enqueue(facilityId, periodKey, 'backfill', day);
    }
    return { day, enqueued, stale };
  }

  private async stalePeriods(): Promise<Array<{ facilityId: number; periodKey: string }>> {
    const rows = await this.dataSource.query<Array<{ facility_id: number; period_key: string }>>(
      'SELECT DISTINCT facility_id, period_key FROM indicator_value WHERE stale = 1 ORDER BY 1, 2',
    );
    return rows.map((r) => ({ facilityId: Number(r.facility_id), periodKey: r.period_key }));
  }

  private async missingMonths(
    facilities: Facility[],
    months: string[],
  ): Promise<Array<{ facilityId: number; periodKey: string }>> {
    if (facilities.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ facility_id: number; period_key: string }>>(
      `SELECT DISTINCT facility_id, period_key FROM indicator_value
       WHERE period_kind = 'month' AND period_key IN (${months.map(() => '?').join(', ')})`,
      months,
    );
    const present = new Set(rows.map((r) => `${Number(r.facility_id)}:${r.period_key}`));
    return facilities.flatMap(({ id }) =>
      months
        .filter((month) => !present.has(`${id}:${month}`))
        .map((periodKey) => ({ facilityId: id, periodKey })),
    );
  }
}
