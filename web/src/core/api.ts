import createClient from 'openapi-fetch';
import type { components, paths } from './api-types';
import { errorMessage } from './messages';
import { session } from './session';

export type Schemas = components['schemas'];

export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/** A refused or failed call, with the service's error shape and a message in Chinese. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The one client of the service's API: its paths and bodies are typed from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // Revoked, expired or signed out elsewhere: back to the login, which returns her here.
    if (response.status === 401 && session.token()) session.end('expired');
    return response;
  },
});

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiFailure: a 4xx with its code and fields, offline, or a 5xx. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, 'OFFLINE', errorMessage('OFFLINE'));
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as { code?: string; message?: string; details?: ErrorDetail[] };
  const code = body.code ?? (result.response.status >= 500 ? 'SERVER_ERROR' : 'REQUEST_FAILED');
  throw new ApiFailure(
    result.response.status,
    code,
    errorMessage(code, body.message, body.details),
    body.details ?? [],
  );
}

/** What to tell her about a failed call: the service's reason in Chinese, else the fallback. */
export function failureMessage(error: unknown, fallback?: string): string {
  if (error instanceof ApiFailure) return error.message;
  return fallback ?? String(error);
}
