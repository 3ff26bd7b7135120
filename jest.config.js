/**
 * Unit specs sit beside the code; end-to-end specs live in test/ and share one database.
 * NestJS 12 ships as ES modules and Jest on Node 20 cannot require() them, so its packages are
 * compiled to CommonJS by ts-jest like our own sources.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  '^.+\\.js$': '<rootDir>/test/utils/esm-to-commonjs.transformer.js',
};
const transformIgnorePatterns = ['/node_modules/(?!@nestjs/)'];

const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  transformIgnorePatterns,
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/config'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/utils/global-setup.ts',
    },
  ],
  // Jest reads testTimeout only here, never inside a project entry. The first e2e run compiles
  // NestJS and the app from cold on a busy 2-core machine; the 5 s default is too short for it.
  testTimeout: 30_000,
};
