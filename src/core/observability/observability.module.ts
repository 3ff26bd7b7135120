import {
  Inject,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { logAccess, ROOT_LOGGER, routeOf } from './logging.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { QueueBoardModule } from './queue-board.module';

/**
 * When a request ends: its access line, and its time in the latency histogram labelled by its
 * route template. One listener for both, on `close`, which also comes when the client went away
 * before the answer.
 */
@Injectable()
class RequestOutcomeMiddleware implements NestMiddleware {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const start = performance.now();
    response.once('close', () => {
      const ms = performance.now() - start;
      const route = routeOf(request);
      logAccess(this.logger, request, response, route, Math.round(ms));
      if (response.writableFinished) {
        this.metrics.observeRequest(request.method, route, response.statusCode, ms / 1000);
      }
    });
    next();
  }
}

/** What an operator of the HTTP process sees: access lines, /metrics and the queue view. */
@Module({
  imports: [QueueBoardModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestOutcomeMiddleware).forRoutes('*');
  }
}
