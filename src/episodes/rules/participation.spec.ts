import { rolesReach } from './participation';

describe('what each role reaches', () => {
  it.each([
    [['examining'], 'antenatal', true],
    [['examining'], 'after_birth', false],
    [['postpartum_visiting'], 'antenatal', false],
    [['postpartum_visiting'], 'after_birth', true],
    [['delivering'], 'antenatal', true],
    [['delivering'], 'after_birth', true],
    [['managing'], 'after_birth', true],
    [['examining', 'postpartum_visiting'], 'after_birth', true],
  ] as const)('%j reaches %s: %s', (roles, area, reaches) => {
    expect(rolesReach(roles, area)).toBe(reaches);
  });

  it('any role reaches what needs none; no role reaches nothing', () => {
    expect(rolesReach(['day42_check'])).toBe(true);
    expect(rolesReach([])).toBe(false);
    expect(rolesReach([], 'antenatal')).toBe(false);
  });
});
