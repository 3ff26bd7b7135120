import { DomainError } from '../errors/domain.error';
import { NumericPathParamsPipe, parseId } from './id-param';

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['12', 12],
    ['2147483647', 2_147_483_647],
  ])('reads %j as %d', (value, id) => {
    expect(parseId('id', value)).toBe(id);
  });

  it.each(['1e3', '0x10', ' 1', '1 ', '-1', '+1', '1.0', '0', '012', '', '2147483648', '１２'])(
    'refuses %j with a 400 naming the parameter',
    (value) => {
      let error: unknown;
      try {
        parseId('facilityId', value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'facilityId', rule: 'isInt' }],
      });
    },
  );
});

describe('NumericPathParamsPipe', () => {
  const pipe = new NumericPathParamsPipe();

  it('reads numeric path parameters strictly and leaves everything else alone', () => {
    expect(pipe.transform('12', { type: 'param', metatype: Number, data: 'id' })).toBe(12);
    expect(() => pipe.transform('1e3', { type: 'param', metatype: Number, data: 'id' })).toThrow(
      DomainError,
    );
    expect(pipe.transform('PM-01', { type: 'param', metatype: String, data: 'code' })).toBe(
      'PM-01',
    );
    expect(pipe.transform('1e3', { type: 'query', metatype: Number, data: 'page' })).toBe('1e3');
  });
});
