import { Logger } from '@nestjs/common';

/** 'replica': the read replicas the indicator cohorts and drill-downs read (DB_REPLICA_HOSTS). */
export type Dependency = 'database' | 'redis' | 'replica';

const PROBE_INTERVAL_MS = 1000;

/**
 * Whether the database and Redis are reachable, as the requests found them: one log line when a
 * dependency goes down and one when it is back, rather than a stack per failed request. A
 * dependency with a registered probe is probed while down, so recovery is noticed without traffic.
 */
class OutageMonitor {
  private readonly logger = new Logger('Outage');
  private readonly down = new Set<Dependency>();
  private readonly probes = new Map<Dependency, () => Promise<unknown>>();
  private readonly timers = new Map<Dependency, NodeJS.Timeout>();

  isDown(dependency: Dependency): boolean {
    return this.down.has(dependency);
  }

  registerProbe(dependency: Dependency, probe: () => Promise<unknown>): void {
    this.probes.set(dependency, probe);
  }

  markDown(dependency: Dependency, reason: string): void {
    if (this.down.has(dependency)) return;
    this.down.add(dependency);
    this.logger.error(`${dependency} unavailable (${reason}); answering 503 until it is back`);
    this.scheduleProbe(dependency);
  }

  markUp(dependency: Dependency): void {
    if (!this.down.delete(dependency)) return;
    const timer = this.timers.get(dependency);
    if (timer) clearTimeout(timer);
    this.timers.delete(dependency);
    this.logger.log(`${dependency} available again`);
  }

  /** Stops probing (application shutdown). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.probes.clear();
  }

  private scheduleProbe(dependency: Dependency): void {
    const probe = this.probes.get(dependency);
    if (!probe) return;
    const timer = setTimeout(() => {
      this.timers.delete(dependency);
      probe().then(
        () => this.markUp(dependency),
        () => {
          if (this.down.has(dependency)) this.scheduleProbe(dependency);
        },
      );
    }, PROBE_INTERVAL_MS);
    timer.unref();
    this.timers.set(dependency, timer);
  }
}

export const outageMonitor = new OutageMonitor();

/** Errors of ioredis (and so of Bull) when Redis is unreachable or too slow. */
export function isRedisUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return /Connection is closed|Command timed out|enableOfflineQueue|Reached the max retries/i.test(
    error.message,
  );
}
