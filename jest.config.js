/** Jest runs the TypeScript sources directly; each test file gets a fresh database (test/helpers/db.ts). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  maxWorkers: 2,
  testTimeout: 30000,
};
