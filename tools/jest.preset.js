// Shared jest settings of every package: TypeScript via ts-jest (transpile only; `tsc -b` type-checks).
const path = require('node:path');

module.exports = (displayName) => ({
  displayName,
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  testResultsProcessor: path.join(__dirname, 'jest-report.js'),
});
