import { ValidationError } from 'class-validator';
import { validationDetails } from './validation';

function error(
  property: string,
  constraints: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validationDetails', () => {
  it('names nested fields with dots and array items with brackets', () => {
    const errors = [
      error('woman', {}, [error('phone', { matches: 'phone must be a number' })]),
      error('attendees', {}, [
        error('1', {}, [error('womanId', { isInt: 'womanId must be an integer' })]),
      ]),
      error('name', { isNotEmpty: 'name should not be empty', maxLength: 'too long' }),
    ];
    expect(validationDetails(errors)).toEqual([
      { field: 'woman.phone', rule: 'matches', message: 'phone must be a number' },
      { field: 'attendees[1].womanId', rule: 'isInt', message: 'womanId must be an integer' },
      { field: 'name', rule: 'isNotEmpty', message: 'name should not be empty' },
      { field: 'name', rule: 'maxLength', message: 'too long' },
    ]);
  });
});
