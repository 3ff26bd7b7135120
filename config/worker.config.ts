import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { readEnv, toBoolean, toInteger } from './validate-env';

class WorkerEnv {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WORKER_IN_API?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  CRON_ENABLED?: boolean;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  QUEUE_LOCK_DURATION_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(500)
  @Max(600_000)
  QUEUE_STALLED_INTERVAL_MS?: number;
}

export const workerConfig = registerAs('worker', () => {
  const env = readEnv(WorkerEnv);
  return {
    /** The API process also runs queue processors (and the schedule, when enabled). */
    inApi: env.WORKER_IN_API ?? false,
    /** Only one process of a deployment may run the cron schedule. */
    cronEnabled: env.CRON_ENABLED ?? false,
    /**
     * How long a job stays claimed by a worker that stops renewing its lock (a crashed process),
     * and how often every worker looks for such jobs: a computation whose worker dies is taken
     * up again after at most about the sum of the two.
     */
    queueLockDurationMs: env.QUEUE_LOCK_DURATION_MS ?? 60_000,
    queueStalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS ?? 30_000,
  };
});

export type WorkerConfig = ReturnType<typeof workerConfig>;
