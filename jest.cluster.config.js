/**
 * `npm run test:cluster`: Tenure on a real Temporal cluster (the server built from the Go module
 * proxy, on PostgreSQL) with two workers and two API replicas, broken during bursts of joiners.
 * Its own global setup builds or finds the server; `npm test` leaves test/cluster/ out.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  // One cluster at a time: a server, PostgreSQL, two workers and two APIs fill 2 cores.
  maxWorkers: 1,
};
