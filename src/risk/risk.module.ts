import { DynamicModule, Module } from '@nestjs/common';
import { EpisodesModule } from '../episodes/episodes.module';
import type { WorkerOptions } from '../core/queue/worker.module';
import { HighRiskCasesService } from './high-risk-cases.service';
import { RiskAssessmentService } from './risk-assessment.service';
import { RiskCatalogueService } from './risk-catalogue.service';
import { RiskJobsProcessor } from './risk-jobs.processor';
import { RiskJobsProducer } from './risk-jobs.producer';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';
import { RiskController } from './risk.controller';
import { RiskReportsService } from './risk-reports.service';
import { RiskScheduler } from './risk.scheduler';

@Module({
  imports: [EpisodesModule],
  controllers: [RiskController, ReferralsController],
  providers: [
    RiskCatalogueService,
    RiskAssessmentService,
    HighRiskCasesService,
    RiskReportsService,
    RiskJobsProducer,
    ReferralsService,
  ],
  exports: [RiskAssessmentService, HighRiskCasesService, RiskJobsProducer],
})
export class RiskModule {}

/** The risk queue's processor, and the nightly case closure in the one process with the cron. */
@Module({})
export class RiskWorkerModule {
  static register(options: WorkerOptions): DynamicModule {
    return {
      module: RiskWorkerModule,
      imports: [EpisodesModule],
      providers: [
        HighRiskCasesService,
        RiskJobsProducer,
        RiskJobsProcessor,
        ...(options.cron ? [RiskScheduler] : []),
      ],
    };
  }
}
