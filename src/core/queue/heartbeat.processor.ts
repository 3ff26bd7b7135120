import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import type { HeartbeatJob } from './heartbeat.producer';
import { HEARTBEAT_KEY, QUEUES, SYSTEM_JOBS } from './queue.constants';

/** Proves a worker is consuming the queues: /health shows the last beat. */
@Processor(QUEUES.system)
export class HeartbeatProcessor {
  @Process(SYSTEM_JOBS.heartbeat)
  async beat(job: Job<HeartbeatJob>): Promise<void> {
    await job.queue.client.set(HEARTBEAT_KEY, new Date().toISOString());
  }
}
