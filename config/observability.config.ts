import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { readEnv } from './validate-env';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An empty assignment (`LOG_LEVEL=` in the example file) means unset. */
const emptyAsUnset = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

class ObservabilityEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'METRICS_TOKEN must be at least 24 characters' })
  METRICS_TOKEN?: string;
}

export const observabilityConfig = registerAs('observability', () => {
  const env = readEnv(ObservabilityEnv);
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    /** Tests are quiet unless LOG_LEVEL asks otherwise. */
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    /** Human-readable lines (pino-pretty) in development only; JSON everywhere else. */
    prettyLogs: nodeEnv === 'development',
    /** Bearer token required by GET /metrics; without it the endpoint answers 404. */
    metricsToken: env.METRICS_TOKEN || undefined,
  };
});

export type ObservabilityConfig = ReturnType<typeof observabilityConfig>;
