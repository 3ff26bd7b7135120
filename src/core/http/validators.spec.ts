import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DomainError } from '../errors/domain.error';
import { createValidationPipe } from './validation';
import { PageQueryDto } from './pagination';
import { IsCalendarDate, IsInstant, IsNumberWithDecimals, ToNumber } from './validators';

class VisitDto {
  @IsInstant()
  startsAt: Date;

  @IsOptional()
  @IsInstant()
  endsAt?: Date;

  @IsOptional()
  @IsCalendarDate()
  day?: string;
}

class VisitsDto {
  @ValidateNested({ each: true })
  @Type(() => VisitDto)
  visits: VisitDto[];
}

class CountDto {
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10)
  count: number;

  @IsOptional()
  @ToNumber()
  @IsInt({ each: true })
  ids?: number[];
}

class WeightDto {
  @IsNumberWithDecimals(1)
  kg: number;
}

const pipe = createValidationPipe();

async function details(metatype: new () => object, value: unknown) {
  try {
    await pipe.transform(value, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof DomainError) return error.details;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('IsInstant', () => {
  it.each([
    ['+08:00', '2026-09-30T20:00:00+08:00', '2026-09-30T12:00:00.000Z'],
    ['-05:30', '2026-09-30T20:00:00-05:30', '2026-10-01T01:30:00.000Z'],
    ['Z', '2026-09-30T20:00:00Z', '2026-09-30T20:00:00.000Z'],
    ['lower-case z', '2026-09-30T20:00:00z', '2026-09-30T20:00:00.000Z'],
    ['a fraction', '2026-09-30T20:00:00.250+08:00', '2026-09-30T12:00:00.250Z'],
  ])('takes an offset of %s and gives a Date', async (_what, startsAt, utc) => {
    const dto = (await pipe.transform(
      { startsAt },
      { type: 'body', metatype: VisitDto },
    )) as VisitDto;
    expect(dto.startsAt).toBeInstanceOf(Date);
    expect(dto.startsAt.toISOString()).toBe(utc);
  });

  it('takes a Date object as it is (the in-process seed)', async () => {
    const at = new Date('2026-09-30T12:00:00Z');
    const dto = (await pipe.transform(
      { startsAt: at },
      { type: 'body', metatype: VisitDto },
    )) as VisitDto;
    expect(dto.startsAt.toISOString()).toBe(at.toISOString());
  });

  it.each([
    ['naive', '2026-09-30T20:00:00'],
    ['a plain date', '2026-09-30'],
    ['an offset of +24:00', '2026-09-30T20:00:00+24:00'],
    ['an offset without a colon', '2026-09-30T20:00:00+0800'],
    ['a number', 1790000000000],
    ['null', null],
  ])('refuses %s, naming the field and the rule', async (_what, startsAt) => {
    expect(await details(VisitDto, { startsAt })).toEqual([
      {
        field: 'startsAt',
        rule: 'isInstant',
        message:
          'startsAt must be an ISO 8601 date-time with its UTC offset, Z or ±hh:mm (e.g. 2026-09-30T20:00:00+08:00)',
      },
    ]);
  });

  it('names a nested field by its path', async () => {
    const found = await details(VisitsDto, {
      visits: [{ startsAt: '2026-09-30T20:00:00Z' }, { startsAt: '2026-09-30T20:00:00' }],
    });
    expect(found).toEqual([
      expect.objectContaining({ field: 'visits[1].startsAt', rule: 'isInstant' }),
    ]);
  });

  it('leaves plain dates to IsCalendarDate: a date-time is not a date', async () => {
    const dto = (await pipe.transform(
      { startsAt: '2026-09-30T20:00:00Z', day: '2026-09-30' },
      { type: 'body', metatype: VisitDto },
    )) as VisitDto;
    expect(dto.day).toBe('2026-09-30');
    expect(
      await details(VisitDto, { startsAt: '2026-09-30T20:00:00Z', day: '2026-09-30T20:00:00Z' }),
    ).toEqual([expect.objectContaining({ field: 'day', rule: 'isCalendarDate' })]);
  });

  it('lets an optional instant be left out, and refuses an optional naive one', async () => {
    await expect(
      pipe.transform({ startsAt: '2026-09-30T20:00:00Z' }, { type: 'body', metatype: VisitDto }),
    ).resolves.toBeInstanceOf(VisitDto);
    expect(
      await details(VisitDto, { startsAt: '2026-09-30T20:00:00Z', endsAt: '2026-09-30T21:00:00' }),
    ).toEqual([expect.objectContaining({ field: 'endsAt', rule: 'isInstant' })]);
  });
});

describe('ToNumber', () => {
  it('reads numbers written as text, one by one in an array', async () => {
    const dto = (await pipe.transform(
      { count: '7', ids: ['1', 2] },
      { type: 'body', metatype: CountDto },
    )) as CountDto;
    expect(dto).toMatchObject({ count: 7, ids: [1, 2] });
  });

  it.each([
    ['an object with a toString key', { toString: 'x', valueOf: 'y' }],
    ['an object with a valueOf key', { valueOf: 1 }],
    ['an array', [1]],
    ['a blank string', ' '],
    ['a boolean', true],
    ['null', null],
  ])('refuses %s with a 400 naming the field, never throwing', async (_what, count) => {
    expect(await details(CountDto, { count })).toContainEqual(
      expect.objectContaining({ field: 'count', rule: 'isInt' }),
    );
  });
});

describe('PageQueryDto', () => {
  it('refuses a page beyond any list (OFFSET Infinity)', async () => {
    expect(await details(PageQueryDto, { page: '1e308' })).toContainEqual(
      expect.objectContaining({ field: 'page', rule: 'max' }),
    );
  });
});

describe('IsNumberWithDecimals', () => {
  it.each([3.5, 60, 0, -1.2])('takes %d', async (kg) => {
    expect(await pipe.transform({ kg }, { type: 'body', metatype: WeightDto })).toEqual({ kg });
  });

  it.each([3.55, 1e-7, 9e-323, '3.5', null])(
    'refuses %p as isNumber, never throwing',
    async (kg) => {
      expect(await details(WeightDto, { kg })).toContainEqual(
        expect.objectContaining({ field: 'kg', rule: 'isNumber' }),
      );
    },
  );
});
