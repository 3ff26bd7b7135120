import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, currentApiTypes } from '../../src/core/web/generate-api-types';

describe('the web client types', () => {
  it('match the service’s OpenAPI document (run `npm run web:api-types` after changing the API)', async () => {
    expect(await currentApiTypes()).toBe(readFileSync(API_TYPES_FILE, 'utf8'));
  });
});
