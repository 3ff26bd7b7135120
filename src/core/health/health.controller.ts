import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { HeartbeatProducer } from '../queue/heartbeat.producer';

/** A worker that has not beaten for this long is reported down (it beats once a minute). */
export const WORKER_HEARTBEAT_MAX_AGE_MS = 3 * 60_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly heartbeat: HeartbeatProducer,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'Database and Redis answer, and a worker beat within 3 minutes' })
  @ApiServiceUnavailableResponse({
    description: 'Database or Redis does not answer, or no worker beat for 3 minutes',
  })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.heartbeat.ping();
            return { lastWorkerHeartbeat: await this.heartbeat.lastHeartbeat() };
          })
          .withTimeout(1500),
      async () => {
        const indicator = this.indicators.check('worker');
        const last = await this.heartbeat.lastHeartbeat().catch(() => null);
        const ageMs = last === null ? null : Date.now() - Date.parse(last);
        const details = {
          lastWorkerHeartbeat: last,
          heartbeatAgeSeconds: ageMs === null ? null : Math.round(ageMs / 1000),
        };
        return ageMs !== null && ageMs <= WORKER_HEARTBEAT_MAX_AGE_MS
          ? indicator.up(details)
          : indicator.down(details);
      },
    ]);
  }
}
