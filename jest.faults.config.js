/**
 * `npm run test:faults`: the process-level fault tests (test/faults/) at the full sizes —
 * 300 joiners, the worker killed three times — one file at a time. `npm test` runs the same files
 * at a small scale within its time budget. `TENURE_FAULTS_SCALE` set by the caller wins.
 */
// Set here, before Jest starts: the test processes inherit it (test/helpers/fault-scale.ts reads it).
process.env.TENURE_FAULTS_SCALE ??= 'full';

const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  // One burst at a time: 300 joiners keep 2 cores busy on their own.
  maxWorkers: 1,
};
