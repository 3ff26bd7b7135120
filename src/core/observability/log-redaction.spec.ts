import { REDACTED, scrubText, scrubValue } from './log-redaction';

describe('scrubText', () => {
  it.each([
    ['ID 11010519491231002X registered', `ID ${REDACTED} registered`],
    ['id=110105194912310021;', `id=${REDACTED};`],
    ['call 13812345678 now', `call ${REDACTED} now`],
    ['+86 13812345678', REDACTED],
    ['Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
    ['token eyJhbGciOi.eyJzdWIiOjF9.c2lnbmF0dXJl here', `token ${REDACTED} here`],
  ])('%s', (text, expected) => {
    expect(scrubText(text)).toBe(expected);
  });

  it.each([
    'woman 42 of facility 7',
    'duration 1234567890 ms', // 10 digits: not a mobile
    '12812345678', // 11 digits but no mobile prefix
    '1101051949123100211', // 19 digits: not a resident ID
    'request 6f1c2a9e-1b2c-4d3e-8f90-123456789012',
  ])('leaves %s alone', (text) => {
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubValue', () => {
  it('scrubs nested strings and error messages', () => {
    const error = new Error('duplicate 11010519491231002X');
    const scrubbed = scrubValue({ a: { b: ['13812345678'] }, err: error, n: 3 }) as {
      a: { b: string[] };
      err: Error;
      n: number;
    };
    expect(scrubbed.a.b[0]).toBe(REDACTED);
    expect(scrubbed.err.message).toBe(`duplicate ${REDACTED}`);
    expect(scrubbed.n).toBe(3);
  });

  it('censors sensitive keys at any depth, credentials in headers too', () => {
    const scrubbed = scrubValue({
      name: '李梅',
      woman: { documentNumber: 'X', contact: { phone: 'Y', note: 'ok' } },
      headers: { authorization: 'Bearer abc', accept: 'application/json' },
      password: null,
    });
    expect(scrubbed).toEqual({
      name: REDACTED,
      woman: { documentNumber: REDACTED, contact: { phone: REDACTED, note: 'ok' } },
      headers: { authorization: REDACTED, accept: 'application/json' },
      password: null,
    });
  });
});
