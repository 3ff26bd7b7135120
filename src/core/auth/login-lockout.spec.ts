import { lockoutSubject, locksAfter, retryAfterSeconds } from './login-lockout';

describe('login lockout arithmetic', () => {
  it.each([
    [4, 5, false],
    [5, 5, true],
    [6, 5, true],
    [1, 1, true],
    [0, 1, false],
  ])('%i failures with a maximum of %i lock: %s', (failures, max, locked) => {
    expect(locksAfter(failures, max)).toBe(locked);
  });

  it.each([
    [900_000, 900],
    [899_001, 900],
    [899_000, 899],
    [1, 1],
    [0, 1],
  ])('announces a wait of %i ms as Retry-After %i s', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });

  it('counts a known user by id and an unknown name by its lower-case text', () => {
    expect(lockoutSubject(12, 'Nurse.F1')).toBe('user:12');
    expect(lockoutSubject(undefined, ' Nobody.Here ')).toBe('name:nobody.here');
  });
});
