import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger } from './core/observability/logging.module';
import { assertConfiguration, loadDotEnv, workerConfig } from '../config';
import { CoreModule } from './core/core.module';
import { WorkerModule } from './core/queue/worker.module';
import { IndicatorsWorkerModule } from './indicators/indicators.module';
import { RiskWorkerModule } from './risk/risk.module';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  assertConfiguration();
  const { cronEnabled } = workerConfig();

  @Module({
    imports: [
      CoreModule,
      WorkerModule.register({ cron: cronEnabled }),
      IndicatorsWorkerModule.register({ cron: cronEnabled }),
      RiskWorkerModule.register({ cron: cronEnabled }),
    ],
  })
  class WorkerAppModule {}

  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  Logger.log(`Worker started; cron ${cronEnabled ? 'on' : 'off'}`, 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
