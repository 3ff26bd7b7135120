import { Param, ParseIntPipe } from '@nestjs/common';
import { fieldError } from '../errors/domain.error';

/** A numeric path id; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseIntPipe({
      exceptionFactory: () =>
        fieldError('VALIDATION_FAILED', name, 'isInt', `${name} must be a whole number`),
    }),
  );
