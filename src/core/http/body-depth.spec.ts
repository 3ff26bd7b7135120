import { jsonDepthExceeds } from './body-depth';

describe('jsonDepthExceeds', () => {
  const depth = (text: string, limit: number) => jsonDepthExceeds(Buffer.from(text), limit);

  it('counts objects and arrays, not brackets inside strings', () => {
    expect(depth('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(depth('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(depth('{"note":"[[[[{{{{\\"[[["}', 1)).toBe(false);
  });

  it('stops at the limit on a body nested thousands of levels', () => {
    expect(depth(`${'['.repeat(5000)}${']'.repeat(5000)}`, 32)).toBe(true);
    expect(depth(`${'{"a":'.repeat(32)}1${'}'.repeat(32)}`, 32)).toBe(false);
  });
});
