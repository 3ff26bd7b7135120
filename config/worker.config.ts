import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { readEnv, toBoolean } from './validate-env';

class WorkerEnv {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WORKER_IN_API?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  CRON_ENABLED?: boolean;
}

export const workerConfig = registerAs('worker', () => {
  const env = readEnv(WorkerEnv);
  return {
    /** The API process also runs queue processors (and the schedule, when enabled). */
    inApi: env.WORKER_IN_API ?? false,
    /** Only one process of a deployment may run the cron schedule. */
    cronEnabled: env.CRON_ENABLED ?? false,
  };
});

export type WorkerConfig = ReturnType<typeof workerConfig>;
