import { assertStrongSecret, secretWeakness, SHIPPED_SECRETS } from './secret-strength';

const STRONG = 'q8ZfV3m-T0wLr9sYk2Hc7uJ4nXe1GbPa';

describe('secretWeakness', () => {
  it.each([
    ['a random secret of 32 characters', STRONG, null],
    ['the shipped example', SHIPPED_SECRETS[0], /shipped/],
    ['an edited placeholder', 'please-CHANGE-ME-0123456789abcdefghij', /placeholder/],
    ['31 characters', STRONG.slice(0, 31), /shorter than 32/],
    ['32 characters, 9 distinct', 'abcdefghi'.repeat(4).slice(0, 32), /fewer than 10 distinct/],
    ['32 characters, 10 distinct', 'abcdefghij'.repeat(4).slice(0, 32), null],
    ['one character repeated', 'x'.repeat(64), /distinct/],
  ])('%s', (_case, value, weakness) => {
    const found = secretWeakness(value);
    if (weakness === null) expect(found).toBeNull();
    else expect(found).toMatch(weakness);
  });
});

describe('assertStrongSecret', () => {
  it.each(['production', undefined, 'staging'])(
    'refuses a shipped secret when NODE_ENV is %s, naming the variable but not the value',
    (nodeEnv) => {
      const check = () => assertStrongSecret('JWT_SECRET', SHIPPED_SECRETS[0], nodeEnv);
      expect(check).toThrow(/JWT_SECRET: is the example value shipped/);
      expect(check).not.toThrow(new RegExp(SHIPPED_SECRETS[0]));
    },
  );

  it.each(['development', 'test'])('lets %s runs use the examples', (nodeEnv) => {
    expect(() => assertStrongSecret('JWT_SECRET', SHIPPED_SECRETS[0], nodeEnv)).not.toThrow();
  });

  it('accepts a strong secret in production', () => {
    expect(() => assertStrongSecret('ID_KEY', STRONG, 'production')).not.toThrow();
  });
});
