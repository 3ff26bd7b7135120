import { HeartbeatProducer } from '../../src/core/queue/heartbeat.producer';
import { createTestApp, type TestApp } from '../utils/test-app';
import { fuzzOpenApi } from './openapi-fuzz';

/**
 * Property-based fuzzing of every operation of the OpenAPI document, as every role: no 5xx, the
 * error shape on every 4xx, no row written by a refused request. `npm test` sends 2 000 requests;
 * `npm run fuzz -- --requests 20000 [--seed N]` a longer run. A failure names the seed. The suite's
 * seed is fixed, so a run answers the same as the last one on the same code (FUZZ_SEED picks
 * another); the longer run draws a new seed each time.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

describe('OpenAPI fuzzing', () => {
  let testApp: TestApp;
  let heartbeats: NodeJS.Timeout;

  beforeAll(async () => {
    testApp = await createTestApp();
    // /health is healthy only while a worker has beaten within 3 minutes: the app's worker beats
    // once a minute, as the schedule (off in tests) would have it do.
    const beat = async () => (await testApp.app.get(HeartbeatProducer).enqueue()).finished();
    await beat();
    heartbeats = setInterval(() => void beat().catch(() => undefined), 60_000);
  });

  afterAll(async () => {
    clearInterval(heartbeats);
    await testApp.close();
  });

  it(
    `answers ${REQUESTS} seeded malformed and boundary requests without a 5xx or a stray write`,
    async () => {
      const figures = await fuzzOpenApi(testApp, { requests: REQUESTS, seed: SEED });
      const line =
        `[fuzz] seed ${figures.seed}: ${figures.requests} requests in ` +
        `${(figures.durationMs / 1000).toFixed(1)} s; 2xx ${figures.status['2xx']}, ` +
        `3xx ${figures.status['3xx']}, 4xx ${figures.status['4xx']}, 5xx ${figures.status['5xx']}`;
      process.stdout.write(`${line}\n`);
      expect(figures.requests).toBe(REQUESTS);
      // Requests must reach the services, not only the validation.
      expect(figures.status['2xx']).toBeGreaterThan(REQUESTS / 50);
      expect(figures.failures).toEqual([]);
    },
    Math.max(180_000, REQUESTS * 60),
  );
});
