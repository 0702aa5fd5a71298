/**
 * The size of the process-level fault tests. `npm test` runs them small, to stay within its time
 * budget on 2 cores; `npm run test:faults` (jest.faults.config.js) sets `TENURE_FAULTS_SCALE=full`
 * for the sizes of the issue (300 joiners, the worker killed at least three times).
 */
export interface FaultScale {
  name: 'small' | 'full';
  /** joiners in the burst */
  joiners: number;
  /** joiners per batch request of the HR feed */
  batchSize: number;
  /** how many times the worker is SIGKILLed during the burst */
  workerKills: number;
  /** LIFECYCLE_REMINDER_INTERVAL of the worker: claim checks and reminders run during the faults */
  reminderInterval: string;
  /** LIFECYCLE_MAX_REMINDERS: then `Unclaimed` */
  maxReminders: number;
  /** how long the dev server stays down at each stop */
  serverDowntimeMs: number;
  /** how long the Workplace outage lasts */
  outageMs: number;
  /** how long the 429 storm lasts, and how many requests per second Workplace admits during it */
  throttleMs: number;
  throttleRequestsPerSecond: number;
  /** how long Workplace drops the responses to writes it applied, and which fraction */
  dropMs: number;
  dropRate: number;
  /** how long each wait of a test may take (the feed, the claims, every employee in their stage) */
  settleTimeoutMs: number;
  /** Jest's timeout for one test: above the waits, so that a wait's own message says what is missing */
  testTimeoutMs: number;
}

const SMALL: FaultScale = {
  name: 'small',
  joiners: 40,
  batchSize: 10,
  workerKills: 2,
  reminderInterval: '2s',
  maxReminders: 2,
  serverDowntimeMs: 3_000,
  outageMs: 4_000,
  throttleMs: 5_000,
  throttleRequestsPerSecond: 4,
  dropMs: 6_000,
  dropRate: 0.4,
  settleTimeoutMs: 150_000,
  testTimeoutMs: 400_000,
};

const FULL: FaultScale = {
  name: 'full',
  joiners: 300,
  batchSize: 25,
  workerKills: 3,
  reminderInterval: '5s',
  maxReminders: 2,
  serverDowntimeMs: 5_000,
  outageMs: 15_000,
  throttleMs: 20_000,
  throttleRequestsPerSecond: 10,
  dropMs: 30_000,
  dropRate: 0.3,
  settleTimeoutMs: 420_000,
  testTimeoutMs: 1_200_000,
};

/** The scale chosen by `TENURE_FAULTS_SCALE` (`small`, the default, or `full`). */
export function faultScale(env: NodeJS.ProcessEnv = process.env): FaultScale {
  const wanted = env.TENURE_FAULTS_SCALE ?? 'small';
  if (wanted === 'small') return SMALL;
  if (wanted === 'full') return FULL;
  throw new Error(`TENURE_FAULTS_SCALE must be 'small' or 'full', not '${wanted}'`);
}
