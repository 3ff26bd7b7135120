import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QUEUES, RISK_JOBS } from '../core/queue/queue.constants';
import { HighRiskCasesService } from './high-risk-cases.service';
import type { CloseExpiredCasesJob } from './risk-jobs.producer';

/** Thin: each job calls one service method. */
@Processor(QUEUES.risk)
export class RiskJobsProcessor {
  private readonly logger = new Logger(RiskJobsProcessor.name);

  constructor(private readonly cases: HighRiskCasesService) {}

  @Process({ name: RISK_JOBS.closeExpiredCases, concurrency: 1 })
  async closeExpiredCases(job: Job<CloseExpiredCasesJob>): Promise<{ closed: number }> {
    const result = await this.cases.closeExpired(job.data.day);
    this.logger.log(`High-risk cases closed for ${job.data.day}: ${result.closed}`);
    return result;
  }
}
