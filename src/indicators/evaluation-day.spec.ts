import {
  cohortEvaluations,
  evaluationAt,
  SETTLES_AFTER_DAYS,
  settlesOn,
  valueAsOf,
} from './evaluation-day';
import { parsePeriod } from './periods';

const ZONE = 'Asia/Shanghai';
const MARCH = parsePeriod('2026-03');

describe('settlesOn', () => {
  it.each([
    ['FA-01', '2026-06-30'], // 31 March + 91 days
    ['FA-02', '2026-06-30'],
    ['RK-01', '2026-04-07'], // the 7-day screening window of a registration on 31 March
    ['RK-03', '2026-04-03'], // the 72-hour ORANGE deadline of a grading late on 31 March
    ['BF-01', '2026-03-31'], // no rule reads the day: settles when the period ends
  ])('%s of March 2026 settles on %s', (code, day) => {
    expect(settlesOn(code, MARCH)).toBe(day);
  });

  it('gives a grace only to the rules that read today or now', () => {
    expect(Object.keys(SETTLES_AFTER_DAYS).sort()).toEqual(['FA-01', 'FA-02', 'RK-01', 'RK-03']);
  });

  it('counts the grace from the last day of any kind of period', () => {
    expect(settlesOn('RK-03', parsePeriod('SY2026'))).toBe('2026-10-03');
    expect(settlesOn('RK-01', parsePeriod('2026-Q4'))).toBe('2027-01-07');
  });
});

describe('evaluationAt (hospital zone UTC+8)', () => {
  // 3 April 2026 ends at 2026-04-03T16:00:00Z.
  it.each([
    ['2026-04-03T15:59:59.999Z', '2026-04-03', '2026-04-03T15:59:59.999Z', false],
    ['2026-04-03T16:00:00.000Z', '2026-04-03', '2026-04-03T16:00:00.000Z', true],
    ['2026-05-20T08:00:00.000Z', '2026-04-03', '2026-04-03T16:00:00.000Z', true],
    ['2026-04-01T02:00:00.000Z', '2026-04-01', '2026-04-01T02:00:00.000Z', false],
    // 31 March 17:00 UTC is already 1 April at the hospital.
    ['2026-03-31T17:00:00.000Z', '2026-04-01', '2026-03-31T17:00:00.000Z', false],
  ])('computed at %s: as of %s, %s (settled %s)', (now, on, at, settled) => {
    expect(evaluationAt('2026-04-03', new Date(now), ZONE)).toEqual({
      on,
      at: new Date(at),
      settled,
    });
  });
});

describe('cohortEvaluations', () => {
  it('evaluates each cohort as of the latest settling day of its indicators', () => {
    const evaluations = cohortEvaluations(MARCH, new Date('2026-12-01T00:00:00Z'), ZONE);
    expect(evaluations.registrations.on).toBe('2026-06-30'); // FA-02 beside RK-01
    expect(evaluations.orange_red_gradings.on).toBe('2026-04-03');
    expect(evaluations.live_births.on).toBe('2026-03-31');
    expect(Object.values(evaluations).every((e) => e.settled)).toBe(true);
  });
});

describe('valueAsOf', () => {
  it.each([
    ['RK-01', '2026-04-07T15:59:59.999Z', '2026-04-07', true],
    ['RK-01', '2026-04-07T16:00:00.000Z', '2026-04-07', false],
    ['RK-01', '2026-06-01T00:00:00.000Z', '2026-04-07', false],
    ['BF-01', '2026-03-20T00:00:00.000Z', '2026-03-20', true],
    ['BF-01', '2026-03-31T16:00:00.000Z', '2026-03-31', false],
  ])('%s computed at %s is as of %s, provisional %s', (code, at, asOf, provisional) => {
    expect(valueAsOf(code, MARCH, new Date(at), ZONE)).toEqual({ asOf, provisional });
  });
});
