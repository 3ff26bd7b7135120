import { Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { routeOf } from './logging.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { QueueBoardModule } from './queue-board.module';

/** Times every request into the latency histogram, labelled by its route template. */
@Injectable()
class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.metrics.observeRequest(request.method, routeOf(request), response.statusCode, seconds);
    });
    next();
  }
}

/** What an operator of the HTTP process sees: /metrics and the queue view. */
@Module({
  imports: [QueueBoardModule],
  controllers: [MetricsController],
  providers: [MetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestMetricsMiddleware).forRoutes('*');
  }
}
