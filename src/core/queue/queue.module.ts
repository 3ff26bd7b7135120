import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { redisConfig, workerConfig } from '../../../config';
import { DEFAULT_JOB_OPTIONS, QUEUES, queueSettings } from './queue.constants';
import { HeartbeatProducer } from './heartbeat.producer';

/** Bull on Redis, wired once. Processors live in the worker module, never here. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY, workerConfig.KEY],
      useFactory: (
        redis: ConfigType<typeof redisConfig>,
        worker: ConfigType<typeof workerConfig>,
      ) => ({
        redis: {
          host: redis.host,
          port: redis.port,
          password: redis.password,
          db: redis.db,
          // Enqueueing and job reads give up (answered 503) after about 4 s of Redis unreachable,
          // while a worker's commands ride out a restart of Redis (reconnecting every 200 ms).
          connectTimeout: 2000,
          maxRetriesPerRequest: 20,
          retryStrategy: (times: number) => Math.min(times * 50, 200),
        },
        prefix: 'mch',
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        settings: queueSettings({
          lockDurationMs: worker.queueLockDurationMs,
          stalledIntervalMs: worker.queueStalledIntervalMs,
        }),
      }),
    }),
    BullModule.registerQueue(
      { name: QUEUES.system },
      { name: QUEUES.indicators },
      { name: QUEUES.risk },
    ),
  ],
  providers: [HeartbeatProducer],
  exports: [BullModule, HeartbeatProducer],
})
export class QueueModule {}
