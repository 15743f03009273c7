// Shared jest settings of every package: TypeScript via ts-jest (transpile only; `tsc -b` type-checks).
const path = require('node:path');

module.exports = (displayName) => ({
  displayName,
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  testResultsProcessor: path.join(__dirname, 'jest-report.js'),
  // Real servers, files and child processes on a 2-core machine running several packages' tests
  // at once: 5 s is too tight; nothing here asserts on time.
  testTimeout: 30_000,
});
