import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createPool, Pool, RowDataPacket } from 'mysql2/promise';
import { databaseConfig, loadDotEnv } from '../../config';
import { overdueFromSql } from '../antenatal/overdue-from';
import { hashPassword } from '../core/auth/password';
import { identifierCipher } from '../core/privacy/identifier-cipher';
import { GRADING_RECORDS_COLUMNS } from '../risk/grading-records';
import { residentIdCheckCharacter } from '../women/rules/resident-id';
import { inclusiveMicros, ProfiledFunction } from './cpu-profile';

/**
 * `npm run bench:api`: starts the API on a loaded database and drives it over loopback with
 * autocannon: recording a visit, registering a woman, the overdue worklist, search by exact ID
 * number, reading one pregnancy. Each at 1, 10 and 50 connections; the writes also directly with
 * mysql2 (same statements, same transaction, same audit row) so the framework's cost shows as a
 * ratio. With `--apis 2` it starts two API processes on the same MariaDB and Redis and spreads
 * the connections over them in turn, as a round-robin load balancer would (`--apis 1,2` runs
 * each scenario with one, then with both). Beside rate and latency, each HTTP run reports the
 * CPU time the API processes spent per request (user + system, from /proc), the figure least
 * disturbed by other load on a shared machine, and, when the database is the local MariaDB that
 * docker/local-services.sh started, the server's CPU time per request too.
 * Options: --seconds N (per run, default 10), --port N (the first API's; the others take the
 * next ports; default 3990), --connections 1,10,50, --apis 1 (or 2, or 1,2), --scenarios
 * visit,register,worklist,search,read,direct (default all), --profile (samples the API processes'
 * CPU and prints what authenticating each request costs: the token and the session check).
 */

const SCENARIOS = ['visit', 'register', 'worklist', 'search', 'read', 'direct'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  seconds: number;
  port: number;
  connections: number[];
  apis: number[];
  scenarios: Scenario[];
  profile: boolean;
}

interface Measured {
  scenario: string;
  connections: number;
  /** API processes the requests were spread over; null for the direct mysql2 runs. */
  apis: number | null;
  rps: number;
  /** Requests answered in the run. */
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the API processes per request, ms; null when not measured. */
  apiCpuMsPerRequest: number | null;
  /** CPU time of the MariaDB server per request, ms; null when it is not a local process. */
  dbCpuMsPerRequest: number | null;
}

const PASSWORD = 'Bench-Password-2026';

function options(): Options {
  const arg = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  const apis = arg('apis', '1').split(',').map(Number);
  if (!apis.every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--apis takes whole numbers from 1, e.g. 2 or 1,2');
  return {
    seconds: Number(arg('seconds', '10')),
    port: Number(arg('port', '3990')),
    connections: arg('connections', '1,10,50').split(',').map(Number),
    apis,
    scenarios: arg('scenarios', SCENARIOS.join(','))
      .split(',')
      .filter((name): name is Scenario => (SCENARIOS as readonly string[]).includes(name)),
    profile: process.argv.includes('--profile'),
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  const opts = options();
  const db = databaseConfig();
  const databasePid = localDatabasePid(db.host, db.port);
  const pool = createPool({
    host: db.host,
    port: db.port,
    user: db.username,
    password: db.password,
    database: db.database,
    connectionLimit: 60,
    timezone: 'Z',
    dateStrings: ['DATE'],
  });
  const target = await pickTarget(pool);
  console.log(
    `Database ${db.database}: ${target.pregnancies} pregnancies; facility ${target.facilityId} with ${target.openPregnancyIds.length} open pregnancies sampled`,
  );
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load} (other work on the machine shows in rates and latencies, less in CPU per request)\n`,
  );

  const ports = Array.from({ length: Math.max(...opts.apis) }, (_, i) => opts.port + i);
  const apis: ChildProcess[] = [];
  const profiles = opts.profile
    ? ports.map((port) => join(tmpdir(), `mch-bench-api-${port}-${process.pid}.cpuprofile`))
    : [];
  const results: Measured[] = [];
  try {
    for (const [i, port] of ports.entries()) apis.push(startApi(port, profiles[i]));
    const [token] = await Promise.all(
      ports.map((port, i) => serving(apis[i], port, target.username)),
    );
    const http: Array<[Scenario, string, () => RequestFactory]> = [
      ['visit', 'record a visit', () => visitRequests(target)],
      ['register', 'register a woman', () => registrationRequests()],
      [
        'worklist',
        'overdue worklist',
        () => () => ({ method: 'GET', path: '/worklists/overdue-visits?pageSize=20' }),
      ],
      ['search', 'search by ID number', () => searchRequests(target)],
      ['read', 'read one pregnancy', () => readRequests(target)],
    ];
    const direct: Array<[string, DirectWrite]> = [
      ['record a visit (mysql2)', directVisit],
      ['register a woman (mysql2)', directRegistration],
    ];
    for (const connections of opts.connections) {
      for (const count of opts.apis) {
        const spread = { seconds: opts.seconds, connections, token, processes: apis, databasePid };
        for (const [scenario, name, factory] of http) {
          if (!opts.scenarios.includes(scenario)) continue;
          results.push(await runHttp(name, { ...spread, ports: ports.slice(0, count) }, factory()));
        }
      }
      if (!opts.scenarios.includes('direct')) continue;
      for (const [name, write] of direct) {
        results.push(await runDirect(name, opts, connections, pool, target, write, databasePid));
      }
    }
    report(results);
  } finally {
    await Promise.all(apis.map(stopApi));
    await pool.end();
  }
  if (opts.profile) reportAuthentication(results, profiles);
}

interface Target {
  pregnancies: number;
  facilityId: number;
  userId: number;
  username: string;
  openPregnancyIds: number[];
  documentNumbers: string[];
}

/** The busiest facility, a bench nurse there, and open pregnancies and IDs to aim at. */
async function pickTarget(pool: Pool): Promise<Target> {
  const [[{ total }]] = await pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS total FROM pregnancy',
  );
  const [[busiest]] = await pool.query<RowDataPacket[]>(
    "SELECT facility_id, COUNT(*) AS n FROM pregnancy WHERE status = 'open' GROUP BY facility_id ORDER BY n DESC LIMIT 1",
  );
  if (!busiest)
    throw new Error('No open pregnancy in this database: load one first (npm run seed:synthetic)');
  const facilityId = Number(busiest.facility_id);
  const username = `bench.nurse.${facilityId}`;
  const passwordHash = await hashPassword(PASSWORD);
  await pool.query(
    `INSERT INTO app_user (facility_id, username, display_name, role, password_hash, active, version)
     VALUES (?, ?, 'Bench nurse', 'nurse', ?, 1, 1) ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash)`,
    [facilityId, username, passwordHash],
  );
  const [[user]] = await pool.query<RowDataPacket[]>('SELECT id FROM app_user WHERE username = ?', [
    username,
  ]);
  const [open] = await pool.query<RowDataPacket[]>(
    "SELECT p.id, w.document_number FROM pregnancy p JOIN woman w ON w.id = p.woman_id WHERE p.facility_id = ? AND p.status = 'open' ORDER BY p.id LIMIT 5000",
    [facilityId],
  );
  return {
    pregnancies: Number(total),
    facilityId,
    userId: Number(user.id),
    username,
    openPregnancyIds: open.map((row) => Number(row.id)),
    documentNumbers: open.map((row) => identifierCipher().decrypt(String(row.document_number))),
  };
}

/**
 * An API process, as deployed (production: JSON log lines, no queue processor, no schedule), on
 * the configured services.
 */
function startApi(port: number, profile?: string): ChildProcess {
  const hook = profile ? ['--require', join(__dirname, 'cpu-profile-hook.js')] : [];
  return spawn(process.execPath, [...hook, 'dist/src/main.js'], {
    env: {
      ...process.env,
      ...(profile ? { BENCH_CPU_PROFILE: profile } : {}),
      NODE_ENV: 'production',
      PORT: String(port),
      WORKER_IN_API: 'false',
      CRON_ENABLED: 'false',
      SWAGGER_ENABLED: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Tells an API process to stop, and resolves once it has (its CPU profile written). */
function stopApi(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    api.once('exit', () => resolve());
    api.kill('SIGTERM');
  });
}

/**
 * Resolves once the API on `port` logs the bench user in, which needs its database and Redis (its
 * /health also wants a worker's heartbeat, and none runs here), to the session token.
 */
function serving(child: ChildProcess, port: number, username: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = async () => {
      try {
        return resolve(await login(port, username));
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000)
        return reject(new Error(`The API on port ${port} did not log in within 60 s`));
      setTimeout(() => void poll(), 250);
    };
    child.on('exit', (code) => reject(new Error(`The API on port ${port} exited with ${code}`)));
    void poll();
  });
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process so far (all its threads), in ms; NaN without /proc. */
function cpuTimeMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name, in parentheses: state (field 3), ..., utime (14), stime (15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

const apiCpuTimeMs = (apis: ChildProcess[]) =>
  apis.reduce((sum, api) => sum + cpuTimeMs(api.pid), 0);

/**
 * The local MariaDB server (docker/local-services.sh's, in `MCH_LOCAL_DIR` or the repository's
 * `.local`, the bench running from the repository root as npm runs it) when it is the one on
 * `port`.
 */
function localDatabasePid(host: string, port: number): number | undefined {
  if (host !== '127.0.0.1' && host !== 'localhost') return undefined;
  const localDir = process.env.MCH_LOCAL_DIR ?? '.local';
  try {
    const pid = Number(readFileSync(join(localDir, 'mariadb', 'mariadbd.pid'), 'utf8').trim());
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.includes(`--port=${port}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds per request between two readings; null when either is missing. */
function perRequest(before: number, after: number, requests: number): number | null {
  const ms = after - before;
  return Number.isFinite(ms) && requests > 0 ? ms / requests : null;
}

async function login(port: number, username: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login answered ${response.status}`);
  const body = (await response.json()) as { accessToken: string };
  return body.accessToken;
}

type RequestFactory = () => { method: 'GET' | 'POST'; path: string; body?: string };

const hospitalToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function visitRequests(target: Target): RequestFactory {
  let next = 0;
  return () => {
    const pregnancyId = target.openPregnancyIds[next++ % target.openPregnancyIds.length];
    return {
      method: 'POST',
      path: `/pregnancies/${pregnancyId}/visits`,
      body: JSON.stringify({
        visitDate: hospitalToday(),
        sameDayRepeat: true,
        weightKg: 62.5,
        systolicMmHg: 118,
        diastolicMmHg: 74,
        haemoglobinGL: 121,
        fetalHeartRate: 142,
      }),
    };
  };
}

let registrationSerial = 0;
/**
 * A region code of its own for each run, so women registered by earlier runs never collide: not
 * by document, nor by name and birth date or phone, which would flag every registration as a
 * possible duplicate of the earlier runs' women and queue a merge review for each.
 */
const runRegion = `33${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

/** The name and phone of the woman newResidentId made last. */
function benchName(): string {
  return `压测${runRegion}-${registrationSerial}`;
}

function benchPhone(prefix: '136' | '137'): string {
  return `${prefix}${runRegion.slice(2)}${String(registrationSerial % 1e4).padStart(4, '0')}`;
}

function newResidentId(): { documentNumber: string; birthDate: string } {
  registrationSerial += 1;
  const day = new Date(Date.UTC(1995, 0, 1) + (registrationSerial % 3000) * 86_400_000);
  const birthDate = day.toISOString().slice(0, 10);
  const sequence = String((((registrationSerial / 3000) | 0) % 500) * 2).padStart(3, '0');
  const first17 = `${runRegion}${birthDate.replaceAll('-', '')}${sequence}`;
  return { documentNumber: first17 + residentIdCheckCharacter(first17), birthDate };
}

function registrationRequests(): RequestFactory {
  return () => {
    const { documentNumber, birthDate } = newResidentId();
    return {
      method: 'POST',
      path: '/registrations',
      body: JSON.stringify({
        woman: {
          documentType: 'resident_id',
          documentNumber,
          name: benchName(),
          birthDate,
          phone: benchPhone('137'),
          residenceRegionCode: '330106',
          householdType: 'local',
        },
        pregnancy: {
          registrationDate: hospitalToday(),
          lmp: new Date(Date.now() - 70 * 86_400_000).toISOString().slice(0, 10),
          gravidity: 1,
          parity: 0,
        },
      }),
    };
  };
}

function searchRequests(target: Target): RequestFactory {
  let next = 0;
  return () => ({
    method: 'GET',
    path: `/pregnancies?documentNumber=${target.documentNumbers[next++ % target.documentNumbers.length]}`,
  });
}

function readRequests(target: Target): RequestFactory {
  let next = 0;
  return () => ({
    method: 'GET',
    path: `/pregnancies/${target.openPregnancyIds[next++ % target.openPregnancyIds.length]}`,
  });
}

interface HttpLoad {
  seconds: number;
  connections: number;
  token: string;
  /** The API processes' ports the connections are spread over. */
  ports: number[];
  /** Every API process started, whose CPU time is counted. */
  processes: ChildProcess[];
  /** The local MariaDB server, whose CPU time is counted. */
  databasePid: number | undefined;
}

async function runHttp(
  scenario: string,
  load: HttpLoad,
  factory: RequestFactory,
): Promise<Measured> {
  const urls = load.ports.map((port) => `http://127.0.0.1:${port}`);
  const cpuBefore = apiCpuTimeMs(load.processes);
  const dbCpuBefore = cpuTimeMs(load.databasePid);
  const result = await autocannon({
    // autocannon takes several URLs and gives connection i the URL i mod n (its types say one).
    url: (urls.length === 1 ? urls[0] : urls) as string,
    connections: load.connections,
    duration: load.seconds,
    headers: { Authorization: `Bearer ${load.token}`, 'Content-Type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, ...factory() }) }],
  });
  const cpuAfter = apiCpuTimeMs(load.processes);
  const dbCpuAfter = cpuTimeMs(load.databasePid);
  return {
    scenario,
    connections: load.connections,
    apis: load.ports.length,
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    apiCpuMsPerRequest: perRequest(cpuBefore, cpuAfter, result.requests.total),
    dbCpuMsPerRequest: perRequest(dbCpuBefore, dbCpuAfter, result.requests.total),
  };
}

type DirectWrite = (pool: Pool, target: Target, n: number) => Promise<void>;

/**
 * The visit the API records, statement for statement (read from TypeORM's query log): the lock
 * with the one read of the records (same-day check, ordinal, re-grading), insert, audit row with
 * the same values, and the last visit date with the overdue day when the visit moves it. The
 * re-grading's writes happen only when the colour changes, which these measurements do not do.
 */
const directVisit: DirectWrite = async (pool, target, n) => {
  const pregnancyId = target.openPregnancyIds[n % target.openPregnancyIds.length];
  const visitDate = hospitalToday();
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [[pregnancy]] = await connection.query<RowDataPacket[]>(
      `SELECT p.*, ${GRADING_RECORDS_COLUMNS} FROM pregnancy p WHERE p.id = ? FOR UPDATE`,
      [pregnancyId],
    );
    const [result] = await connection.query<import('mysql2').ResultSetHeader>(
      `INSERT INTO antenatal_visit (pregnancy_id, facility_id, visit_date, same_day_repeat, weight_kg, height_cm, systolic_mm_hg, diastolic_mm_hg, fundal_height_cm, fetal_heart_rate, fetal_position, oedema, haemoglobin_gl, platelets_e9_l, urine_protein, urine_glucose, findings, next_appointment_date, recorded_by, version)
       VALUES (?, ?, ?, 1, 62.5, NULL, 118, 74, NULL, 142, NULL, NULL, 121, NULL, NULL, NULL, NULL, NULL, ?, 1)`,
      [pregnancyId, target.facilityId, visitDate, target.userId],
    );
    await connection.query(
      "INSERT INTO audit_entry (occurred_at, user_id, facility_id, request_id, entity, entity_id, action, `before`, `after`, reason) VALUES (NOW(3), ?, ?, 'bench', 'antenatal_visit', ?, 'create', NULL, ?, NULL)",
      [
        target.userId,
        target.facilityId,
        String(result.insertId),
        JSON.stringify({ pregnancyId, ...VISIT_AUDIT_VALUES, visitDate }),
      ],
    );
    if (pregnancy.last_visit_date !== visitDate) {
      await connection.query(
        `UPDATE pregnancy p SET p.last_visit_date = ?, p.overdue_from = ${overdueFromSql('?')} WHERE p.id = ?`,
        [visitDate, visitDate, pregnancyId],
      );
    }
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
};

/** The audited fields of the benchmark's visit, as the API writes them. */
const VISIT_AUDIT_VALUES = {
  visitDate: '',
  sameDayRepeat: true,
  weightKg: 62.5,
  heightCm: null,
  systolicMmHg: 118,
  diastolicMmHg: 74,
  fundalHeightCm: null,
  fetalHeartRate: 142,
  fetalPosition: null,
  oedema: null,
  haemoglobinGL: 121,
  plateletsE9L: null,
  urineProtein: null,
  urineGlucose: null,
  findings: null,
  nextAppointmentDate: null,
};

/**
 * The registration the API makes: woman, pregnancy and its overdue day, first EDD, its registering
 * and managing participants, audit rows, duplicate check.
 */
const directRegistration: DirectWrite = async (pool, target) => {
  const { documentNumber, birthDate } = newResidentId();
  const phone = benchPhone('136');
  // Identifiers are stored as the API stores them: encrypted, found by their blind indexes.
  const cipher = identifierCipher();
  const documentIndex = cipher.blindIndex('document', documentNumber);
  const phoneIndex = cipher.blindIndex('phone', phone);
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await connection.query('SELECT id FROM woman WHERE document_index = ? AND document_type = ?', [
      documentIndex,
      'resident_id',
    ]);
    const [woman] = await connection.query<import('mysql2').ResultSetHeader>(
      `INSERT INTO woman (document_type, document_number, document_index, name, birth_date, phone, phone_index, residence_region_code, household_type, registered_facility_id, odd_sequence_confirmed, version)
       VALUES ('resident_id', ?, ?, ?, ?, ?, ?, '330106', 'local', ?, 0, 1)`,
      [
        cipher.encrypt(documentNumber),
        documentIndex,
        benchName(),
        birthDate,
        cipher.encrypt(phone),
        phoneIndex,
        target.facilityId,
      ],
    );
    await connection.query(
      "SELECT 1 FROM pregnancy WHERE woman_id = ? AND status = 'open' LIMIT 1",
      [woman.insertId],
    );
    const lmp = new Date(Date.now() - 70 * 86_400_000).toISOString().slice(0, 10);
    const edd = new Date(Date.now() + 210 * 86_400_000).toISOString().slice(0, 10);
    const [pregnancy] = await connection.query<import('mysql2').ResultSetHeader>(
      `INSERT INTO pregnancy (woman_id, facility_id, registering_facility_id, registration_date, lmp, edd, edd_source, gravidity, parity, previous_caesareans, fetus_count, status, created_by, version)
       VALUES (?, ?, ?, ?, ?, ?, 'lmp', 1, 0, 0, 1, 'open', ?, 1)`,
      [
        woman.insertId,
        target.facilityId,
        target.facilityId,
        hospitalToday(),
        lmp,
        edd,
        target.userId,
      ],
    );
    await connection.query(
      `UPDATE pregnancy p SET p.overdue_from = ${overdueFromSql()} WHERE p.id = ?`,
      [pregnancy.insertId],
    );
    await connection.query(
      "INSERT INTO edd_change (pregnancy_id, new_edd, new_source, reason, changed_by, changed_at) VALUES (?, ?, 'lmp', 'registration', ?, NOW(3))",
      [pregnancy.insertId, edd, target.userId],
    );
    const [participants] = await connection.query<import('mysql2').ResultSetHeader>(
      `INSERT INTO episode_participant (pregnancy_id, facility_id, role, status, started_via, started_on, legal_basis, created_by, version)
       VALUES (?, ?, 'registering', 'active', 'registration', ?, 'statutory_duty', ?, 1),
              (?, ?, 'managing', 'active', 'registration', ?, 'statutory_duty', ?, 1)`,
      [
        ...[pregnancy.insertId, target.facilityId, hospitalToday(), target.userId],
        ...[pregnancy.insertId, target.facilityId, hospitalToday(), target.userId],
      ],
    );
    for (const [entity, id] of [
      ['woman', woman.insertId],
      ['pregnancy', pregnancy.insertId],
      ['episode_participant', participants.insertId],
      ['episode_participant', participants.insertId + 1],
    ] as const) {
      await connection.query(
        "INSERT INTO audit_entry (occurred_at, user_id, facility_id, request_id, entity, entity_id, action, after) VALUES (NOW(3), ?, ?, 'bench', ?, ?, 'create', '{}')",
        [target.userId, target.facilityId, entity, String(id)],
      );
    }
    await connection.query(
      'SELECT id, name, birth_date, phone_index, document_number FROM woman WHERE id <> ? AND ((name = ? AND birth_date = ?) OR phone_index = ?) ORDER BY id LIMIT 20',
      [woman.insertId, benchName(), birthDate, phoneIndex],
    );
    await connection.commit();
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
};

async function runDirect(
  scenario: string,
  opts: Options,
  connections: number,
  pool: Pool,
  target: Target,
  write: DirectWrite,
  databasePid: number | undefined,
): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  const dbCpuBefore = cpuTimeMs(databasePid);
  let n = Math.floor(Math.random() * 1e6);
  const ends = Date.now() + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < ends) {
        const started = performance.now();
        try {
          await write(pool, target, n++);
          latencies.push(performance.now() - started);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const dbCpuAfter = cpuTimeMs(databasePid);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    scenario,
    connections,
    apis: null,
    rps: latencies.length / opts.seconds,
    requests: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    apiCpuMsPerRequest: null,
    dbCpuMsPerRequest: perRequest(dbCpuBefore, dbCpuAfter, latencies.length + errors),
  };
}

function report(results: Measured[]): void {
  console.log(
    'scenario                        conns  APIs    req/s   p50 ms   p99 ms  errors  API CPU ms/req  DB CPU ms/req',
  );
  for (const r of results) {
    const [cpu, dbCpu] = [r.apiCpuMsPerRequest, r.dbCpuMsPerRequest].map((ms) =>
      ms === null ? '-' : ms.toFixed(2),
    );
    console.log(
      `${r.scenario.padEnd(30)} ${String(r.connections).padStart(6)} ${String(r.apis ?? '-').padStart(5)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(7)} ${cpu.padStart(15)} ${dbCpu.padStart(14)}`,
    );
  }
  console.log('\nFramework overhead (HTTP rate ÷ direct mysql2 rate, same writes):');
  for (const connections of new Set(results.map((r) => r.connections))) {
    for (const [http, direct] of [
      ['record a visit', 'record a visit (mysql2)'],
      ['register a woman', 'register a woman (mysql2)'],
    ]) {
      const b = results.find((r) => r.scenario === direct && r.connections === connections);
      for (const a of results.filter((r) => r.scenario === http && r.connections === connections))
        if (b && b.rps > 0)
          console.log(
            `  ${http} at ${connections} connections, ${a.apis} API${a.apis === 1 ? '' : 's'}: ${((a.rps / b.rps) * 100).toFixed(0)} %`,
          );
    }
  }
}

/** The guard's code every request runs (AuthGuard): the token, then the session. */
const AUTH_GUARD = 'core/auth/auth.guard.js';
const AUTHENTICATION: ProfiledFunction[] = [
  { name: 'canActivate', fileEndsWith: AUTH_GUARD },
  { name: 'authenticate', fileEndsWith: AUTH_GUARD },
  { name: 'tokenOf', fileEndsWith: AUTH_GUARD },
  { name: 'liveActor', fileEndsWith: AUTH_GUARD },
];
/** The session check alone: is the session live, the user active with the same role and facility. */
const SESSION_CHECK: ProfiledFunction[] = [
  { name: 'liveActor', fileEndsWith: AUTH_GUARD },
  { name: 'check', fileEndsWith: 'core/auth/sessions.service.js' },
];

/**
 * From the API processes' CPU profiles: what authenticating a request costs, beside the API's
 * CPU time per request over the same HTTP runs (both with the profiler's own cost in).
 */
function reportAuthentication(results: Measured[], profiles: string[]): void {
  const runs = results.filter((r) => r.apiCpuMsPerRequest !== null);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  if (requests === 0) return;
  const apiMicros = runs.reduce((sum, r) => sum + r.apiCpuMsPerRequest! * r.requests * 1000, 0);
  const read = profiles.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile);
  const micros = (functions: ProfiledFunction[]) =>
    read.reduce((sum, profile) => sum + inclusiveMicros(profile, functions), 0) / requests;
  const line = (what: string, us: number) =>
    console.log(
      `  ${what.padEnd(42)} ${us.toFixed(1).padStart(8)} µs/req  ${((us / (apiMicros / requests)) * 100).toFixed(2).padStart(6)} %`,
    );
  console.log(
    `\nAuthenticating a request, from the API's CPU profile over ${requests} requests (sampled every 200 µs; the profiler's cost is in every figure):`,
  );
  line('API CPU, all of it', apiMicros / requests);
  line('the guard: token, session, role', micros(AUTHENTICATION));
  line('of which the session check', micros(SESSION_CHECK));
  for (const file of profiles) rmSync(file, { force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
