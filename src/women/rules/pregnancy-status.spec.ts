import {
  canTransition,
  isTerminal,
  PREGNANCY_STATUSES,
  PregnancyStatus,
  reopenedStatus,
} from './pregnancy-status';

const ALLOWED: [PregnancyStatus, PregnancyStatus][] = [
  ['open', 'delivered'],
  ['open', 'ended'],
  ['open', 'transferred_out'],
  ['open', 'lost_to_follow_up'],
  ['open', 'maternal_death'],
  ['delivered', 'closed'],
  ['delivered', 'transferred_out'],
  ['delivered', 'lost_to_follow_up'],
  ['delivered', 'maternal_death'],
  // A death is recorded from any state but death itself.
  ['closed', 'maternal_death'],
  ['ended', 'maternal_death'],
  ['transferred_out', 'maternal_death'],
  ['lost_to_follow_up', 'maternal_death'],
];

const allPairs = PREGNANCY_STATUSES.flatMap((from) =>
  PREGNANCY_STATUSES.map((to) => [from, to] as [PregnancyStatus, PregnancyStatus]),
);
const isAllowed = (from: PregnancyStatus, to: PregnancyStatus) =>
  ALLOWED.some(([a, b]) => a === from && b === to);

describe('pregnancy status machine', () => {
  it.each(allPairs.filter(([from, to]) => isAllowed(from, to)))(
    '%s → %s is allowed',
    (from, to) => {
      expect(canTransition(from, to)).toBe(true);
    },
  );

  it.each(allPairs.filter(([from, to]) => !isAllowed(from, to)))(
    '%s → %s is refused',
    (from, to) => {
      expect(canTransition(from, to)).toBe(false);
    },
  );

  it.each([
    ['open', false],
    ['delivered', false],
    ['closed', true],
    ['ended', true],
    ['transferred_out', true],
    ['lost_to_follow_up', true],
    ['maternal_death', true],
  ] as [PregnancyStatus, boolean][])('%s terminal: %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });
});

describe('reopening', () => {
  it.each([
    ['transferred_out', null, 'open'],
    ['transferred_out', '2026-10-01', 'delivered'],
    ['lost_to_follow_up', null, 'open'],
    ['lost_to_follow_up', '2026-10-01', 'delivered'],
    ['open', null, null],
    ['delivered', '2026-10-01', null],
    ['closed', '2026-10-01', null],
    ['ended', '2026-10-01', null],
    ['maternal_death', '2026-10-01', null],
  ] as [PregnancyStatus, string | null, string | null][])(
    '%s with outcome %s reopens to %s',
    (status, outcomeDate, reopened) => {
      expect(reopenedStatus({ status, outcomeDate })).toBe(reopened);
    },
  );
});
