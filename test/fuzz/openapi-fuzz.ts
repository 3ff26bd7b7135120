import fc from 'fast-check';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { type Role, ROLES } from '../../src/core/auth/actor';
import { buildApiDocument } from '../../src/bootstrap';
import { createFacility, createUser, TEST_PASSWORD } from '../factories/people.factory';
import { registrationPayload } from '../factories/registration.factory';
import type { TestApp } from '../utils/test-app';
import { type FuzzRequest, operationsOf, requestFor, ValueGenerator } from './openapi-requests';

/**
 * Operations left out: logging out ends the caller's own session (or all of them), so every
 * later request of that role would be a 401 that tests nothing but the guard. (An admin
 * deactivating or moving a fuzzing user is kept: keepAlive() logs in again.)
 */
export const EXCLUDED_OPERATIONS = new Set(['POST /auth/logout', 'POST /auth/logout-all']);

/**
 * Tables left out of the comparison: the schema's own, and those the queue processors write in
 * the background for computations that earlier, accepted requests started.
 */
const WRITTEN_WHEN_REFUSED = new Set([
  'migrations',
  'typeorm_metadata',
  'indicator_value',
  'indicator_value_closed',
  'indicator_value_share',
  'indicator_watermark',
  'indicator_export',
]);

/** What a refused request of one operation records on purpose: a failed login is audited. */
const AUDITED_WHEN_REFUSED: Record<string, string[]> = {
  'POST /auth/login': ['audit_entry'],
};

export interface FuzzFigures {
  seed: number;
  requests: number;
  status: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  durationMs: number;
  failures: string[];
}

interface Caller {
  username: string;
  token: string;
}

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Sends `requests` seeded requests spread over every operation of the service's OpenAPI
 * document as every role, and reports each 5xx, each 4xx without the error shape, and each
 * refused request that changed a table's row count. Never throws on a finding: the caller
 * asserts on `failures`, which name the seed and the request to replay.
 */
export async function fuzzOpenApi(
  testApp: TestApp,
  options: { requests: number; seed: number; onProgress?: (done: number) => void },
): Promise<FuzzFigures> {
  const { dataSource } = testApp;
  const document = buildApiDocument(testApp.app);
  const operations = operationsOf(document, EXCLUDED_OPERATIONS);
  const callers = await loggedInCallers(testApp);
  const seenIds = new Set<number>();
  collectIds(callers.registration, seenIds);
  const idList = () => [...seenIds].slice(-400);
  const generator = new ValueGenerator(document, idList);
  const roles = [...ROLES, 'anonymous'];
  const arbitrary = fc
    .integer({ min: 0, max: operations.length - 1 })
    .chain((index) => requestFor(generator, operations[index], roles));
  const tables = await countedTables(dataSource);

  const figures: FuzzFigures = {
    seed: options.seed,
    requests: 0,
    status: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    durationMs: 0,
    failures: [],
  };
  const started = Date.now();
  const fail = (request: FuzzRequest, n: number, problem: string, response?: Response) => {
    if (figures.failures.length >= 50) return;
    figures.failures.push(
      `${problem}\n  replay: FUZZ_SEED=${options.seed} FUZZ_REQUESTS=${n} (request #${n})\n` +
        `  as ${request.role}: ${request.method.toUpperCase()} ${request.url}\n` +
        `  body: ${request.body === undefined ? '(none)' : request.body.slice(0, 600)}\n` +
        (response ? `  answer ${response.status}: ${response.text.slice(0, 600)}` : ''),
    );
  };

  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const n = (figures.requests += 1);
      const counts = MUTATING.has(request.method) ? await rowCounts(dataSource, tables) : undefined;
      let response: Response;
      try {
        response = await send(testApp, request, callers[request.role as Role]?.token);
      } catch (error) {
        fail(request, n, `no answer: ${String(error)}`);
        return true;
      }
      const klass = `${Math.floor(response.status / 100)}xx` as keyof FuzzFigures['status'];
      figures.status[klass] = (figures.status[klass] ?? 0) + 1;
      if (response.status >= 500) fail(request, n, `answered ${response.status}`, response);
      if (response.status >= 400 && response.status < 500) {
        const shape = errorShapeProblem(response);
        if (shape) fail(request, n, `4xx without the error shape: ${shape}`, response);
        if (counts) {
          const expected = AUDITED_WHEN_REFUSED[request.operation] ?? [];
          const changed = changedTables(counts, await rowCounts(dataSource, tables)).filter(
            (table) => !expected.includes(table),
          );
          if (changed.length > 0) {
            fail(request, n, `refused, yet wrote rows in ${changed.join(', ')}`, response);
          }
        }
        if (response.status === 401 && request.role !== 'anonymous') {
          await keepAlive(testApp, callers, request.role as Role);
        }
      }
      if (response.status < 300) collectIds(response.body, seenIds);
      options.onProgress?.(n);
      return true;
    }),
    { seed: options.seed, numRuns: options.requests, endOnFailure: true },
  );
  figures.durationMs = Date.now() - started;
  return figures;
}

async function send(testApp: TestApp, request: FuzzRequest, token: string | undefined) {
  let call = testApp.http()[request.method](request.url).timeout(15_000);
  if (token && request.role !== 'anonymous') call = call.set('Authorization', `Bearer ${token}`);
  if (request.body !== undefined) {
    call = call.set('Content-Type', 'application/json').send(request.body);
  }
  return call;
}

/** The one error shape of the error filter: { statusCode, code, message, details[] }. */
export function errorShapeProblem(response: Response): string | undefined {
  const body = response.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return 'no JSON body';
  if (body.statusCode !== response.status) return 'statusCode differs from the HTTP status';
  if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) return 'no code';
  if (typeof body.message !== 'string' || body.message === '') return 'no message';
  if (!Array.isArray(body.details)) return 'no details array';
  for (const detail of body.details as Record<string, unknown>[]) {
    if (
      typeof detail?.field !== 'string' ||
      typeof detail.rule !== 'string' ||
      typeof detail.message !== 'string'
    ) {
      return 'a detail without field, rule and message';
    }
  }
  return undefined;
}

async function loggedInCallers(
  testApp: TestApp,
): Promise<Record<Role, Caller> & { registration: unknown }> {
  const facility = await createFacility(testApp.dataSource);
  const callers = {} as Record<Role, Caller> & { registration: unknown };
  for (const role of ROLES) {
    const home = role === 'system_admin' ? await createFacility(testApp.dataSource) : facility;
    const user = await createUser(testApp.dataSource, home, role);
    callers[role] = { username: user.username, token: await login(testApp, user.username) };
  }
  // A registered woman with a pregnancy, so that lists and ids lead somewhere.
  const registered = await testApp
    .http()
    .post('/registrations')
    .set('Authorization', `Bearer ${callers.nurse.token}`)
    .send(registrationPayload())
    .expect(201);
  callers.registration = registered.body;
  return callers;
}

async function login(testApp: TestApp, username: string): Promise<string> {
  const response = await testApp
    .http()
    .post('/auth/login')
    .send({ username, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login ${response.status}`);
  return (response.body as { accessToken: string }).accessToken;
}

/**
 * A request may have ended the role's session (its user deactivated or moved by an admin
 * request, say): log in again, or with a new user of the role when that fails.
 */
async function keepAlive(testApp: TestApp, callers: Record<Role, Caller>, role: Role) {
  const probe = await testApp
    .http()
    .get('/auth/me')
    .set('Authorization', `Bearer ${callers[role].token}`);
  if (probe.status !== 401) return;
  try {
    callers[role].token = await login(testApp, callers[role].username);
  } catch {
    const facility = await createFacility(testApp.dataSource);
    const user = await createUser(testApp.dataSource, facility, role);
    callers[role] = { username: user.username, token: await login(testApp, user.username) };
  }
}

function collectIds(value: unknown, ids: Set<number>, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 10)) collectIds(item, ids, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' && Number.isInteger(item) && item > 0 && /^id$|Id$/.test(key)) {
      ids.delete(item);
      ids.add(item);
    } else {
      collectIds(item, ids, depth + 1);
    }
  }
}

/**
 * The row-count expression of every table the application may read: COUNT(*) or, where the
 * database grants only some columns (the identifier columns are withheld), COUNT(id).
 */
async function countedTables(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
  );
  const counted: string[] = [];
  for (const { name } of rows) {
    if (WRITTEN_WHEN_REFUSED.has(name)) continue;
    for (const expression of [
      `(SELECT COUNT(*) FROM \`${name}\`)`,
      `(SELECT COUNT(id) FROM \`${name}\`)`,
    ]) {
      try {
        await dataSource.query(`SELECT ${expression} AS n`);
        counted.push(`${expression} AS \`${name}\``);
        break;
      } catch {
        // Not readable this way: try the next, or leave the table out.
      }
    }
  }
  return counted;
}

/** Every table's row count in one query (small test tables: a few milliseconds). */
async function rowCounts(
  dataSource: DataSource,
  tables: string[],
): Promise<Record<string, string>> {
  const sql = `SELECT ${tables.join(', ')}`;
  const [row] = await dataSource.query<Record<string, string>[]>(sql);
  return row;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((table) => String(before[table]) !== String(after[table]));
}
