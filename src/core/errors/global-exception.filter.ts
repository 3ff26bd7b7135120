import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { OptimisticLockVersionMismatchError } from 'typeorm';
import { isDuplicateKeyError } from '../database/query-errors';
import { ReplicaUnavailableError } from '../database/replica-reads';
import { isDatabaseUnavailableError, isWriteConflictError } from '../database/transaction-retry';
import { currentRequestContext } from '../request-context/request-context';
import { DomainError, ErrorDetail, RateLimitedError } from './domain.error';
import { ErrorCode, httpStatusOf } from './error-codes';
import { type Dependency, isRedisUnavailableError, outageMonitor } from './outage-monitor';

interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN_ROLE',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** The one error shape: { statusCode, code, message, details[] }. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    const outage = this.outageOf(exception);
    if (outage) {
      // One line per outage (outage-monitor.ts), not a stack per request.
      outageMonitor.markDown(outage, outageReason(exception));
      body.requestId = currentRequestContext()?.requestId;
    } else if (body.statusCode >= 500) {
      body.requestId = currentRequestContext()?.requestId;
      this.logger.error(
        `request ${body.requestId ?? '-'} failed`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (exception instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return this.body(exception.code, exception.message, exception.details);
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return this.body('STALE_VERSION', 'The record was changed by someone else; reload it');
    }
    if (isDuplicateKeyError(exception)) {
      return this.body('DUPLICATE_KEY', 'A record with the same unique value already exists');
    }
    if (isWriteConflictError(exception)) {
      return this.body(
        'WRITE_CONFLICT',
        'A concurrent change got in the way; send the request again',
      );
    }
    if (exception instanceof ReplicaUnavailableError) {
      // The cases are read on a replica that is behind or away: not served stale, not moved to
      // the primary (README, "A province deployment").
      const [rule, message] =
        exception.problem === 'behind'
          ? ['replicaCaughtUp', 'The statistics replica is still applying the latest records']
          : ['replicaReachable', 'The statistics replica cannot be reached'];
      return this.body('SERVICE_UNAVAILABLE', `${message}; try again shortly`, [
        { field: 'replica', rule, message },
      ]);
    }
    if (this.outageOf(exception)) {
      return this.body(
        'SERVICE_UNAVAILABLE',
        'The service is briefly unavailable; try again shortly',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_STATUS_CODES[status];
      if (code) return { ...this.body(code, httpMessage(exception)), statusCode: status };
    }
    if (isBodyParserError(exception)) {
      return this.body('MALFORMED_REQUEST', 'The request body is not valid JSON');
    }
    return this.body('INTERNAL_ERROR', 'Internal error; quote the request id to support');
  }

  private outageOf(exception: unknown): Dependency | undefined {
    if (exception instanceof HttpException || exception instanceof DomainError) return undefined;
    if (exception instanceof ReplicaUnavailableError) return 'replica';
    if (isRedisUnavailableError(exception)) return 'redis';
    if (isDatabaseUnavailableError(exception)) return 'database';
    return undefined;
  }

  private body(code: ErrorCode, message: string, details: ErrorDetail[] = []): ErrorBody {
    return { statusCode: httpStatusOf(code), code, message, details };
  }
}

/** What the driver said, without any row data: a code, else the first line of the message. */
function outageReason(exception: unknown): string {
  if (exception instanceof ReplicaUnavailableError) return exception.message;
  const { code, message } = (exception ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  if (typeof message === 'string' && message !== '') return message.split('\n')[0];
  return 'no answer';
}

function isBodyParserError(exception: unknown): boolean {
  return (
    typeof exception === 'object' &&
    exception !== null &&
    (exception as { type?: string }).type === 'entity.parse.failed'
  );
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
