import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { redisConfig } from '../../../config';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queue.constants';
import { HeartbeatProducer } from './heartbeat.producer';

/** Bull on Redis, wired once. Processors live in the worker module, never here. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (redis: ConfigType<typeof redisConfig>) => ({
        redis: { host: redis.host, port: redis.port, password: redis.password, db: redis.db },
        prefix: 'mch',
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
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
