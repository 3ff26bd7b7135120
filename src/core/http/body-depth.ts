import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** No request body of this service nests deeper than a handful of levels. */
export const MAX_BODY_DEPTH = 32;

/**
 * How deeply a JSON text nests objects and arrays, counted on the raw bytes (brackets inside
 * strings ignored), stopping as soon as `limit` is passed: a body nested thousands of levels
 * never reaches JSON.parse, the prototype-key check or class-transformer, which all recurse.
 */
export function jsonDepthExceeds(raw: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

function refuseDeepBodies(_request: IncomingMessage, _response: ServerResponse, raw: Buffer): void {
  if (!jsonDepthExceeds(raw, MAX_BODY_DEPTH)) return;
  // body-parser hands Nest an error with the status given here; the error filter answers
  // 400 MALFORMED_REQUEST with this message.
  throw Object.assign(new Error(`The request body nests deeper than ${MAX_BODY_DEPTH} levels`), {
    status: 400,
    type: 'entity.too.deep',
  });
}

/** The JSON body parser, registered before Nest's default one, with the depth check before parsing. */
export function useJsonBodyWithDepthLimit(app: INestApplication): void {
  (app as unknown as { useBodyParser(type: 'json', options: object): void }).useBodyParser('json', {
    verify: refuseDeepBodies,
  });
}
