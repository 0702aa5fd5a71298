import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { DEFAULT_LIFECYCLE_POLICY, type EmployeeRecord, type LifecyclePolicy } from '../workflows/contract';
import { BASELINE_TASK_QUEUE, invitedInEmulator, startBenchStack, submitJoiners, type BenchStack } from './lib/stack';
import { cpuBetween, cpuSnapshot, type CpuSeconds } from './lib/cpu';
import { report } from './lib/output';

/**
 * Onboarding burst: N joiners submitted through the API (the batch endpoint, as an HR feed does)
 * until every account is created and invited in the emulator; against bare Temporal on the same
 * server and worker settings — a workflow running two no-op activities, started directly with the
 * client at the same concurrency as the API's batch.
 */

const N = Number(process.env.BENCH_ONBOARDING_N ?? 2000);
const CONCURRENCY = 32;
const POLICY: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY };

/** `n` joiners of a run, started yesterday (so invited at once). */
export function joiners(run: string, n: number): EmployeeRecord[] {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: n }, (_, i) => ({
    employeeId: `${run}-${i}`,
    email: `${run}-${i}@example.com`.toLowerCase(),
    givenName: 'Bench',
    familyName: `Joiner ${i}`,
    department: 'Benchmarks',
    timeZone: 'UTC',
    startDate: yesterday,
  }));
}

async function waitUntil(what: string, count: () => number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reported = Date.now();
  for (let n = count(); n < N; n = count()) {
    if (Date.now() > deadline) throw new Error(`${what}: ${n} of ${N} after ${timeoutMs} ms`);
    if (Date.now() - reported > 10_000) {
      process.stderr.write(`[bench] ${what}: ${n} of ${N}\n`);
      reported = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Burst {
  seconds: number;
  /** CPU seconds each process of the stack used during the burst */
  cpu: CpuSeconds | undefined;
}

async function tenureBurst(stack: BenchStack): Promise<Burst> {
  const run = `ONB${Date.now().toString(36)}`;
  const records = joiners(run, N);
  const invited = () => invitedInEmulator(stack.emulator, run);
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await submitJoiners(stack, records);
  const submitted = performance.now();
  await waitUntil('tenure: invited', invited, 30 * 60_000);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuBetween(cpuBefore, cpuSnapshot());
  report({
    benchmark: 'onboarding-burst',
    metric: 'tenure-submit-seconds',
    value: (submitted - started) / 1000,
    unit: 's',
    joiners: N,
  });
  return { seconds: elapsed, cpu };
}

async function baselineBurst(stack: BenchStack): Promise<Burst> {
  const run = `BASE${Date.now().toString(36)}`;
  let done = 0;
  const worker = await stack.baseline(() => {
    done += 1;
  });
  try {
    const cpuBefore = cpuSnapshot();
    const started = performance.now();
    let next = 0;
    const starter = async () => {
      for (let i = next++; i < N; i = next++) {
        await stack.client.workflow.start('baselineWorkflow', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `${run}-${i}`,
          args: [`${run}-${i}`],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, starter));
    await waitUntil('bare: completed', () => done, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, cpu: cpuBetween(cpuBefore, cpuSnapshot()) };
  } finally {
    await worker.stop();
  }
}

export async function onboardingBench(): Promise<void> {
  const stack = await startBenchStack({ policy: POLICY, batchConcurrency: CONCURRENCY });
  try {
    // Baseline first and Tenure second, then once more each, on the same server: warm-up and
    // order effects show up as a difference between the two rounds.
    for (let round = 1; round <= 2; round++) {
      const bare = await baselineBurst(stack);
      const tenureRun = await tenureBurst(stack);
      const baseline = bare.seconds;
      const tenure = tenureRun.seconds;
      report({
        benchmark: 'onboarding-burst',
        metric: 'throughput-ratio',
        round,
        value: baseline / tenure,
        unit: 'tenure/bare',
        joiners: N,
        tenureSeconds: tenure,
        tenurePerSecond: N / tenure,
        bareSeconds: baseline,
        barePerSecond: N / baseline,
        target: '>= 0.8',
        met: baseline / tenure >= 0.8,
        ...(bare.cpu && tenureRun.cpu ? { cpuSeconds: { bare: bare.cpu, tenure: tenureRun.cpu } } : {}),
      });
    }
  } finally {
    await stack.close();
  }
}
