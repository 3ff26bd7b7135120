import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QUEUES, RISK_JOBS } from '../core/queue/queue.constants';

export interface CloseExpiredCasesJob {
  /** The hospital day the closure runs for. */
  day: string;
}

/** The only caller of queue.add for the risk queue. */
@Injectable()
export class RiskJobsProducer {
  constructor(@InjectQueue(QUEUES.risk) readonly queue: Queue<CloseExpiredCasesJob>) {}

  /** One run per hospital day: the job id is the day, so a second tick adds nothing. */
  closeExpiredCases(day: string): Promise<Job<CloseExpiredCasesJob>> {
    return this.queue.add(
      RISK_JOBS.closeExpiredCases,
      { day },
      { jobId: `close-expired-cases:${day}`, attempts: 3 },
    );
  }
}
