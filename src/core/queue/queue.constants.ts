import type { JobOptions } from 'bull';

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

/** Redis key where the worker writes the time of the last processed heartbeat. */
export const HEARTBEAT_KEY = 'mch:worker:last-heartbeat';
