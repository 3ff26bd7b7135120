import { ErrorCode } from './error-codes';

export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/** A failure the API reports to the caller with a stable code (see ERROR_HTTP_STATUS). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fieldError(
  code: ErrorCode,
  field: string,
  rule: string,
  message: string,
): DomainError {
  return new DomainError(code, message, [{ field, rule, message }]);
}

/** Too many attempts: answered 429 with a Retry-After header of whole seconds. */
export class RateLimitedError extends DomainError {
  constructor(
    code: 'TOO_MANY_REQUESTS' | 'LOGIN_LOCKED',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
    this.name = 'RateLimitedError';
  }
}
