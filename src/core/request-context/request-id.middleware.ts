import { randomUUID } from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runInRequestContext } from './request-context';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id (the caller's, when sane) in the response header. Mounted before the
 * body parser, so even a request whose body cannot be parsed gets one.
 */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header(REQUEST_ID_HEADER);
  const requestId = offered && ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, requestId);
  next();
}

/** Runs the rest of the request in a context carrying its id, for audit rows and error bodies. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(_request: Request, response: Response, next: NextFunction): void {
    const requestId = response.getHeader(REQUEST_ID_HEADER);
    runInRequestContext(
      { requestId: typeof requestId === 'string' ? requestId : randomUUID() },
      next,
    );
  }
}
