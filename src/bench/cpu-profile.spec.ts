import type { Profiler } from 'node:inspector';
import { inclusiveMicros } from './cpu-profile';

const node = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, scriptId: '0', lineNumber: 0, columnNumber: 0 },
  children,
});

// (root) → handle → canActivate → authenticate → check; (root) → authenticate (after an await);
// (root) → other.
const profile: Profiler.Profile = {
  nodes: [
    node(1, '(root)', '', [2, 6, 7]),
    node(2, 'handle', 'node_modules/express/router.js', [3]),
    node(3, 'canActivate', 'dist/src/core/auth/auth.guard.js', [4]),
    node(4, 'authenticate', 'dist/src/core/auth/auth.guard.js', [5]),
    node(5, 'check', 'dist/src/core/auth/sessions.service.js'),
    node(6, 'authenticate', 'dist/src/core/auth/auth.guard.js'),
    node(7, 'check', 'dist/src/other/check.js'),
  ],
  startTime: 0,
  endTime: 100,
  samples: [2, 3, 4, 5, 5, 6, 7, 1],
  timeDeltas: [10, 20, 30, 40, 50, 60, 70, 80],
};

const guard = { fileEndsWith: 'core/auth/auth.guard.js' };

describe('inclusiveMicros', () => {
  it('counts a function with all it calls, nested matches once, and its code after an await', () => {
    expect(
      inclusiveMicros(profile, [
        { name: 'canActivate', ...guard },
        { name: 'authenticate', ...guard },
      ]),
    ).toBe(20 + 30 + 40 + 50 + 60);
  });

  it('tells functions of one name apart by their file', () => {
    expect(
      inclusiveMicros(profile, [{ name: 'check', fileEndsWith: 'core/auth/sessions.service.js' }]),
    ).toBe(90);
  });

  it('counts nothing for a function never sampled', () => {
    expect(inclusiveMicros(profile, [{ name: 'verify', ...guard }])).toBe(0);
  });
});
