import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis from 'ioredis';
import { redisConfig } from '../../../config';
import { outageMonitor } from '../errors/outage-monitor';

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
      useFactory: (config: ConfigType<typeof redisConfig>) => {
        const client = new Redis({
          host: config.host,
          port: config.port,
          password: config.password,
          db: config.db,
          keyPrefix: REDIS_KEY_PREFIX,
          // A request waits for Redis at most about 2 s, then fails (answered 503), rather than
          // queueing for long; the client keeps reconnecting in the background.
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          commandTimeout: 2000,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
        // One line per outage and one on recovery, not one per reconnect attempt.
        client.on('error', (error: Error) => outageMonitor.markDown('redis', error.message));
        client.on('ready', () => outageMonitor.markUp('redis'));
        return client;
      },
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    outageMonitor.stop();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
