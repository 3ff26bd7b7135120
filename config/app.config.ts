import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, Validate } from 'class-validator';
import { IsTimeZone } from './is-time-zone';
import { readEnv, toBoolean, toInteger } from './validate-env';

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
}

export const appConfig = registerAs('app', () => {
  const env = readEnv(AppEnv);
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    port: env.PORT ?? 3000,
    timeZone: env.HOSPITAL_TIME_ZONE ?? 'Asia/Shanghai',
    swaggerEnabled: env.SWAGGER_ENABLED ?? true,
  };
});
