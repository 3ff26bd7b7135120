import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { assertStrongSecret } from './secret-strength';
import { readEnv, toInteger } from './validate-env';

class AuthEnv {
  @IsString()
  @MinLength(32)
  JWT_SECRET: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must be a number followed by s, m, h or d' })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCKOUT_MINUTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_RATE_WINDOW_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_PER_ADDRESS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_PER_USERNAME?: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export const authConfig = registerAs('auth', () => {
  const env = readEnv(AuthEnv);
  assertStrongSecret('JWT_SECRET', env.JWT_SECRET, process.env.NODE_ENV);
  const lifetime = env.JWT_EXPIRES_IN ?? '8h';
  return {
    jwtSecret: env.JWT_SECRET,
    jwtLifetimeSeconds: Number(lifetime.slice(0, -1)) * UNIT_SECONDS[lifetime.slice(-1)],
    login: {
      /** Wrong passwords in a row (none older than the lockout) that lock a username. */
      maxFailures: env.LOGIN_MAX_FAILURES ?? 5,
      lockoutSeconds: (env.LOGIN_LOCKOUT_MINUTES ?? 15) * 60,
      /** Login attempts allowed per window, from one client address and for one username. */
      rateWindowSeconds: env.LOGIN_RATE_WINDOW_SECONDS ?? 60,
      ratePerAddress: env.LOGIN_RATE_PER_ADDRESS ?? 120,
      ratePerUsername: env.LOGIN_RATE_PER_USERNAME ?? 10,
    },
  };
});

export type AuthConfig = ReturnType<typeof authConfig>;
