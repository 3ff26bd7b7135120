import { changedFields, diffOf, pick } from './audit-diff';

describe('changedFields', () => {
  it.each([
    ['nothing changed', { a: 1, b: 'x' }, { a: 1, b: 'x' }, {}, {}],
    ['one field changed', { a: 1, b: 'x' }, { a: 2, b: 'x' }, { a: 1 }, { a: 2 }],
    ['null to value', { a: null }, { a: '2026-01-01' }, { a: null }, { a: '2026-01-01' }],
    ['value to null', { a: 3 }, { a: null }, { a: 3 }, { a: null }],
    [
      'same instant as Date and string',
      { a: new Date('2026-01-01T00:00:00Z') },
      { a: '2026-01-01T00:00:00.000Z' },
      {},
      {},
    ],
  ])('%s', (_name, before, after, expectedBefore, expectedAfter) => {
    expect(changedFields(before, after)).toEqual({ before: expectedBefore, after: expectedAfter });
  });
});

describe('pick', () => {
  it('takes the named keys and turns undefined into null', () => {
    expect(pick({ a: 1, b: undefined, c: 3 }, ['a', 'b'])).toEqual({
      a: 1,
      b: null,
    });
  });
});

describe('diffOf', () => {
  it('keeps only audited fields that change', () => {
    const current = { a: 1, b: 'x', secret: 's' };
    expect(diffOf(current, { a: 2, b: 'x', secret: 't' }, ['a', 'b'])).toEqual({
      before: { a: 1 },
      after: { a: 2 },
    });
  });
});
