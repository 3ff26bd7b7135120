import { DEFAULT_SYPHILIS_POLICY, FOLLOW_UP_GRACE_DAYS } from '../src/pmtct/rules/pmtct-rules';
import { pmtctConfig } from './pmtct.config';

describe('pmtctConfig', () => {
  const withEnv = (env: Record<string, string>) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return pmtctConfig();
    } finally {
      process.env = saved;
    }
  };

  it('defaults to the rules’ own days', () => {
    expect(withEnv({})).toEqual({
      syphilis: DEFAULT_SYPHILIS_POLICY,
      followUpGraceDays: FOLLOW_UP_GRACE_DAYS,
    });
  });

  it('reads the local policy from the environment', () => {
    expect(
      withEnv({
        PMTCT_SYPHILIS_DOSE_GRACE_DAYS: '1',
        PMTCT_SYPHILIS_COURSE_GAP_MIN_DAYS: '28',
        PMTCT_SYPHILIS_ENDS_BEFORE_DELIVERY_DAYS: '30',
        PMTCT_FOLLOW_UP_GRACE_DAYS: '7',
      }),
    ).toEqual({
      syphilis: {
        doseIntervalDays: 7,
        doseGraceDays: 1,
        courseGapMinDays: 28,
        endsBeforeDeliveryDays: 30,
      },
      followUpGraceDays: 7,
    });
  });

  it('refuses a grace that would let two doses fall on one day, naming the variable', () => {
    expect(() => withEnv({ PMTCT_SYPHILIS_DOSE_GRACE_DAYS: '7' })).toThrow(
      /PMTCT_SYPHILIS_DOSE_GRACE_DAYS/,
    );
  });
});
