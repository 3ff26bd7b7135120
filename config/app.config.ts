import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
} from 'class-validator';
import { IsTimeZone } from './is-time-zone';
import { readEnv, toBoolean, toInteger, toList } from './validate-env';

/** scheme://host[:port], no path: what a browser sends in the Origin header. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

class AppEnv {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @Validate(IsTimeZone)
  HOSPITAL_TIME_ZONE?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SWAGGER_ENABLED?: boolean;

  @IsOptional()
  @Transform(toList)
  @IsArray()
  @Matches(ORIGIN, {
    each: true,
    message: 'CORS_ORIGINS must be comma-separated origins such as https://mch.example.org',
  })
  CORS_ORIGINS?: string[];

  @IsOptional()
  @IsString()
  WEB_ROOT?: string;
}

export const appConfig = registerAs('app', () => {
  const env = readEnv(AppEnv);
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    nodeEnv,
    port: env.PORT ?? 3000,
    timeZone: env.HOSPITAL_TIME_ZONE ?? 'Asia/Shanghai',
    // The API documentation maps every route and field: off in production unless asked for.
    swaggerEnabled: env.SWAGGER_ENABLED ?? nodeEnv !== 'production',
    /** Browser origins allowed to call the API; none (no CORS headers at all) by default. */
    corsOrigins: env.CORS_ORIGINS ?? [],
    /** The built web application (`npm run web:build`), served at /app; relative to the cwd. */
    webRoot: env.WEB_ROOT ?? 'dist/web',
  };
});
