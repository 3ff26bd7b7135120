import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { AuthGuard } from '../auth/auth.guard';
import type { RequestWithActor } from '../auth/auth.decorators';
import { AuthModule } from '../auth/auth.module';
import { DomainError } from '../errors/domain.error';
import { httpStatusOf } from '../errors/error-codes';
import { QUEUES } from '../queue/queue.constants';

/** Where the queue view is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The board's routes are Express middleware, out of reach of the global guard: the same bearer
 * token check runs in front of them, and only a system administrator gets through.
 */
function systemAdminOnly(guard: AuthGuard) {
  return (request: RequestWithActor, response: Response, next: NextFunction) => {
    guard.authenticate(request).then(
      (actor) => {
        if (actor.role === 'system_admin') return next();
        refuse(
          response,
          new DomainError('FORBIDDEN_ROLE', 'This action needs one of the roles: system_admin'),
        );
      },
      (error: unknown) => {
        if (error instanceof DomainError) return refuse(response, error);
        next(error);
      },
    );
  };
}

function refuse(response: Response, error: DomainError): void {
  const statusCode = httpStatusOf(error.code);
  response
    .status(statusCode)
    .json({ statusCode, code: error.code, message: error.message, details: [] });
}

/** Bull's queues as a web view for the system administrator, at /admin/queues. */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      inject: [AuthGuard],
      useFactory: (guard: AuthGuard) => ({
        route: QUEUE_BOARD_PATH,
        adapter: ExpressAdapter,
        middleware: systemAdminOnly(guard),
        boardOptions: { uiConfig: { boardTitle: 'MCH queues' } },
      }),
    }),
    ...Object.values(QUEUES).map((name) =>
      BullBoardModule.forFeature({ name, adapter: BullAdapter }),
    ),
  ],
})
export class QueueBoardModule {}
