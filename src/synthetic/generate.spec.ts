import { assertSafeDatabaseName, parseArguments } from './generate';

describe('assertSafeDatabaseName', () => {
  it.each(['mch', 'mch_test', 'mch_synthetic', 'city_mch'])('writes to %s', (name) => {
    expect(() => assertSafeDatabaseName(name, false)).not.toThrow();
  });

  it.each(['production', 'mch_prod', 'synthetic_copy'])('refuses %s unless forced', (name) => {
    expect(() => assertSafeDatabaseName(name, false)).toThrow(/Refusing/);
    expect(() => assertSafeDatabaseName(name, true)).not.toThrow();
  });
});

describe('parseArguments', () => {
  it('reads the command line of npm run seed:synthetic', () => {
    const options = parseArguments([
      '--pregnancies',
      '1000000',
      '--facilities',
      '60',
      '--seed',
      '7',
      '--append',
    ]);
    expect(options).toMatchObject({
      pregnancies: 1_000_000,
      facilities: 60,
      seed: 7,
      append: true,
      force: false,
    });
  });

  it('reads the facilities to add the cohort to', () => {
    const options = parseArguments([
      '--pregnancies',
      '3000',
      '--append',
      '--into-facilities',
      'DEMO-F1, DEMO-F2',
    ]);
    expect(options.intoFacilities).toEqual(['DEMO-F1', 'DEMO-F2']);
    expect(parseArguments(['--pregnancies', '1']).intoFacilities).toBeUndefined();
  });

  it('needs the number of pregnancies and whole numbers', () => {
    expect(() => parseArguments(['--facilities', '3'])).toThrow(/--pregnancies is required/);
    expect(() => parseArguments(['--pregnancies', '1e6'])).toThrow(/whole number/);
  });
});
