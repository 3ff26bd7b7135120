import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { observabilityConfig } from '../../../config';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../errors/domain.error';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Not public: it answers only to `Authorization: Bearer
 * <METRICS_TOKEN>`, and 404 when no METRICS_TOKEN is configured (metrics off).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(observabilityConfig.KEY)
    private readonly config: ConfigType<typeof observabilityConfig>,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const expected = this.config.metricsToken;
    if (!expected) throw new DomainError('ROUTE_NOT_FOUND', 'Cannot GET /metrics');
    if (!sameSecret(authorization ?? '', `Bearer ${expected}`)) {
      throw new DomainError('UNAUTHENTICATED', 'The metrics token is required');
    }
    return this.metrics.registry.metrics();
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
