import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import {
  destination as fileDestination,
  stdSerializers,
  stdTimeFunctions,
  type DestinationStream,
  type LoggerOptions,
} from 'pino';
import type { Options } from 'pino-http';
import type { ObservabilityConfig } from '../../../config';
import type { Actor } from '../auth/actor';
import { REQUEST_ID_HEADER } from '../request-context/request-id.middleware';
import { scrubText, scrubValue } from './log-redaction';

/** Where log lines go: stdout unless a test injects a stream to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** Overrides the configured level (a test reading the log wants `info`). */
export const LOG_LEVEL_OVERRIDE = Symbol('LOG_LEVEL_OVERRIDE');

type Request = IncomingMessage & { actor?: Actor; route?: unknown };

/** The route template (`/women/:id`), never the path with its values; `-` for no route. */
export function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : '-';
}

/** The one access line per request: who called what, how it ended, how long it took. */
function accessLine(request: Request, response: ServerResponse, responseTime: number) {
  return {
    method: request.method,
    route: routeOf(request),
    status: response.statusCode,
    durationMs: responseTime,
    userId: request.actor?.userId ?? null,
    facilityId: request.actor?.facilityId ?? null,
  };
}

/**
 * Standard output written in blocks of 4 KB, at the latest a second after a line, instead of one
 * system call per request. pino flushes what is left when the process exits.
 */
function bufferedStdout(): DestinationStream {
  return fileDestination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
}

const omitted = (): undefined => undefined;

export function pinoOptions(
  config: ObservabilityConfig,
  level: string,
  destination: DestinationStream | null,
): Options {
  const base: LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    // pino-http binds the request to a child logger for every request, and would serialize it
    // (headers and all) each time; no line of this service logs a request or a response object.
    serializers: { req: omitted, res: omitted, err: stdSerializers.err },
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
    transport:
      config.prettyLogs && !destination
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
        : undefined,
  };
  return {
    ...base,
    wrapSerializers: false,
    stream: destination ?? (base.transport || level === 'silent' ? undefined : bufferedStdout()),
    // The id assignRequestId put in the response header: every line of the request carries it.
    genReqId: (request, response) => {
      const id = response.getHeader(REQUEST_ID_HEADER);
      return typeof id === 'string' ? id : '-';
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : 'info',
    customSuccessObject: (request, response, value: { durationMs?: number }) =>
      accessLine(request, response, value.durationMs ?? 0),
    customErrorObject: (request, response, _error, value: { durationMs?: number }) =>
      accessLine(request, response, value.durationMs ?? 0),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  };
}

/**
 * JSON logs through pino for the whole process; Nest's Logger writes through it too (main.ts and
 * worker.ts call useLogger), so every line of a request carries its request id.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [
        { provide: LOG_DESTINATION, useValue: null },
        { provide: LOG_LEVEL_OVERRIDE, useValue: null },
      ],
      inject: [ConfigService, LOG_DESTINATION, LOG_LEVEL_OVERRIDE],
      useFactory: (
        config: ConfigService,
        destination: DestinationStream | null,
        levelOverride: string | null,
      ) => {
        const observability = config.getOrThrow<ObservabilityConfig>('observability');
        return {
          pinoHttp: pinoOptions(
            observability,
            levelOverride ?? observability.logLevel,
            destination,
          ),
        };
      },
    }),
  ],
})
export class LoggingModule {}
