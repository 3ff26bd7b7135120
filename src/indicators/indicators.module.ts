import { DynamicModule, Module } from '@nestjs/common';
import type { WorkerOptions } from '../core/queue/worker.module';
import { IndicatorExports } from './exports/indicator-exports.service';
import { IndicatorPeriods } from './closing/indicator-periods.service';
import { IndicatorEngine } from './indicator-engine.service';
import { IndicatorJobsProcessor } from './indicator-jobs.processor';
import { IndicatorJobsProducer } from './indicator-jobs.producer';
import { IndicatorPlanner } from './indicator-planner.service';
import { IndicatorStaleness } from './indicator-staleness.service';
import { IndicatorValuesService } from './indicator-values.service';
import { IndicatorScheduler } from './indicator.scheduler';

const SERVICES = [
  IndicatorEngine,
  IndicatorJobsProducer,
  IndicatorValuesService,
  IndicatorExports,
  IndicatorStaleness,
  IndicatorPlanner,
  IndicatorPeriods,
];

/** Computation, reading and export of indicators; the API adds the controller. */
@Module({ providers: SERVICES, exports: SERVICES })
export class IndicatorsCoreModule {}

/** The indicators queue's processor, and the nightly plan in the one process with the cron. */
@Module({})
export class IndicatorsWorkerModule {
  static register(options: WorkerOptions): DynamicModule {
    return {
      module: IndicatorsWorkerModule,
      imports: [IndicatorsCoreModule],
      providers: [IndicatorJobsProcessor, ...(options.cron ? [IndicatorScheduler] : [])],
    };
  }
}
