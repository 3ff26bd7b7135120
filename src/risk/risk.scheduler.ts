import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { HospitalClock } from '../core/time/hospital-clock';
import { RiskJobsProducer } from './risk-jobs.producer';

/** Crons only enqueue; the job id is the hospital day, so an hourly tick closes once a day. */
@Injectable()
export class RiskScheduler {
  private readonly logger = new Logger(RiskScheduler.name);

  constructor(
    private readonly producer: RiskJobsProducer,
    private readonly clock: HospitalClock,
  ) {}

  @Cron('0 15 * * * *', { name: 'risk-close-expired-cases' })
  async tick(): Promise<void> {
    try {
      await this.producer.closeExpiredCases(this.clock.today());
    } catch (error) {
      this.logger.error(`Could not enqueue the high-risk case closure: ${String(error)}`);
    }
  }
}
