import { ToNumber } from './validators';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min, ValidateIf } from 'class-validator';

/** Why a record is corrected or voided: required, kept on the audit row. */
export const CorrectionReason = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: '录入错误，按产房记录更正',
      description: 'Why, kept in the audit trail',
    }),
    IsString(),
    IsNotEmpty(),
    MaxLength(500),
  );

/**
 * `reason` required as soon as the body corrects one of `fields` (what was recorded at the
 * event); other changes (a later discharge, say) need none.
 */
export const CorrectionReasonWhen = (fields: readonly string[]): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      required: false,
      example: '录入错误，按产房记录更正',
      description: `Required when correcting ${fields.join(', ')}; kept in the audit trail`,
    }),
    ValidateIf(
      (body: Record<string, unknown>) =>
        body.reason !== undefined || fields.some((field) => body[field] !== undefined),
    ),
    IsString(),
    IsNotEmpty(),
    MaxLength(500),
  );

/** `POST …/void`: the record stays, flagged, and leaves every count. */
export class VoidDto {
  @ApiProperty({ description: "The record's version (optimistic locking)" })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @CorrectionReason()
  reason: string;
}

/** Optional, but never null: a correction cannot blank a field that is always recorded. */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_body: unknown, value: unknown) => value !== undefined);

/**
 * For `PartialType(…, NULL_REFUSED)`: an absent field is left unchanged, but `null` is validated
 * like any value, so a field the base class requires (a NOT NULL column) refuses it with a 400
 * naming it; a field the base class already declares optional and nullable still takes null.
 */
export const NULL_REFUSED = { skipNullProperties: false } as const;

/** The fields a request body actually carries: a DTO instance may hold undefined ones. */
export function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
