import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { redisConfig } from '../../../config';

/**
 * The one Redis client for request-time state shared by every API process: live sessions, login
 * failures and throttling counters. Bull keeps its own connections (queue.module.ts).
 */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Every key of this client starts with it, beside Bull's `mch:<queue>:` keys. */
export const REDIS_KEY_PREFIX = 'mch:';

@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) =>
        new Redis({
          host: config.host,
          port: config.port,
          password: config.password,
          db: config.db,
          keyPrefix: REDIS_KEY_PREFIX,
          // A request waits for Redis a little, then fails, rather than queueing for long.
          maxRetriesPerRequest: 2,
        }),
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
