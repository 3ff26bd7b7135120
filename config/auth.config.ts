import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { readEnv } from './validate-env';

class AuthEnv {
  @IsString()
  @MinLength(32)
  JWT_SECRET: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must be a number followed by s, m, h or d' })
  JWT_EXPIRES_IN?: string;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export const authConfig = registerAs('auth', () => {
  const env = readEnv(AuthEnv);
  const lifetime = env.JWT_EXPIRES_IN ?? '8h';
  return {
    jwtSecret: env.JWT_SECRET,
    jwtLifetimeSeconds: Number(lifetime.slice(0, -1)) * UNIT_SECONDS[lifetime.slice(-1)],
  };
});

export type AuthConfig = ReturnType<typeof authConfig>;
