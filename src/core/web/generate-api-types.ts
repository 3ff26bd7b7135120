import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertConfiguration, loadDotEnv } from '../../../config';
import { AppModule } from '../../app.module';
import { buildApiDocument } from '../../bootstrap';

/** The web client's types, generated from the service's own OpenAPI document. */
export const API_TYPES_FILE = 'web/src/core/api-types.ts';

/** openapi-typescript's output for an OpenAPI document (its command line, as `npx` runs it). */
export function apiTypesOf(document: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'mch-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'api-types.ts');
    writeFileSync(input, JSON.stringify(document));
    execFileSync('node_modules/.bin/openapi-typescript', [input, '-o', output, '--alphabetize'], {
      stdio: 'ignore',
    });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The API types as the application (booted, not listening) describes itself now. */
export async function currentApiTypes(): Promise<string> {
  const app = await NestFactory.create(AppModule.register(), { logger: ['error'] });
  try {
    return apiTypesOf(buildApiDocument(app));
  } finally {
    await app.close();
  }
}

/** `npm run web:api-types`: writes API_TYPES_FILE. */
async function main(): Promise<void> {
  loadDotEnv();
  assertConfiguration();
  writeFileSync(API_TYPES_FILE, await currentApiTypes());
  console.log(`Wrote ${API_TYPES_FILE}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
