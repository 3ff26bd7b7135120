import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isDuplicateKeyError } from '../core/database/query-errors';
import { ReplicaUnavailableError } from '../core/database/replica-reads';
import { INDICATOR_JOBS, QUEUES } from '../core/queue/queue.constants';
import { IndicatorEngine, type ComputationSummary } from './indicator-engine.service';
import type {
  ComputeJobData,
  ExportJobData,
  IndicatorJobData,
  PlanJobData,
} from './indicator-jobs.producer';
import { IndicatorPlanner, type Plan } from './indicator-planner.service';
import { IndicatorExports, type ExportFile } from './exports/indicator-exports.service';

/** Thin: each job calls one service method. Only transient failures are retried. */
@Processor(QUEUES.indicators)
export class IndicatorJobsProcessor {
  private readonly logger = new Logger(IndicatorJobsProcessor.name);

  constructor(
    private readonly engine: IndicatorEngine,
    private readonly planner: IndicatorPlanner,
    private readonly exports: IndicatorExports,
  ) {}

  /**
   * The one handler of the queue. Bull 3/4 runs each registered handler with its own concurrency
   * and every one of them takes whichever job comes next, so one handler per job name at
   * concurrency 1 would run three jobs (three computations) at once in each worker.
   */
  @Process({ name: '*', concurrency: 1 })
  async handle(job: Job<IndicatorJobData>): Promise<unknown> {
    switch (job.name) {
      case INDICATOR_JOBS.compute:
        return this.compute(job as Job<ComputeJobData>);
      case INDICATOR_JOBS.plan:
        return this.plan(job as Job<PlanJobData>);
      case INDICATOR_JOBS.export:
        return this.export(job as Job<ExportJobData>);
      default:
        await job.discard();
        throw new Error(`Unknown job ${job.name}`);
    }
  }

  compute(job: Job<ComputeJobData>): Promise<ComputationSummary> {
    return retryOnlyTransient(job, () =>
      this.engine.compute(job.data, String(job.id), (percent) => job.progress(percent)),
    );
  }

  async plan(job: Job<PlanJobData>): Promise<Plan> {
    const plan = await retryOnlyTransient(job, () => this.planner.planDay(job.data.day));
    this.logger.log(`Indicator plan for ${job.data.day}: ${plan.enqueued} computations`);
    return plan;
  }

  export(job: Job<ExportJobData>): Promise<Omit<ExportFile, 'content'>> {
    return retryOnlyTransient(job, async () => {
      const { scope, period, format, allowStale, requestedBy } = job.data;
      // A retried job (its worker lost) builds the file again; the first one built is kept.
      const built = await this.exports.fetch(String(job.id)).catch(() => null);
      const file =
        built ??
        (await this.exports
          .build({
            scope,
            period,
            format,
            allowStale: allowStale ?? false,
            requestedBy,
            jobId: String(job.id),
          })
          .catch((error: unknown) => {
            // A worker whose lock had lapsed stored the job's file first: that one is kept.
            if (isDuplicateKeyError(error, 'uq_indicator_export_job')) {
              return this.exports.fetch(String(job.id));
            }
            throw error;
          }));
      await job.progress(80);
      return { filename: file.filename, contentType: file.contentType, bytes: file.bytes };
    });
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_QUERY_INTERRUPTED',
  // The primary set aside for a second by the pool cluster after a failed connection.
  'POOL_NONEONLINE',
]);

/**
 * A lost connection, a deadlock or a read replica behind or away is worth retrying (with the
 * queue's backoff); a bad request is not.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof ReplicaUnavailableError) return true;
  const codes = [error, (error as { driverError?: unknown }).driverError]
    .map((e) => (e as { code?: unknown } | undefined)?.code)
    .filter((code): code is string => typeof code === 'string');
  return (
    codes.some((code) => TRANSIENT_CODES.has(code)) || error.name === 'MaxRetriesPerRequestError'
  );
}

async function retryOnlyTransient<T>(job: Job, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isTransient(error)) await job.discard();
    throw error;
  }
}
