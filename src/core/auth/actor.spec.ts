import { roleMayCall } from './actor';

describe('roleMayCall', () => {
  it.each([
    ['nurse', undefined, true],
    ['admin', undefined, true],
    ['system_admin', undefined, false],
    ['nurse', ['nurse', 'mch_staff'], true],
    ['admin', ['nurse', 'mch_staff'], false],
    ['system_admin', ['admin'], false],
    ['system_admin', ['admin', 'system_admin'], true],
  ] as const)('%s on a route allowing %j: %s', (role, allowed, may) => {
    expect(roleMayCall(role, allowed)).toBe(may);
  });
});
