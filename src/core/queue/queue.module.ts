import { BullModule, getQueueToken } from '@nestjs/bull';
import { Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { redisConfig, workerConfig } from '../../../config';
import { DEFAULT_JOB_OPTIONS, QUEUES, queueSettings } from './queue.constants';
import { HeartbeatProducer } from './heartbeat.producer';
import { QueueConnections, RUNS_QUEUE_PROCESSORS } from './queue-connections';

/** The queues' Redis connections, as the process's role wants them (queue-connections.ts). */
@Module({
  providers: [
    {
      provide: QueueConnections,
      inject: [{ token: RUNS_QUEUE_PROCESSORS, optional: true }],
      useFactory: (runsProcessors?: boolean) =>
        new QueueConnections(runsProcessors ? 'jobs' : 'requests'),
    },
  ],
  exports: [QueueConnections],
})
class QueueConnectionsModule {}

/** Bull on Redis, wired once. Processors live in the worker module, never here. */
@Module({
  imports: [
    QueueConnectionsModule,
    BullModule.forRootAsync({
      imports: [QueueConnectionsModule],
      inject: [redisConfig.KEY, workerConfig.KEY, QueueConnections],
      useFactory: (
        redis: ConfigType<typeof redisConfig>,
        worker: ConfigType<typeof workerConfig>,
        connections: QueueConnections,
      ) => ({
        redis: { host: redis.host, port: redis.port, password: redis.password, db: redis.db },
        createClient: connections.createClient,
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
export class QueueModule implements OnApplicationShutdown {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly connections: QueueConnections,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // Closing a queue twice is harmless (Bull's own shutdown hook does it too): the connections
    // are closed once every queue has.
    await Promise.all(
      Object.values(QUEUES).map((name) =>
        this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }).close(),
      ),
    );
    this.connections.close();
  }
}
