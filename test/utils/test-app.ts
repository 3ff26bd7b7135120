import type { INestApplication } from '@nestjs/common';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureHttpApp, type HttpOptions } from '../../src/bootstrap';
import { SegmentRoutingAdapter } from '../../src/core/http/segment-routing.adapter';

export interface TestApp {
  app: INestApplication<App>;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export interface TestAppOptions extends Partial<HttpOptions> {
  /** Providers to replace, e.g. a configuration namespace with other values. */
  overrides?: { provide: unknown; useValue: unknown }[];
  /**
   * Run the queue processors in the app, as in development (the default), or not, as a
   * production API process does (its queue connections then fail fast when Redis does).
   */
  processors?: boolean;
}

/**
 * The real AppModule on the real test database and Redis, served over supertest, configured as
 * main.ts does (docs on, no CORS unless the options say otherwise).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { overrides, processors = true, ...http } = options;
  const builder = Test.createTestingModule({
    imports: [AppModule.register({ worker: processors ? { cron: false } : undefined })],
  });
  // The testing module picks the static-file loader when it compiles, before the application
  // has its HTTP adapter, and would pick none: the web application at /app is served by Express.
  builder.overrideProvider(AbstractLoader).useValue(new ExpressLoader());
  for (const { provide, useValue } of overrides ?? []) {
    builder.overrideProvider(provide).useValue(useValue);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>(new SegmentRoutingAdapter(), {
    logger: ['error'],
  });
  configureHttpApp(app, { swagger: true, corsOrigins: [], ...http });
  await app.init();
  return {
    app,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
