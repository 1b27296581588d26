/**
 * Unit specs live beside the code; medium specs (real Postgres and Redis, real repositories, no HTTP
 * app) in test/medium/; end-to-end specs in test/. Each file gets its own database and Redis prefix.
 */
const { readdirSync } = require('node:fs');

const libraries = readdirSync(`${__dirname}/libs`);

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(e2e-|medium-)?spec\\.ts$',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(libraries.map((name) => [`^@app/${name}$`, `<rootDir>/libs/${name}/src`])),
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
