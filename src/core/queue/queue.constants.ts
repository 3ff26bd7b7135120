import type { AdvancedSettings, JobOptions } from 'bull';

/** Every queue, job name and default option in one place; producers and processors import these. */
export const QUEUES = {
  system: 'system',
  indicators: 'indicators',
  risk: 'risk',
} as const;

export const SYSTEM_JOBS = {
  heartbeat: 'heartbeat',
} as const;

export const INDICATOR_JOBS = {
  /** Count one facility's (or region's) indicators for one period and upsert the values. */
  compute: 'compute',
  /** Nightly: mark late-corrected periods stale, then enqueue the computations due. */
  plan: 'plan',
  /** Build an export file of computed values. */
  export: 'export',
} as const;

export const RISK_JOBS = {
  /** Nightly: close the high-risk cases 56 days past the end of pregnancy. */
  closeExpiredCases: 'close-expired-cases',
} as const;

export const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/**
 * How Bull hands a job over when its worker dies (shared by every queue and process). A worker
 * holds a lock on each job it runs and renews it every quarter of its duration; a job whose lock
 * has lapsed is "stalled": the next check (on start-up, then every `stalledInterval`) puts it
 * back in the queue, and another worker (or the restarted one) computes it again from the start,
 * which is safe because every job is idempotent. Bull gives up on a job stalled more than
 * `maxStalledCount` times: 2 lets a computation survive two crashes of its worker (a third
 * means the job itself kills the worker, and it is failed for someone to read).
 */
export function queueSettings(options: {
  lockDurationMs: number;
  stalledIntervalMs: number;
}): AdvancedSettings {
  return {
    lockDuration: options.lockDurationMs,
    lockRenewTime: Math.floor(options.lockDurationMs / 4),
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: MAX_STALLED_COUNT,
  };
}

export const MAX_STALLED_COUNT = 2;

/** Redis key where the worker writes the time of the last processed heartbeat. */
export const HEARTBEAT_KEY = 'mch:worker:last-heartbeat';
