import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { HeartbeatProcessor } from './heartbeat.processor';
import { HeartbeatScheduler } from './heartbeat.scheduler';
import { RUNS_QUEUE_PROCESSORS } from './queue-connections';
import { QueueModule } from './queue.module';

export interface WorkerOptions {
  /** Run the cron schedule in this process (exactly one process of a deployment does). */
  cron: boolean;
}

/** Queue processors, and the schedule when asked: the worker entry point, or the API in development. */
@Module({})
export class WorkerModule {
  static register(options: WorkerOptions): DynamicModule {
    return {
      module: WorkerModule,
      // Global so that the queues' connections, made in QueueModule, see the role of the process.
      global: true,
      imports: [QueueModule, ...(options.cron ? [ScheduleModule.forRoot()] : [])],
      providers: [
        HeartbeatProcessor,
        ...(options.cron ? [HeartbeatScheduler] : []),
        { provide: RUNS_QUEUE_PROCESSORS, useValue: true },
      ],
      exports: [RUNS_QUEUE_PROCESSORS],
    };
  }
}
