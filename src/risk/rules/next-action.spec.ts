import { CaseFacts, nextAction } from './next-action';

const NOW = new Date('2026-11-22T04:00:00Z');
const TODAY = '2026-11-22';
const settled: CaseFacts = {
  unsentReportDueTimes: [],
  referralFollowUpDueDates: [],
  responsibleClinicianId: 7,
  plan: '每2周产检',
};

describe('nextAction', () => {
  it.each<[string, Partial<CaseFacts>, string, string | null]>([
    ['nothing pending', {}, 'follow_up', null],
    ['no plan', { plan: null }, 'write_plan', null],
    ['no clinician', { responsibleClinicianId: null, plan: null }, 'assign_clinician', null],
    [
      'report due at this very minute',
      { unsentReportDueTimes: [NOW] },
      'report_due',
      NOW.toISOString(),
    ],
    [
      'report due a minute ago',
      { unsentReportDueTimes: [new Date(NOW.getTime() - 60_000)] },
      'report_late',
      new Date(NOW.getTime() - 60_000).toISOString(),
    ],
    ['referral due today', { referralFollowUpDueDates: [TODAY] }, 'referral_follow_up_due', TODAY],
    [
      'referral due yesterday',
      { referralFollowUpDueDates: ['2026-11-21'] },
      'referral_follow_up_late',
      '2026-11-21',
    ],
    [
      'a late referral before a due report',
      {
        referralFollowUpDueDates: ['2026-11-21'],
        unsentReportDueTimes: [new Date('2026-11-23T00:00:00Z')],
      },
      'referral_follow_up_late',
      '2026-11-21',
    ],
    [
      'a late report before a late referral',
      {
        referralFollowUpDueDates: ['2026-11-01'],
        unsentReportDueTimes: [new Date('2026-11-21T00:00:00Z')],
      },
      'report_late',
      '2026-11-21T00:00:00.000Z',
    ],
    [
      'the earliest of several reports',
      {
        unsentReportDueTimes: [new Date('2026-11-25T00:00:00Z'), new Date('2026-11-24T00:00:00Z')],
      },
      'report_due',
      '2026-11-24T00:00:00.000Z',
    ],
  ])('%s', (_name, facts, action, dueAt) => {
    expect(nextAction({ ...settled, ...facts }, NOW, TODAY)).toEqual({ action, dueAt });
  });
});
