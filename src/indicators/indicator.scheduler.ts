import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { HospitalClock } from '../core/time/hospital-clock';
import { IndicatorJobsProducer } from './indicator-jobs.producer';

/**
 * Crons only enqueue. The plan job's id is the hospital day, so the hourly tick (and the one at
 * start-up) plans each day once, whatever the server's time zone.
 */
@Injectable()
export class IndicatorScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndicatorScheduler.name);

  constructor(
    private readonly producer: IndicatorJobsProducer,
    private readonly clock: HospitalClock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.tick();
  }

  @Cron('0 5 * * * *', { name: 'indicators-plan' })
  async tick(): Promise<void> {
    try {
      await this.producer.plan(this.clock.today());
    } catch (error) {
      this.logger.error(`Could not enqueue the indicator plan: ${String(error)}`);
    }
  }
}
