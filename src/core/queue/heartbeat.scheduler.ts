import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { HeartbeatProducer } from './heartbeat.producer';

/** Crons only enqueue; this one runs in the single process with CRON_ENABLED=true. */
@Injectable()
export class HeartbeatScheduler {
  constructor(private readonly producer: HeartbeatProducer) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'heartbeat' })
  async tick(): Promise<void> {
    await this.producer.enqueue();
  }
}
