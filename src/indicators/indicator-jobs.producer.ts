import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, JobOptions, Queue } from 'bull';
import { INDICATOR_JOBS, QUEUES } from '../core/queue/queue.constants';
import type { IndicatorGroup } from './definitions/indicator-definition';
import type { ComputationScope } from './indicator-engine.service';

export type ComputationTrigger = 'on_demand' | 'nightly' | 'stale' | 'year_end' | 'backfill';

export interface ComputeJobData {
  scope: ComputationScope;
  period: string;
  group: IndicatorGroup | null;
  trigger: ComputationTrigger;
  requestedBy: number | null;
}

export interface PlanJobData {
  /** The hospital day the plan is for. */
  day: string;
}

export const EXPORT_FORMATS = ['xlsx', 'csv', 'fhir'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportJobData {
  scope: ComputationScope;
  period: string;
  format: ExportFormat;
  /** Export even with values missing or stale; the file says so. */
  allowStale?: boolean;
  /** Exports are always someone's: the sign-off names them, the history lists them. */
  requestedBy: number;
}

export type IndicatorJobData = ComputeJobData | PlanJobData | ExportJobData;

/** The only caller of queue.add for the indicators queue. */
@Injectable()
export class IndicatorJobsProducer {
  constructor(@InjectQueue(QUEUES.indicators) readonly queue: Queue<IndicatorJobData>) {}

  /**
   * On demand every request runs; scheduled runs carry the day (or the period, for year ends) in
   * their job id, so a second tick of the same cron adds nothing.
   */
  compute(data: ComputeJobData, runKey: string = `${Date.now()}`): Promise<Job<IndicatorJobData>> {
    const scope =
      'facilityId' in data.scope ? `f${data.scope.facilityId}` : `r${data.scope.regionCode}`;
    const jobId = `compute:${scope}:${data.period}:${data.group ?? 'all'}:${data.trigger}:${runKey}`;
    return this.queue.add(INDICATOR_JOBS.compute, data, { jobId, ...COMPUTE_OPTIONS });
  }

  /**
   * The day's plan, once per deployment whichever process asks and however often: the first to
   * claim the day in Redis adds the job. The plan job's id alone would not do: finished jobs are
   * trimmed to the newest few thousand of the queue, computations included, and a later tick
   * would then plan the day again. Resolves to null when the day was already planned.
   */
  async plan(day: string): Promise<Job<IndicatorJobData> | null> {
    const claim = `${PLAN_CLAIM_PREFIX}${day}`;
    const claimed = await this.queue.client.set(
      claim,
      new Date().toISOString(),
      'EX',
      PLAN_CLAIM_SECONDS,
      'NX',
    );
    if (claimed !== 'OK') return null;
    try {
      return await this.queue.add(INDICATOR_JOBS.plan, { day } satisfies PlanJobData, {
        jobId: `plan:${day}`,
        attempts: 3,
      });
    } catch (error) {
      // Not enqueued: the next tick tries again.
      await this.queue.client.del(claim).catch(() => undefined);
      throw error;
    }
  }

  export(data: ExportJobData): Promise<Job<IndicatorJobData>> {
    return this.queue.add(INDICATOR_JOBS.export, data, {
      jobId: `export:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
      attempts: 3,
    });
  }

  job(jobId: string): Promise<Job<IndicatorJobData> | null> {
    return this.queue.getJob(jobId);
  }

  failed(start: number, end: number): Promise<Job<IndicatorJobData>[]> {
    return this.queue.getFailed(start, end);
  }

  /**
   * A facility's computations of some periods: every one queued or running, and those among the
   * latest finished (newest first, `finishedScanned` of them read).
   */
  async facilityComputations(
    facilityId: number,
    periodKeys: readonly string[],
    finishedScanned = FINISHED_SCANNED,
  ): Promise<Job<IndicatorJobData>[]> {
    const prefixes = periodKeys.map((key) => `compute:f${facilityId}:${key}:`);
    const ofFacility = (job: Job<IndicatorJobData> | null): job is Job<IndicatorJobData> =>
      job !== null && prefixes.some((prefix) => String(job.id).startsWith(prefix));
    const [open, finished] = await Promise.all([
      this.queue.getJobs(['active', 'waiting', 'delayed', 'paused']),
      this.queue.getJobs(['completed', 'failed'], 0, finishedScanned - 1),
    ]);
    return [...open, ...finished].filter(ofFacility);
  }
}

/** Redis key, per hospital day, of the process that enqueued the day's plan. */
export const PLAN_CLAIM_PREFIX = 'mch:schedule:indicators-plan:';
/** Longer than the day and the hourly ticks after it, whatever the time zones. */
const PLAN_CLAIM_SECONDS = 3 * 24 * 3600;

/** Finished computations kept are 5 000; an overview reads the newest of them. */
const FINISHED_SCANNED = 500;

const COMPUTE_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 5000,
  removeOnFail: 5000,
};
