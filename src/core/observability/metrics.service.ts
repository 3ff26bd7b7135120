import { getQueueToken } from '@nestjs/bull';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { QUEUES } from '../queue/queue.constants';

/** The counts a mysql2 pool keeps; private fields, read defensively. */
interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Prometheus metrics of this process, in a registry of its own: HTTP latency by route and
 * status, queue depth and job durations, database pool use, and the Node defaults.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'bull_job_duration_seconds',
    help: 'Bull job processing time by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'],
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  readonly jobsFinished = new Counter({
    name: 'bull_jobs_finished_total',
    help: 'Bull jobs finished by queue, job name and outcome',
    labelNames: ['queue', 'name', 'outcome'],
    registers: [this.registry],
  });

  private readonly queues: Queue[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const queues = this.queues;
    new Gauge({
      name: 'bull_queue_jobs',
      help: 'Jobs in each Bull queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await queue.getJobCounts();
            for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state]);
          }),
        );
      },
    });
    const pool = () => this.pool();
    new Gauge({
      name: 'db_pool_connections',
      help: 'mysql2 pool connections: all (open), free (idle), queued (callers waiting), limit',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const internals = pool();
        if (!internals) return;
        this.set({ state: 'all' }, internals._allConnections?.length ?? 0);
        this.set({ state: 'free' }, internals._freeConnections?.length ?? 0);
        this.set({ state: 'queued' }, internals._connectionQueue?.length ?? 0);
        this.set({ state: 'limit' }, internals.config?.connectionLimit ?? 0);
      },
    });
  }

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.push(queue);
      // Global events: jobs run by any worker process, not only by this one.
      const completed = (jobId: string) => void this.recordJob(queue, jobId, 'completed');
      const failed = (jobId: string) => void this.recordJob(queue, jobId, 'failed');
      void queue.on('global:completed', completed);
      void queue.on('global:failed', failed);
      this.listeners.push(() => {
        queue.removeListener('global:completed', completed);
        queue.removeListener('global:failed', failed);
      });
    }
  }

  onModuleDestroy(): void {
    for (const remove of this.listeners) remove();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  private async recordJob(queue: Queue, jobId: string, outcome: string): Promise<void> {
    let job: Job | null;
    try {
      job = await queue.getJob(jobId);
    } catch {
      return; // Redis unreachable: the job goes uncounted, the process goes on
    }
    if (!job) return;
    const labels = { queue: queue.name, name: job.name, outcome };
    this.jobsFinished.inc(labels);
    if (job.processedOn && job.finishedOn) {
      this.jobDuration.observe(labels, (job.finishedOn - job.processedOn) / 1000);
    }
  }

  /** The primary's pool: the driver's own, or the MASTER node of its cluster with replicas. */
  private pool(): Mysql2PoolInternals | undefined {
    const driver = this.dataSource.driver as {
      pool?: Mysql2PoolInternals;
      poolCluster?: { _nodes?: Record<string, { pool?: Mysql2PoolInternals } | undefined> };
    };
    return driver.pool ?? driver.poolCluster?._nodes?.MASTER?.pool;
  }
}
