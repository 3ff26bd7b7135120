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
