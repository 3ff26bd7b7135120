import { type ArgumentMetadata, Param, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../errors/domain.error';

/** Ids are INT columns starting at 1. */
const MAX_ID = 2_147_483_647;
const PLAIN_ID = /^[1-9][0-9]{0,9}$/;

/**
 * A path id is plain decimal digits and nothing else: not `1e3`, `0x10`, ` 1`, `-1` or `1.0`,
 * which Number() and ParseIntPipe would read as numbers.
 */
export function parseId(name: string, value: unknown): number {
  const id = typeof value === 'string' && PLAIN_ID.test(value) ? Number(value) : NaN;
  if (!(id <= MAX_ID)) {
    throw fieldError('VALIDATION_FAILED', name, 'isInt', `${name} must be a positive whole number`);
  }
  return id;
}

/**
 * Global, before the ValidationPipe (which turns a path parameter declared as a number into one
 * with `+value`, so `1e3` would become 1000): every numeric path parameter, `:id`, `:facilityId`
 * and any other, is read with parseId().
 */
export class NumericPathParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || metadata.metatype !== Number || !metadata.data) return value;
    return parseId(metadata.data, value);
  }
}

/** A numeric path id (read by NumericPathParamsPipe); anything else is a 400 naming it. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name);
