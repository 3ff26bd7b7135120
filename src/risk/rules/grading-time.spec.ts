import { gradingTime } from './grading-time';

// 10:00 in Shanghai on 2026-11-20.
const now = new Date('2026-11-20T02:00:00.000Z');
const zone = 'Asia/Shanghai';

describe('gradingTime', () => {
  it('defaults to now, today', () => {
    expect(gradingTime({}, now, zone)).toEqual({
      assessedAt: now,
      assessedOn: '2026-11-20',
      problems: [],
    });
  });

  it.each([
    ['now itself is allowed', now, true],
    ['1 ms after now is refused', new Date(now.getTime() + 1), false],
    ['last night 23:00 is allowed', new Date('2026-11-19T15:00:00.000Z'), true],
  ])('assessedAt: %s', (_label, assessedAt, accepted) => {
    const result = gradingTime({ assessedAt }, now, zone);
    if (accepted) {
      expect(result).toMatchObject({ assessedAt, problems: [] });
    } else {
      expect(result.problems).toEqual([
        expect.objectContaining({ field: 'assessedAt', rule: 'notFuture' }),
      ]);
    }
  });

  it('takes the hospital day of assessedAt as assessedOn', () => {
    // 23:30 on the 19th in Shanghai is 15:30 UTC on the 19th.
    expect(
      gradingTime({ assessedAt: new Date('2026-11-19T15:30:00.000Z') }, now, zone).assessedOn,
    ).toBe('2026-11-19');
    // 00:30 on the 20th in Shanghai is 16:30 UTC on the 19th.
    expect(
      gradingTime({ assessedAt: new Date('2026-11-19T16:30:00.000Z') }, now, zone).assessedOn,
    ).toBe('2026-11-20');
  });

  it('refuses an assessedOn that is not the day of assessedAt', () => {
    const result = gradingTime(
      { assessedAt: new Date('2026-11-19T15:30:00.000Z'), assessedOn: '2026-11-20' },
      now,
      zone,
    );
    expect(result.problems).toEqual([
      expect.objectContaining({ field: 'assessedOn', rule: 'matchesAssessedAt' }),
    ]);
  });

  it.each([
    ['today: now', '2026-11-20', now],
    ['yesterday: its last instant', '2026-11-19', new Date('2026-11-19T15:59:59.999Z')],
  ])('a day alone, %s', (_label, assessedOn, expected) => {
    expect(gradingTime({ assessedOn }, now, zone)).toEqual({
      assessedAt: expected,
      assessedOn,
      problems: [],
    });
  });

  it('refuses a day after today', () => {
    expect(gradingTime({ assessedOn: '2026-11-21' }, now, zone).problems).toEqual([
      expect.objectContaining({ field: 'assessedOn', rule: 'notFuture' }),
    ]);
  });
});
