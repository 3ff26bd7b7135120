import { pendingAfter } from './indicator-staleness.service';

describe('pendingAfter: audit ids looked for again', () => {
  const since = '2026-12-01T08:00:00.000Z';
  const at = (iso: string) => new Date(iso);

  it('keeps an id not there yet until an hour after it was first missed, not at the hour', () => {
    const pending = [{ id: '41', since }];
    expect(pendingAfter(pending, [], [], at('2026-12-01T08:59:59.999Z'))).toEqual(pending);
    expect(pendingAfter(pending, [], [], at('2026-12-01T09:00:00.000Z'))).toEqual([]);
  });

  it('drops an id once its row is there, and adds the ones missed now, from now', () => {
    const now = at('2026-12-01T08:10:00.000Z');
    expect(
      pendingAfter(
        [
          { id: '41', since },
          { id: '43', since },
        ],
        ['41'],
        ['57', '58'],
        now,
      ),
    ).toEqual([
      { id: '43', since },
      { id: '57', since: now.toISOString() },
      { id: '58', since: now.toISOString() },
    ]);
  });
});
