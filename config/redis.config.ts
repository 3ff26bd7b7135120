import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { readEnv, toInteger } from './validate-env';

class RedisEnv {
  @IsString()
  @IsNotEmpty()
  REDIS_HOST: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT: number;

  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(15)
  REDIS_DB?: number;
}

export const redisConfig = registerAs('redis', () => {
  const env = readEnv(RedisEnv);
  return {
    host: env.REDIS_HOST,
    port: env.REDIS_PORT,
    password: env.REDIS_PASSWORD || undefined,
    db: env.REDIS_DB ?? 0,
  };
});

export type RedisConfig = ReturnType<typeof redisConfig>;
