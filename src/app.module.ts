import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CoreModule } from './core/core.module';
import { GlobalExceptionFilter } from './core/errors/global-exception.filter';
import { WorkerModule, WorkerOptions } from './core/queue/worker.module';
import { WomenModule } from './women/women.module';
import { EpisodesModule } from './episodes/episodes.module';
import { AntenatalModule } from './antenatal/antenatal.module';
import { RiskModule, RiskWorkerModule } from './risk/risk.module';
import { ClassesModule } from './classes/classes.module';
import { FolicAcidModule } from './folic-acid/folic-acid.module';
import { PmtctModule } from './pmtct/pmtct.module';
import { DeliveryModule } from './delivery/delivery.module';
import { BreastfeedingModule } from './breastfeeding/breastfeeding.module';
import { BreastfeedingAuditModule } from './breastfeeding/audit/breastfeeding-audit.module';
import { IndicatorsModule } from './indicators/indicators-api.module';
import { IndicatorsWorkerModule } from './indicators/indicators.module';
import { WebAppModule } from './core/web/web-app.module';
import { ObservabilityModule } from './core/observability/observability.module';

export interface AppOptions {
  /** Also run queue processors (and the schedule, when cron is set) in the API process. */
  worker?: WorkerOptions;
}

@Module({})
export class AppModule {
  static register(options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule,
        EpisodesModule,
        WomenModule,
        AntenatalModule,
        RiskModule,
        ClassesModule,
        FolicAcidModule,
        PmtctModule,
        DeliveryModule,
        BreastfeedingModule,
        BreastfeedingAuditModule,
        IndicatorsModule,
        WebAppModule,
        ObservabilityModule,
        ...(options.worker
          ? [
              WorkerModule.register(options.worker),
              IndicatorsWorkerModule.register(options.worker),
              RiskWorkerModule.register(options.worker),
            ]
          : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
