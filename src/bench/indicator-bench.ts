import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { appConfig, databaseConfig, loadDotEnv } from '../../config';
import { CoreModule } from '../core/core.module';
import { WorkerModule } from '../core/queue/worker.module';
import { dataSourceOptions } from '../core/database/data-source-options';
import { migrateDatabase } from '../core/database/migrate';
import { readOnReplica } from '../core/database/replica-reads';
import { todayIn } from '../core/time/calendar-date';
import { COHORT_QUERIES_AT_ONCE } from '../indicators/indicator-calculator';
import { IndicatorEngine } from '../indicators/indicator-engine.service';
import { IndicatorJobsProducer, type ComputeJobData } from '../indicators/indicator-jobs.producer';
import { IndicatorValuesService } from '../indicators/indicator-values.service';
import { IndicatorsWorkerModule } from '../indicators/indicators.module';
import { periodContaining, previousPeriod, type Period } from '../indicators/periods';
import { assertSafeDatabaseName, generateSyntheticCohort } from '../synthetic/generate';

/**
 * `npm run bench:indicators -- --pregnancies N`: builds (or reuses) a synthetic database of that
 * size in DB_NAME, then computes through the real Bull worker and prints medians for one
 * facility-month (all groups), one facility-statistical year, and all facilities of a region for a
 * statistical year, beside the time of one plain read of the rows those computations involve, and
 * the worker's peak memory; then the region-year's stored values read as the dashboard reads
 * them (all indicators with a 12-period trend). Options: --facilities F (default 60), --seed S
 * (default 7), --runs R (default 3), --reads-only (skip the computations: read what an earlier run
 * stored).
 *
 * With DB_REPLICA_HOSTS (and DB_REPLICA_PORT) set, the worker counts the cohorts on the replica, as
 * in production, and the plain read runs there too; the benchmark first waits until the replica
 * has applied everything the primary holds (e.g. the database it has just built).
 */

interface Options {
  pregnancies: number;
  facilities: number;
  seed: number;
  runs: number;
}

function options(): Options {
  const arg = (name: string, fallback?: string): string => {
    const index = process.argv.indexOf(`--${name}`);
    const value = index > 0 ? process.argv[index + 1] : fallback;
    if (value === undefined || !/^\d+$/.test(value)) {
      throw new Error(`--${name} must be a whole number`);
    }
    return value;
  };
  return {
    pregnancies: Number(arg('pregnancies', '1000000')),
    facilities: Number(arg('facilities', '60')),
    seed: Number(arg('seed', '7')),
    runs: Number(arg('runs', '3')),
  };
}

/** Peak resident memory of this process (the worker) while a scenario runs. */
class MemoryPeak {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 10);
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    return Math.max(this.peak, process.memoryUsage().rss);
  }
}

async function prepareDatabase(opts: Options): Promise<void> {
  const config = databaseConfig();
  assertSafeDatabaseName(config.database, false);
  await migrateDatabase(config, { createIfMissing: true });
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const [{ n }] = await dataSource.query<Array<{ n: string }>>(
      'SELECT COUNT(*) AS n FROM pregnancy',
    );
    const pregnancies = Number(n);
    if (pregnancies >= opts.pregnancies) {
      console.log(`Reusing ${config.database}: ${pregnancies} pregnancies`);
      return;
    }
    if (pregnancies > 0) {
      throw new Error(
        `${config.database} holds ${pregnancies} pregnancies, fewer than ${opts.pregnancies}: use an empty database (DB_NAME=…_synthetic)`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
  console.log(`Building ${config.database} with ${opts.pregnancies} pregnancies…`);
  await generateSyntheticCohort({
    pregnancies: opts.pregnancies,
    facilities: opts.facilities,
    seed: opts.seed,
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Scenario {
  name: string;
  job: Omit<ComputeJobData, 'trigger' | 'requestedBy'>;
}

async function main(): Promise<void> {
  loadDotEnv();
  const opts = options();
  await prepareDatabase(opts);

  // A worker process, as src/worker.ts builds it (its queue connections ride out Redis restarts).
  @Module({
    imports: [
      CoreModule,
      WorkerModule.register({ cron: false }),
      IndicatorsWorkerModule.register({ cron: false }),
    ],
  })
  class BenchWorkerModule {}
  const app = await NestFactory.createApplicationContext(BenchWorkerModule, {
    logger: ['error', 'warn'],
  });
  try {
    const dataSource = app.get(DataSource);
    const producer = app.get(IndicatorJobsProducer);
    const engine = app.get(IndicatorEngine);
    const values = app.get(IndicatorValuesService);
    const lastMonth = previousPeriod(periodContaining('month', todayIn(appConfig().timeZone)));
    const statisticalYear = previousPeriod(periodContaining('statistical_year', lastMonth.from));
    const busiest = await busiestFacility(dataSource, statisticalYear);
    const [totals] = await dataSource.query<Array<{ pregnancies: string; visits: string }>>(
      'SELECT (SELECT COUNT(*) FROM pregnancy) AS pregnancies, (SELECT COUNT(*) FROM antenatal_visit) AS visits',
    );
    console.log(
      `Database ${databaseConfig().database}: ${totals.pregnancies} pregnancies, ${totals.visits} visits`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    const replicas = databaseConfig().replicas;
    if (replicas.length > 0) {
      const started = performance.now();
      await readOnReplica(dataSource, { waitSeconds: REPLICA_CATCH_UP_SECONDS }, () =>
        Promise.resolve(),
      );
      console.log(
        `Cohorts read on the replica ${replicas.map((r) => `${r.host}:${r.port}`).join(', ')} (caught up with the primary in ${((performance.now() - started) / 1000).toFixed(1)} s), values written on the primary`,
      );
    } else {
      console.log('Cohorts read on the primary (DB_REPLICA_HOSTS unset)');
    }
    console.log(
      `Facility ${busiest.facilityId} (${busiest.births} births in ${statisticalYear.key}); region ${busiest.regionCode}\n`,
    );

    const scenarios: Scenario[] = [
      {
        name: `one facility-month, all groups (${lastMonth.key})`,
        job: { scope: { facilityId: busiest.facilityId }, period: lastMonth.key, group: null },
      },
      {
        name: `one facility-statistical year (${statisticalYear.key})`,
        job: {
          scope: { facilityId: busiest.facilityId },
          period: statisticalYear.key,
          group: null,
        },
      },
      {
        name: `region ${busiest.regionCode}, all facilities, ${statisticalYear.key}`,
        job: {
          scope: { regionCode: busiest.regionCode },
          period: statisticalYear.key,
          group: null,
        },
      },
    ];
    const regionRead = async () => {
      const reads: number[] = [];
      for (let run = 0; run < opts.runs; run++) {
        const started = performance.now();
        const read = await values.values(
          { regionCode: busiest.regionCode },
          statisticalYear.key,
          null,
          12,
        );
        reads.push((performance.now() - started) / 1000);
        if (run === 0) {
          const computed = read.values.filter((v) => v.state !== 'not_computed').length;
          console.log(`stored values read: ${computed} of ${read.values.length} computed`);
        }
      }
      console.log(
        `${`region ${busiest.regionCode} ${statisticalYear.key}, stored values + 12-period trend`.padEnd(52)} median ${median(reads).toFixed(2)} s  runs ${reads.map((r) => r.toFixed(2)).join(' ')}`,
      );
    };
    if (process.argv.includes('--reads-only')) {
      await regionRead();
      return;
    }
    const rows: Array<{ name: string; median: number; runs: number[]; peakMb: number }> = [];
    for (const scenario of scenarios) {
      const runs: number[] = [];
      const memory = new MemoryPeak();
      memory.start();
      for (let run = 0; run < opts.runs; run++) {
        const started = performance.now();
        const job = await producer.compute({
          ...scenario.job,
          trigger: 'on_demand',
          requestedBy: null,
        });
        await job.finished();
        runs.push((performance.now() - started) / 1000);
      }
      const peakMb = memory.stop() / 2 ** 20;
      rows.push({ name: scenario.name, median: median(runs), runs, peakMb });
      console.log(
        `${scenario.name.padEnd(52)} median ${median(runs).toFixed(2)} s  runs ${runs.map((r) => r.toFixed(2)).join(' ')}  peak RSS ${peakMb.toFixed(0)} MB`,
      );
    }

    const regionIds = await engine.facilitiesOf({ regionCode: busiest.regionCode });
    const region = rows[2].median;
    // The plain read one statement at a time, and as many at once as the engine runs cohorts.
    const ratios: string[] = [];
    for (const atOnce of [1, COHORT_QUERIES_AT_ONCE]) {
      const scans: number[] = [];
      for (let run = 0; run < opts.runs; run++) {
        scans.push(await plainScan(dataSource, engine, regionIds, statisticalYear, atOnce));
      }
      const scan = median(scans);
      const name = `plain read of the region-year rows, ${atOnce} at once`;
      console.log(
        `${name.padEnd(52)} median ${scan.toFixed(2)} s  runs ${scans.map((r) => r.toFixed(2)).join(' ')}`,
      );
      ratios.push(`${(region / scan).toFixed(1)}× (${atOnce} at once)`);
    }
    console.log(`\nregion-year computation ÷ plain read: ${ratios.join(', ')}`);
    console.log(
      `worker peak RSS over all scenarios: ${Math.max(...rows.map((r) => r.peakMb)).toFixed(0)} MB\n`,
    );
    await regionRead();
  } finally {
    await app.close();
  }
}

async function busiestFacility(
  dataSource: DataSource,
  year: Period,
): Promise<{ facilityId: number; regionCode: string; births: number }> {
  const [row] = await dataSource.query<Array<{ id: number; region_code: string; births: string }>>(
    `SELECT f.id, f.region_code, COUNT(*) AS births FROM delivery d JOIN facility f ON f.id = d.facility_id
     WHERE d.delivered_at >= ? AND d.delivered_at < ? GROUP BY f.id, f.region_code ORDER BY births DESC LIMIT 1`,
    [year.from, year.to],
  );
  if (!row) throw new Error(`No deliveries in ${year.key}: the database holds no cohort for it`);
  return { facilityId: Number(row.id), regionCode: row.region_code, births: Number(row.births) };
}

/**
 * One read of every row the region-year computation involves, counting and summing a column so
 * each row is read, with nothing decided: the floor any computation over these rows pays.
 */
async function plainScan(
  dataSource: DataSource,
  engine: IndicatorEngine,
  facilityIds: number[],
  year: Period,
  atOnce: number,
): Promise<number> {
  const p = engine.cohortParams(facilityIds, year);
  const ids = facilityIds.join(', ');
  const deliveries = `SELECT pregnancy_id FROM delivery WHERE facility_id IN (${ids}) AND delivered_at >= ? AND delivered_at < ?`;
  const registered = `SELECT id, woman_id FROM pregnancy WHERE facility_id IN (${ids}) AND registration_date >= ? AND registration_date < ?`;
  const queries: Array<[string, unknown[]]> = [
    [
      `SELECT COUNT(*), SUM(d.blood_loss_ml) FROM delivery d WHERE d.facility_id IN (${ids}) AND d.delivered_at >= ? AND d.delivered_at < ?`,
      [p.fromAt, p.toAt],
    ],
    [
      `SELECT COUNT(*), SUM(n.birth_weight_g) FROM newborn n WHERE n.facility_id IN (${ids}) AND n.born_at >= ? AND n.born_at < ?`,
      [p.fromAt, p.toAt],
    ],
    [
      `SELECT COUNT(*), SUM(TIMESTAMPDIFF(MINUTE, e.start_at, e.end_at)) FROM newborn n JOIN feeding_event e ON e.newborn_id = n.id WHERE n.facility_id IN (${ids}) AND n.born_at >= ? AND n.born_at < ?`,
      [p.fromAt, p.toAt],
    ],
    ...[
      'antenatal_visit',
      'risk_assessment',
      'pmtct_test',
      'postpartum_contact',
      'maternal_treatment',
      'exposed_infant',
    ].map((table): [string, unknown[]] => [
      `SELECT COUNT(*), SUM(t.id) FROM (${deliveries}) d JOIN ${table} t ON t.pregnancy_id = d.pregnancy_id`,
      [p.fromAt, p.toAt],
    ]),
    [
      `SELECT COUNT(*), SUM(b.breast_milk) FROM breastfeeding_follow_up b WHERE b.facility_id IN (${ids}) AND b.followed_up_on >= ? AND b.followed_up_on < ?`,
      [p.from, p.to],
    ],
    [
      `SELECT COUNT(*), SUM(r.gravidity) FROM pregnancy r WHERE r.facility_id IN (${ids}) AND r.registration_date >= ? AND r.registration_date < ?`,
      [p.from, p.to],
    ],
    [
      `SELECT COUNT(*), SUM(f.bottles) FROM (${registered}) r JOIN folic_acid_dispensing f ON f.woman_id = r.woman_id`,
      [p.from, p.to],
    ],
    [
      `SELECT COUNT(*), SUM(a.id) FROM class_session s JOIN class_attendance a ON a.session_id = s.id WHERE s.facility_id IN (${ids}) AND s.starts_at >= ? AND s.starts_at < ?`,
      [p.fromAt, p.toAt],
    ],
    [
      `SELECT COUNT(*), SUM(r.id) FROM risk_report r WHERE r.facility_id IN (${ids}) AND r.graded_at >= ? AND r.graded_at < ?`,
      [p.fromAt, p.toAt],
    ],
  ];
  // Where the engine reads its cohorts: the replica when there is one (the wait is not timed).
  return readOnReplica(
    dataSource,
    { waitSeconds: REPLICA_CATCH_UP_SECONDS, connections: atOnce },
    async (managers) => {
      const started = performance.now();
      let next = 0;
      const readNext = async (manager: EntityManager): Promise<void> => {
        while (next < queries.length) {
          const [sql, params] = queries[next++];
          await manager.query(sql, params);
        }
      };
      await Promise.all(managers.map(readNext));
      return (performance.now() - started) / 1000;
    },
  );
}

/** A replica applying a freshly built database may take minutes. */
const REPLICA_CATCH_UP_SECONDS = 3600;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
