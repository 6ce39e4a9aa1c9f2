/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One worker: browser suites run a server and Chromium of their own, and on a 2-core
  // machine a second worker's integration tests starved them into flaky timeouts.
  maxWorkers: 1,
  testTimeout: 30000,
};
