import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureHttpApp, type HttpOptions } from '../../src/bootstrap';

export interface TestApp {
  app: INestApplication<App>;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The real AppModule on the real test database and Redis, served over supertest, configured as
 * main.ts does (docs on, no CORS unless `http` says otherwise).
 */
export async function createTestApp(http: Partial<HttpOptions> = {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ worker: { cron: false } })],
  }).compile();
  const app = moduleRef.createNestApplication<INestApplication<App>>({ logger: ['error'] });
  configureHttpApp(app, { swagger: true, corsOrigins: [], ...http });
  await app.init();
  return {
    app,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
