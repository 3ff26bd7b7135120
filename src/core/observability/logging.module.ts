import { Global, Inject, Injectable, type LoggerService, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  destination as fileDestination,
  type DestinationStream,
  type Level,
  type Logger,
  type LoggerOptions,
  pino,
  stdSerializers,
  stdTimeFunctions,
  symbols,
} from 'pino';
import type { ObservabilityConfig } from '../../../config';
import type { Actor } from '../auth/actor';
import { currentRequestContext } from '../request-context/request-context';
import { REQUEST_ID_HEADER } from '../request-context/request-id.middleware';
import { scrubText, scrubValue } from './log-redaction';

/** Where log lines go: stdout unless a test injects a stream to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** Overrides the configured level (a test reading the log wants `info`). */
export const LOG_LEVEL_OVERRIDE = Symbol('LOG_LEVEL_OVERRIDE');
/** The process's pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

type Request = IncomingMessage & { actor?: Actor; route?: unknown; baseUrl?: string };

/**
 * The route template (`/women/:id`), never the path with its values; `-` for no route. A route
 * kept in its first segment's router (SegmentRoutingAdapter) has its path below that segment.
 */
export function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return '-';
  const base = request.baseUrl ?? '';
  return base && path === '/' ? base : `${base}${path}`;
}

/**
 * The one access line of a request: who called what, how it ended, how long it took. Written
 * when the response has gone (or the connection closed before it could).
 *
 * Every request writes one, so it goes to the logger's destination as pino would have written it,
 * without pino's per-line mixin, hooks and scrubbing walk: its fields are known and hold no
 * secret, but for the request id, which the caller may choose, and which is scrubbed.
 */
export function logAccess(
  logger: Logger,
  request: Request,
  response: ServerResponse,
  route: string,
  durationMs: number,
): void {
  const failed = !response.writableFinished || response.statusCode >= 500;
  const level: Level = failed ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const requestId = response.getHeader(REQUEST_ID_HEADER);
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    pid: process.pid,
    requestId: typeof requestId === 'string' ? scrubText(requestId) : '-',
    method: request.method,
    route,
    status: response.statusCode,
    durationMs,
    userId: request.actor?.userId ?? null,
    facilityId: request.actor?.facilityId ?? null,
    msg: failed ? 'request failed' : 'request completed',
  });
  const destination = (logger as unknown as Record<symbol, DestinationStream>)[symbols.streamSym];
  destination.write(`${line}\n`);
}

/**
 * Standard output written in blocks of 4 KB, at the latest a second after a line, instead of one
 * system call per request. pino flushes what is left when the process exits.
 */
function bufferedStdout(): DestinationStream {
  return fileDestination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
}

export function loggerOptions(config: ObservabilityConfig, level: string): LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    serializers: { err: stdSerializers.err },
    // A line written while a request runs carries its id (the access line brings its own).
    mixin: () => {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId } : {};
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
}

/** The process's logger: JSON lines (pino-pretty in development) unless a test reads them. */
export function createRootLogger(
  config: ObservabilityConfig,
  level: string,
  destination: DestinationStream | null,
): Logger {
  const options = loggerOptions(config, level);
  if (destination) return pino(options, destination);
  if (config.prettyLogs) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
      },
    });
  }
  return level === 'silent' ? pino(options) : pino(options, bufferedStdout());
}

const NEST_LEVELS = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
} as const satisfies Record<string, Level>;

/**
 * Nest's logger interface over the root logger (main.ts and worker.ts call useLogger): a trailing
 * string is the context (the class or area logging), a string before it in `error` the stack.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: keyof typeof NEST_LEVELS, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (typeof rest.at(-1) === 'string') fields.context = rest.pop();
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    const log = this.logger[NEST_LEVELS[level]].bind(this.logger);
    if (message instanceof Error) log({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) log({ ...fields, ...message });
    else log(fields, String(message));
  }
}

/**
 * JSON logs through pino for the whole process. Every line written while a request runs carries
 * its request id; the HTTP app writes one access line per request (observability.module.ts).
 */
@Global()
@Module({
  providers: [
    { provide: LOG_DESTINATION, useValue: null },
    { provide: LOG_LEVEL_OVERRIDE, useValue: null },
    {
      provide: ROOT_LOGGER,
      inject: [ConfigService, LOG_DESTINATION, LOG_LEVEL_OVERRIDE],
      useFactory: (
        config: ConfigService,
        destination: DestinationStream | null,
        levelOverride: string | null,
      ) => {
        const observability = config.getOrThrow<ObservabilityConfig>('observability');
        return createRootLogger(
          observability,
          levelOverride ?? observability.logLevel,
          destination,
        );
      },
    },
    AppLogger,
  ],
  exports: [ROOT_LOGGER, AppLogger],
})
export class LoggingModule {}
