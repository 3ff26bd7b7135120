import { CachedSession, LocalSessions } from './local-sessions';

const live: CachedSession = {
  active: true,
  userId: 7,
  username: 'nurse.li',
  facilityId: 3,
  role: 'nurse',
};
const ended: CachedSession = { active: false };
const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

function listening(options = { maxEntries: 100, liveForMs: 60_000 }): LocalSessions {
  const sessions = new LocalSessions(options);
  sessions.resume();
  return sessions;
}

describe('LocalSessions', () => {
  it('trusts a live session for the live period, not beyond', () => {
    const sessions = listening();
    sessions.store('a', live, NOW + HOUR, sessions.generation(), NOW);
    expect(sessions.get('a', NOW + 59_999)).toEqual(live);
    expect(sessions.get('a', NOW + 60_000)).toBeUndefined();
  });

  it('never trusts a live session past its expiry', () => {
    const sessions = listening();
    sessions.store('a', live, NOW + 1_000, sessions.generation(), NOW);
    expect(sessions.get('a', NOW + 999)).toEqual(live);
    expect(sessions.get('a', NOW + 1_000)).toBeUndefined();
  });

  it('keeps an ended session ended until its expiry', () => {
    const sessions = listening();
    sessions.store('a', ended, NOW + HOUR, sessions.generation(), NOW);
    expect(sessions.get('a', NOW + HOUR - 1)).toEqual(ended);
  });

  it('keeps nothing already expired', () => {
    const sessions = listening();
    sessions.store('a', live, NOW, sessions.generation(), NOW);
    expect(sessions.size).toBe(0);
  });

  it('forgets an ended session at once', () => {
    const sessions = listening();
    sessions.store('a', live, NOW + HOUR, sessions.generation(), NOW);
    sessions.store('b', live, NOW + HOUR, sessions.generation(), NOW);
    sessions.forget(['a']);
    expect(sessions.get('a', NOW)).toBeUndefined();
    expect(sessions.get('b', NOW)).toEqual(live);
  });

  it('does not keep a session read before an ending was heard', () => {
    const sessions = listening();
    const before = sessions.generation();
    sessions.forget(['a']);
    sessions.store('a', live, NOW + HOUR, before, NOW);
    expect(sessions.get('a', NOW)).toBeUndefined();
    sessions.store('a', live, NOW + HOUR, sessions.generation(), NOW);
    expect(sessions.get('a', NOW)).toEqual(live);
  });

  it('keeps nothing until it listens, and empties itself when it stops', () => {
    const sessions = new LocalSessions({ maxEntries: 100, liveForMs: 60_000 });
    sessions.store('a', live, NOW + HOUR, sessions.generation(), NOW);
    expect(sessions.size).toBe(0);
    sessions.resume();
    sessions.store('a', live, NOW + HOUR, sessions.generation(), NOW);
    expect(sessions.size).toBe(1);
    const during = sessions.generation();
    sessions.suspend();
    expect(sessions.size).toBe(0);
    sessions.resume();
    // A read that began before the subscription dropped may have missed an ending.
    sessions.store('a', live, NOW + HOUR, during, NOW);
    expect(sessions.size).toBe(0);
  });

  it('forgets the oldest session beyond its capacity', () => {
    const sessions = listening({ maxEntries: 2, liveForMs: 60_000 });
    for (const id of ['a', 'b', 'c']) {
      sessions.store(id, live, NOW + HOUR, sessions.generation(), NOW);
    }
    expect(sessions.get('a', NOW)).toBeUndefined();
    expect(sessions.get('b', NOW)).toEqual(live);
    expect(sessions.get('c', NOW)).toEqual(live);
  });
});
