/**
 * `npm run bench [name…]`: Tenure's benchmarks, each figure one JSON line on stdout and in
 * bench/results/<run>.jsonl. Everything real and local: a Temporal dev server (or the time-skipping
 * server where years must pass), the Workplace emulator without faults, one worker.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { resolveTemporalBinary } from '../scripts/lib/temporal-binaries';
import { apiOverheadBench } from './api-overhead';
import { clusterBench } from './cluster';
import { codecCostBench } from './codec-cost';
import { historyAndCallsBench } from './history-and-calls';
import { importBench } from './import';
import { onboardingBench } from './onboarding';
import { rateLimitBench } from './rate-limit';
import { reconcileBench } from './reconcile';
import { timerPrecisionBench } from './timer-precision';
import { reportMachine } from './lib/output';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  onboarding: onboardingBench,
  'api-overhead': apiOverheadBench,
  'history-and-calls': historyAndCallsBench,
  'rate-limit': rateLimitBench,
  'timer-precision': timerPrecisionBench,
  'codec-cost': codecCostBench,
  reconcile: reconcileBench,
};

/** Run only when named (each takes a quarter of an hour or more): the cluster's, and the 10,000-row import's. */
const ON_REQUEST: Record<string, () => Promise<void>> = { cluster: clusterBench, import: importBench };

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const known = { ...BENCHMARKS, ...ON_REQUEST };
  const unknown = wanted.filter((name) => !(name in known));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(known).join(', ')}`);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  process.env.TEMPORAL_CLI_PATH = (await resolveTemporalBinary('cli')).path;
  process.env.TEMPORAL_TEST_SERVER_PATH = (await resolveTemporalBinary('test-server')).path;
  reportMachine();
  for (const [name, run] of Object.entries(known)) {
    if (wanted.length > 0 ? !wanted.includes(name) : !(name in BENCHMARKS)) continue;
    process.stderr.write(`[bench] ${name}…\n`);
    await run();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
