import { DomainError } from '../errors/domain.error';
import { prototypeKeyPaths, RejectPrototypeKeysPipe } from './prototype-keys';

describe('prototypeKeyPaths', () => {
  it.each([
    ['a plain body', '{"name":"李娜","pregnancy":{"lmp":"2026-01-01"}}', []],
    ['__proto__ at the top', '{"__proto__":{"admin":true},"name":"x"}', ['__proto__']],
    ['constructor nested', '{"woman":{"constructor":{"prototype":{}}}}', ['woman.constructor']],
    [
      'prototype in an array',
      '{"newborns":[{"sex":"F"},{"prototype":1}]}',
      ['newborns[1].prototype'],
    ],
    ['a top-level array', '[{"__proto__":1}]', ['[0].__proto__']],
    ['a value, not a key', '{"note":"__proto__ constructor"}', []],
  ])('%s', (_name, json, paths) => {
    expect(prototypeKeyPaths(JSON.parse(json))).toEqual(paths);
  });
});

describe('RejectPrototypeKeysPipe', () => {
  const pipe = new RejectPrototypeKeysPipe();

  it('refuses a body with a prototype key, naming the field', () => {
    const body = JSON.parse('{"woman":{"__proto__":{"x":1}}}') as unknown;
    expect(() => pipe.transform(body, { type: 'body' })).toThrow(DomainError);
    try {
      pipe.transform(body, { type: 'body' });
    } catch (error) {
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'woman.__proto__', rule: 'notPrototypeKey' }],
      });
    }
  });

  it('lets other bodies and path parameters through unchanged', () => {
    const body = { name: 'x' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('constructor', { type: 'param' })).toBe('constructor');
  });
});
