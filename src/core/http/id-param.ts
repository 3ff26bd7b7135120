import { Param, type PipeTransform } from '@nestjs/common';
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

/** A numeric path id; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(name, { transform: (value: unknown) => parseId(name, value) } satisfies PipeTransform);
