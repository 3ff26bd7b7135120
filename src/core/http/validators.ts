import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../time/calendar-date';
import { parseOffsetInstant } from '../time/instants';

/** A region code (统计用区划代码) to the level known: 6, 9 or 12 digits (县, 乡镇/街道, 村/社区). */
export const REGION_CODE = /^\d{6}(?:\d{3}(?:\d{3})?)?$/;
export const REGION_CODE_MESSAGE = 'must be a region code of 6, 9 or 12 digits';

/** A real calendar date written YYYY-MM-DD (2023-02-29 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a real calendar date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/**
 * Must be `true` whenever the body meets a condition (an escort for a critical referral); any
 * boolean otherwise. Pair it with `@IsBoolean()` under the same condition or presence.
 */
export function IsTrueWhen<T>(
  rule: string,
  when: (body: T) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: rule,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args) => !when(args!.object as T) || value === true,
      },
    });
}

export const INSTANT_MESSAGE =
  '$property must be an ISO 8601 date-time with its UTC offset, Z or ±hh:mm (e.g. 2026-09-30T20:00:00+08:00)';

/**
 * An instant (body or query string) written with its offset, turned into a Date. A naive
 * 2026-09-30T20:00:00 is refused rather than read in the server's zone. A Date object (only
 * possible in-process, e.g. the demo seed) is an instant already.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  const toDate = Transform(
    ({ value }: { value: unknown }) =>
      typeof value === 'string' ? (parseOffsetInstant(value) ?? value) : value,
    { toClassOnly: true },
  );
  return (target, propertyName) => {
    toDate(target, propertyName);
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: INSTANT_MESSAGE, ...options },
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
      },
    });
  };
}

/** Query-string booleans: "true"/"1" and "false"/"0"; anything else fails @IsBoolean. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });

const numberFromText = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/**
 * A number field that may arrive as text (a query string): a non-blank string becomes a number,
 * anything else is left for the validators to refuse. Unlike `@Type(() => Number)`, which calls
 * Number() on whatever comes (an object whose `toString` is not a function throws), it never
 * throws; an array is converted element by element (`{ each: true }` rules).
 */
export const ToNumber = (): PropertyDecorator =>
  Transform(
    ({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map(numberFromText) : numberFromText(value),
    { toClassOnly: true },
  );

/**
 * A finite number with at most `places` decimals (a weight of 3.5 kg, a temperature of 37.2).
 * class-validator's `IsNumber({ maxDecimalPlaces })` reads the decimals from the text of the
 * number and throws on one written with an exponent (1e-7); this compares the number with its
 * own rounding instead. Same rule name, `isNumber`.
 */
export function IsNumberWithDecimals(
  places: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be a number conforming to the specified constraints',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          Number(value.toFixed(places)) === value,
      },
    });
}
