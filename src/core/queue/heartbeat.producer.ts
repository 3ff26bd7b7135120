import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { HEARTBEAT_KEY, QUEUES, SYSTEM_JOBS } from './queue.constants';

export interface HeartbeatJob {
  scheduledFor: string;
}

/** The only caller of queue.add for the system queue. */
@Injectable()
export class HeartbeatProducer {
  constructor(@InjectQueue(QUEUES.system) private readonly queue: Queue<HeartbeatJob>) {}

  /** One job per minute: the job id is the minute, so a double tick adds nothing. */
  enqueue(now: Date = new Date()): Promise<Job<HeartbeatJob>> {
    const minute = now.toISOString().slice(0, 16);
    return this.queue.add(
      SYSTEM_JOBS.heartbeat,
      { scheduledFor: minute },
      { jobId: `heartbeat:${minute}`, attempts: 1, removeOnComplete: 10, removeOnFail: 10 },
    );
  }

  async lastHeartbeat(): Promise<string | null> {
    return this.queue.client.get(HEARTBEAT_KEY);
  }

  async ping(): Promise<void> {
    await this.queue.client.ping();
  }

  counts() {
    return this.queue.getJobCounts();
  }
}
