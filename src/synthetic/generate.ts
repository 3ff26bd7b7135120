/**
 * The synthetic cohort generator (issue 7):
 *
 *   node dist/src/synthetic/generate.js --pregnancies N [--facilities F] [--seed S]
 *     [--append] [--force] [--prefix CODE-] [--city 3301] [--today YYYY-MM-DD]
 *     [--chunk 5000] [--connections 2] [--into-facilities CODE,CODE]
 *
 * The database comes from the project's configuration (DB_*). Same seed and same --today give
 * the same rows.
 */
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import {
  appConfig,
  type DatabaseConfig,
  databaseConfig,
  episodesConfig,
  loadDotEnv,
} from '../../config';
import type { ScheduleWindow } from '../antenatal/rules/visit-schedule';
import type { Role } from '../core/auth/actor';
import { hashPassword } from '../core/auth/password';
import type { FacilityKind } from '../core/facilities/facility.entity';
import type { AttributionRules } from '../episodes/rules/residence';
import { isIsoDate, todayIn } from '../core/time/calendar-date';
import { type FactorOrigin, NATIONAL_CATALOGUE_VERSION } from '../risk/rules/national-catalogue';
import type { RiskColour } from '../risk/rules/risk-colour';
import { IdentifierCipher, identifierCipher } from '../core/privacy/identifier-cipher';
import { BulkLoader } from './bulk-loader';
import { CohortGenerator } from './cohort';
import {
  type CatalogueEntry,
  type CohortContext,
  historyClock,
  statisticalWindowStart,
  type TopicInfo,
} from './context';
import { ResidentIdIssuer } from './people';
import { Random } from './random';
import { SealingSink } from './sealing-sink';
import { migrateDatabase } from '../core/database/migrate';
import {
  type ExistingFacility,
  planClassSessions,
  planExistingFacilities,
  planFacilities,
} from './setup';
import { ID_TABLES, IdSequences, type TableName } from './tables';

/** The password of every generated user (the API benchmark logs in with it). */
export const SYNTHETIC_PASSWORD = 'Synthetic-Password-2026';
/** The class topics the migrations seed; other topics a test or a user added are left alone. */
const NATIONAL_TOPICS = [
  'breastfeeding',
  'nutrition',
  'danger_signs',
  'labour_delivery',
  'newborn_care',
  'postpartum_recovery',
];
const DEFAULT_CITY_CODE = '3301'; // 杭州市: a city of Zhejiang, whose districts the facilities use
const DEFAULT_CHUNK = 5000;
const DEFAULT_CONNECTIONS = 2;
const PROGRESS_EVERY_MS = 10_000;
/** Database names the generator writes to without --force. */
const SAFE_DATABASE_NAME = /(_test|_synthetic|mch)$/;

export interface SyntheticOptions {
  pregnancies: number;
  facilities: number;
  seed: number;
  /** Add to a database that already has pregnancies; ids continue after the largest. */
  append?: boolean;
  /** Write to a database whose name does not end in _test, _synthetic or mch. */
  force?: boolean;
  /** Facility codes are this prefix and a number; default `SYN<seed>-`. Must be new. */
  facilityCodePrefix?: string;
  /**
   * Codes of existing facilities to add the cohort to (their staff, their schedule) instead of
   * new facilities; `facilities` and the prefix are then not used. Needs `append` when the
   * database already has pregnancies.
   */
  intoFacilities?: readonly string[];
  /** 4 digits: province and city of the facilities' region codes (…01, …02, …). */
  cityCode?: string;
  /** The day the history ends (it ends when this day begins); default the hospital's today. */
  today?: string;
  chunkSize?: number;
  connections?: number;
  database?: DatabaseConfig;
  /** The rules deliveries are counted by; default the service's (RESIDENCE_RULES). */
  attribution?: AttributionRules;
  timeZone?: string;
  log?: (line: string) => void;
}

export interface SyntheticSummary {
  database: string;
  seed: number;
  today: string;
  windowStart: string;
  facilityIds: number[];
  facilityCodes: string[];
  pregnancyIds: { first: number; last: number };
  tables: { table: TableName; rows: number; loadSeconds: number }[];
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
}

export function assertSafeDatabaseName(name: string, force: boolean): void {
  if (!force && !SAFE_DATABASE_NAME.test(name)) {
    throw new Error(
      `Refusing to write a synthetic cohort into "${name}": the name must end in _test, _synthetic or mch (or pass --force)`,
    );
  }
}

/**
 * Fills the database with a deterministic synthetic cohort through the real schema: facilities
 * and staff (a district's hospitals and community centres, each centre serving 街道 codes), class
 * sessions, then `pregnancies` pregnancies with every record the modules keep, shared between the
 * facilities that take part in them, generated in chunks and bulk-loaded while the next chunk is
 * generated.
 */
export async function generateSyntheticCohort(
  options: SyntheticOptions,
): Promise<SyntheticSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const config = options.database ?? databaseConfig();
  const timeZone = options.timeZone ?? appConfig().timeZone;
  const realToday = todayIn(timeZone);
  const today = options.today ?? realToday;
  if (!isIsoDate(today) || today > realToday) {
    throw new Error(`--today must be a date (YYYY-MM-DD) not after ${realToday}: ${today}`);
  }
  if (!Number.isInteger(options.pregnancies) || options.pregnancies < 1) {
    throw new Error('--pregnancies must be a whole number ≥ 1');
  }
  const into = options.intoFacilities ?? [];
  if (into.length === 0 && (!Number.isInteger(options.facilities) || options.facilities < 1)) {
    throw new Error('--facilities must be a whole number ≥ 1');
  }
  assertSafeDatabaseName(config.database, options.force ?? false);
  const prefix = options.facilityCodePrefix ?? `SYN${options.seed}-`;
  const started = Date.now();

  const pool = createPool({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: config.database,
    charset: 'utf8mb4_unicode_ci',
    connectionLimit: options.connections ?? DEFAULT_CONNECTIONS,
    // Generation runs in synchronous chunks; on a busy machine one can hold the event loop past
    // mysql2's 10 s default, and a connection opened meanwhile would time out before its
    // handshake is read.
    connectTimeout: 120_000,
    flags: ['+LOCAL_FILES'],
  });
  try {
    await checkTarget(pool, into.length > 0 ? null : prefix, options.append ?? false);
    const ids = new IdSequences(await currentMaxIds(pool));
    const cipher = identifierCipher();
    const taken = options.append ? await existingResidentIds(pool, cipher) : new Set<string>();
    const windowStart = statisticalWindowStart(today);
    const loader = new BulkLoader(pool, SESSION_SETTINGS);
    const ctx: CohortContext = {
      random: new Random(options.seed),
      clock: historyClock(today, timeZone),
      sink: new SealingSink(loader, cipher),
      ids,
      residentIds: new ResidentIdIssuer(taken),
      catalogue: await readCatalogue(pool),
      topics: await readTopics(pool),
      facilities: [],
      cityCode: options.cityCode ?? DEFAULT_CITY_CODE,
      serviceAreas: await readServiceAreas(pool),
      attribution: options.attribution ?? episodesConfig().attribution,
      nationalSchedule: await readNationalSchedule(pool),
    };
    if (into.length > 0) {
      ctx.facilities = planExistingFacilities(ctx, await readFacilities(pool, into, ctx));
    } else {
      // One hash for every user: scrypt is slow on purpose.
      const passwordHash = await hashPassword(SYNTHETIC_PASSWORD);
      ctx.facilities = planFacilities(ctx, options.facilities, prefix, passwordHash);
    }
    planClassSessions(ctx, ctx.facilities, options.pregnancies, ctx.clock.windowStart - 300);

    const firstPregnancyId = ids.peek('pregnancy');
    const generator = new CohortGenerator(ctx, options.pregnancies);
    const chunk = options.chunkSize ?? DEFAULT_CHUNK;
    log(
      `[synthetic] ${options.pregnancies} pregnancies, ${ctx.facilities.length} facilities, seed ${options.seed}, ` +
        `history ${windowStart} … ${today} into ${config.database}`,
    );
    let lastProgress = Date.now();
    for (let from = 0; from < options.pregnancies; from += chunk) {
      generator.generate(from, Math.min(options.pregnancies, from + chunk));
      await loader.drain();
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        log(progressLine(loader, generator.generated, options.pregnancies, started));
      }
    }
    await loader.finish();
    const seconds = (Date.now() - started) / 1000;
    const tables = loader.stats();
    const totalRows = tables.reduce((sum, t) => sum + t.rows, 0);
    const summary: SyntheticSummary = {
      database: config.database,
      seed: options.seed,
      today,
      windowStart,
      facilityIds: ctx.facilities.map((f) => f.id),
      facilityCodes: ctx.facilities.map((f) => f.code),
      pregnancyIds: { first: firstPregnancyId, last: ids.peek('pregnancy') - 1 },
      tables,
      totalRows,
      seconds,
      rowsPerSecond: Math.round(totalRows / seconds),
    };
    log(summaryText(summary));
    return summary;
  } finally {
    await pool.end();
  }
}

/**
 * The load writes rows whose uniqueness the generator guarantees itself (resident IDs issued
 * once and checked against the database when appending; one open pregnancy per woman and one
 * open case per pregnancy by construction; ids assigned in order) and whose parents it writes
 * itself, so InnoDB may skip those checks. Any key clash would still surface: the loader fails
 * on a warning or a short row count.
 */
const SESSION_SETTINGS = 'SET SESSION unique_checks = 0, foreign_key_checks = 0';

/** `prefix`: the code prefix of the facilities to create, or null when adding to existing ones. */
async function checkTarget(pool: Pool, prefix: string | null, append: boolean): Promise<void> {
  const [[{ pregnancies }]] = await pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS pregnancies FROM (SELECT id FROM pregnancy LIMIT 1) AS any_pregnancy',
  );
  if (Number(pregnancies) > 0 && !append) {
    throw new Error(
      'The database already has pregnancies: pass --append to add a cohort after them, or use an empty database',
    );
  }
  if (prefix === null) return;
  const [clash] = await pool.query<RowDataPacket[]>(
    'SELECT code FROM facility WHERE code LIKE ? LIMIT 1',
    [`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  );
  if (clash.length > 0) {
    throw new Error(
      `Facility ${String(clash[0].code)} already uses the prefix "${prefix}": choose another --prefix (or --seed)`,
    );
  }
}

async function readFacilities(
  pool: Pool,
  codes: readonly string[],
  ctx: CohortContext,
): Promise<ExistingFacility[]> {
  const [facilities] = await pool.query<RowDataPacket[]>(
    'SELECT id, code, name, level, kind, region_code FROM facility WHERE code IN (?) ORDER BY id',
    [codes],
  );
  const missing = codes.filter((code) => !facilities.some((f) => f.code === code));
  if (missing.length > 0) throw new Error(`No facility with the code ${missing.join(', ')}`);
  const ids = facilities.map((f) => Number(f.id));
  const [users] = await pool.query<RowDataPacket[]>(
    'SELECT id, facility_id, role FROM app_user WHERE facility_id IN (?) AND active = 1 ORDER BY id',
    [ids],
  );
  const [windows] = await pool.query<RowDataPacket[]>(
    'SELECT facility_id, code, label, start_day, end_day FROM schedule_window WHERE facility_id IN (?) ORDER BY ordinal',
    [ids],
  );
  return facilities.map((f) => {
    const id = Number(f.id);
    const own = windows.filter((w) => Number(w.facility_id) === id).map(scheduleWindowOf);
    return {
      id,
      code: String(f.code),
      name: String(f.name),
      level: Number(f.level) as 1 | 2 | 3,
      kind: f.kind as FacilityKind,
      regionCode: String(f.region_code),
      serviceAreas: [...ctx.serviceAreas]
        .filter(([, facilityId]) => facilityId === id)
        .map(([code]) => code)
        .sort(),
      staff: users
        .filter((u) => Number(u.facility_id) === id)
        .map((u) => ({ id: Number(u.id), role: u.role as Role })),
      schedule: own.length > 0 ? own : ctx.nationalSchedule,
    };
  });
}

/** Every community centre's service area in the database: new centres serve other codes. */
async function readServiceAreas(pool: Pool): Promise<Map<string, number>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT region_code, facility_id FROM facility_service_area',
  );
  return new Map(rows.map((row) => [String(row.region_code), Number(row.facility_id)]));
}

async function currentMaxIds(pool: Pool): Promise<Partial<Record<TableName, number>>> {
  const max: Partial<Record<TableName, number>> = {};
  for (const table of ID_TABLES) {
    const [[row]] = await pool.query<RowDataPacket[]>(`SELECT MAX(id) AS id FROM \`${table}\``);
    max[table] = Number(row.id ?? 0);
  }
  return max;
}

async function existingResidentIds(pool: Pool, cipher: IdentifierCipher): Promise<Set<string>> {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT document_number FROM woman WHERE document_type = 'resident_id'",
  );
  return new Set(rows.map((row) => cipher.decrypt(String(row.document_number))));
}

async function readCatalogue(pool: Pool): Promise<CohortContext['catalogue']> {
  const [[catalogue]] = await pool.query<RowDataPacket[]>(
    'SELECT id FROM risk_catalogue WHERE version = ?',
    [NATIONAL_CATALOGUE_VERSION],
  );
  if (!catalogue)
    throw new Error(`Risk catalogue ${NATIONAL_CATALOGUE_VERSION} is missing: run the migrations`);
  const [factors] = await pool.query<RowDataPacket[]>(
    'SELECT code, colour, purple, origin FROM risk_factor WHERE catalogue_id = ?',
    [catalogue.id],
  );
  const entries = new Map<string, CatalogueEntry>(
    factors.map((f) => [
      String(f.code),
      {
        code: String(f.code),
        colour: (f.colour ?? null) as RiskColour | null,
        purple: Number(f.purple) === 1,
        origin: f.origin as FactorOrigin,
      },
    ]),
  );
  return { id: Number(catalogue.id), factors: entries };
}

async function readNationalSchedule(pool: Pool): Promise<ScheduleWindow[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT code, label, start_day, end_day FROM schedule_window WHERE facility_id IS NULL ORDER BY ordinal',
  );
  if (rows.length === 0)
    throw new Error('The national visit schedule is missing: run the migrations');
  return rows.map(scheduleWindowOf);
}

function scheduleWindowOf(row: RowDataPacket): ScheduleWindow {
  return {
    code: String(row.code),
    label: String(row.label),
    startDay: Number(row.start_day),
    endDay: Number(row.end_day),
  };
}

async function readTopics(pool: Pool): Promise<TopicInfo[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT id, code, breastfeeding FROM class_topic WHERE code IN (?) ORDER BY id',
    [NATIONAL_TOPICS],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    code: String(row.code),
    breastfeeding: Number(row.breastfeeding) === 1,
  }));
}

const MAIN_TABLES: readonly TableName[] = [
  'pregnancy',
  'antenatal_visit',
  'risk_assessment',
  'pmtct_test',
  'feeding_event',
];

function progressLine(loader: BulkLoader, done: number, total: number, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  const rates = MAIN_TABLES.map((table) => {
    const rows = loader.loadedRows(table);
    return `${table} ${rows} (${Math.round(rows / seconds)}/s)`;
  });
  return `[synthetic] ${done}/${total} pregnancies generated · ${seconds.toFixed(0)} s · loaded: ${rates.join(', ')}`;
}

function summaryText(summary: SyntheticSummary): string {
  const width = Math.max(...summary.tables.map((t) => t.table.length));
  const lines = summary.tables
    .filter((t) => t.rows > 0)
    .map(
      (t) =>
        `  ${t.table.padEnd(width)} ${String(t.rows).padStart(11)} rows  ` +
        `${String(Math.round(t.rows / summary.seconds)).padStart(8)} rows/s overall  ` +
        `${String(t.loadSeconds > 0 ? Math.round(t.rows / t.loadSeconds) : 0).padStart(8)} rows/s while loading`,
    );
  return [
    `[synthetic] done in ${summary.seconds.toFixed(1)} s: ${summary.totalRows} rows, ${summary.rowsPerSecond} rows/s`,
    ...lines,
    `  pregnancies ${summary.pregnancyIds.first}…${summary.pregnancyIds.last}; users' password: ${SYNTHETIC_PASSWORD}`,
  ].join('\n');
}

export function parseArguments(argv: readonly string[]): SyntheticOptions {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const integer = (name: string, fallback?: number): number => {
    const raw = value(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new Error(`--${name} is required`);
      return fallback;
    }
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number: ${raw}`);
    return Number(raw);
  };
  return {
    pregnancies: integer('pregnancies'),
    facilities: integer('facilities', 20),
    seed: integer('seed', 1),
    append: argv.includes('--append'),
    force: argv.includes('--force'),
    facilityCodePrefix: value('prefix'),
    cityCode: value('city'),
    today: value('today'),
    chunkSize: integer('chunk', DEFAULT_CHUNK),
    connections: integer('connections', DEFAULT_CONNECTIONS),
    intoFacilities: value('into-facilities')
      ?.split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
  };
}

async function main(): Promise<void> {
  loadDotEnv();
  const options = parseArguments(process.argv.slice(2));
  // A fresh clone has no synthetic database: create it (as the migration account) and migrate it.
  const database = databaseConfig();
  assertSafeDatabaseName(database.database, options.force ?? false);
  const run = await migrateDatabase(database, { createIfMissing: true });
  if (run.applied.length > 0) {
    console.log(`[synthetic] ${database.database}: applied ${run.applied.length} migrations`);
  }
  await generateSyntheticCohort(options);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
