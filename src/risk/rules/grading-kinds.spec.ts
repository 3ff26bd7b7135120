import { gradingKindMismatch, gradingKindsFor } from './grading-kinds';

describe('which gradings a pregnancy takes', () => {
  it.each([
    ['open', ['registration_screening', 'visit']],
    ['delivered', ['postpartum_visit', 'day42_check']],
    ['closed', ['postpartum_visit', 'day42_check']],
    ['ended', []],
    ['transferred_out', []],
    ['lost_to_follow_up', []],
  ])('%s', (status, kinds) => {
    expect(gradingKindsFor(status)).toEqual(kinds);
  });

  it.each([
    ['visit', 'open', null],
    ['visit', 'delivered', 'open'],
    ['registration_screening', 'closed', 'open'],
    ['postpartum_visit', 'open', 'delivered'],
    ['day42_check', 'delivered', null],
    ['day42_check', 'closed', null],
    ['day42_check', 'ended', 'delivered'],
    ['automatic', 'ended', null],
  ])('a %s grading of a pregnancy %s needs %s', (kind, status, needs) => {
    expect(gradingKindMismatch(kind, status)).toBe(needs);
  });
});
