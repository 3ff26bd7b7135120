import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger } from './core/observability/logging.module';
import { appConfig, assertConfiguration, loadDotEnv, workerConfig } from '../config';
import { AppModule } from './app.module';
import { configureHttpApp } from './bootstrap';
import { SegmentRoutingAdapter } from './core/http/segment-routing.adapter';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  assertConfiguration();
  const app = appConfig();
  const worker = workerConfig();
  const nest = await NestFactory.create(
    AppModule.register({ worker: worker.inApi ? { cron: worker.cronEnabled } : undefined }),
    new SegmentRoutingAdapter(),
    { bufferLogs: true },
  );
  nest.useLogger(nest.get(AppLogger));
  configureHttpApp(nest, { swagger: app.swaggerEnabled, corsOrigins: app.corsOrigins });
  await nest.listen(app.port);
  const url = `http://localhost:${app.port}`;
  Logger.log(
    `API listening on ${url}; ${app.swaggerEnabled ? `docs at ${url}/docs` : 'API docs off (SWAGGER_ENABLED)'}`,
    'Bootstrap',
  );
  if (worker.inApi) {
    Logger.log(
      `Queue processors run in this process; cron ${worker.cronEnabled ? 'on' : 'off'}`,
      'Bootstrap',
    );
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
