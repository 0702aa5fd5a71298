import { WorkflowIdConflictPolicy } from '@temporalio/client';
import {
  DEFAULT_LIFECYCLE_POLICY,
  employeeWorkflowId,
  type EmployeeRecord,
  type LifecyclePolicy,
} from '../workflows/contract';
import { BASELINE_TASK_QUEUE, invitedInEmulator, startBenchStack, submitJoiners, type BenchStack } from './lib/stack';
import { cpuBetween, cpuSnapshot, type CpuSeconds } from './lib/cpu';
import { report } from './lib/output';

/**
 * Onboarding burst: N joiners submitted through the API (the batch endpoint, as an HR feed does)
 * until every account is created and invited in the emulator; against bare Temporal on the same
 * server and worker settings — a workflow running two no-op activities, started directly with the
 * client at the same concurrency as the API's batch. Two rounds at N, then a burst of each size of
 * the scale series (CPU per joiner as the burst grows: flat is the goal). Each burst also reports
 * the history events of one of its runs (Tenure's up to the invite, where it rests).
 */

const N = Number(process.env.BENCH_ONBOARDING_N ?? 2000);
/** Burst sizes for CPU per joiner as the burst grows (`BENCH_ONBOARDING_SCALE=500,8000`; empty: none). */
const SCALE = (process.env.BENCH_ONBOARDING_SCALE ?? '500,8000').split(',').filter(Boolean).map(Number);
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

async function waitUntil(what: string, total: number, count: () => number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reported = Date.now();
  for (let n = count(); n < total; n = count()) {
    if (Date.now() > deadline) throw new Error(`${what}: ${n} of ${total} after ${timeoutMs} ms`);
    if (Date.now() - reported > 10_000) {
      process.stderr.write(`[bench] ${what}: ${n} of ${total}\n`);
      reported = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Burst {
  seconds: number;
  /** CPU seconds each process of the stack used during the burst */
  cpu: CpuSeconds | undefined;
  /** history events of the burst's first run when the burst was done */
  events: number;
}

async function historyEvents(stack: BenchStack, workflowId: string): Promise<number> {
  return (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events?.length ?? 0;
}

async function tenureBurst(stack: BenchStack, n: number): Promise<Burst> {
  const run = `ONB${Date.now().toString(36)}`;
  const records = joiners(run, n);
  const invited = () => invitedInEmulator(stack.emulator, run);
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await submitJoiners(stack, records);
  const submitted = performance.now();
  await waitUntil('tenure: invited', n, invited, 60 * 60_000);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuBetween(cpuBefore, cpuSnapshot());
  report({
    benchmark: 'onboarding-burst',
    metric: 'tenure-submit-seconds',
    value: (submitted - started) / 1000,
    unit: 's',
    joiners: n,
  });
  // The employee rests once invited: give its last workflow task a moment to complete.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return { seconds: elapsed, cpu, events: await historyEvents(stack, employeeWorkflowId(records[0]!.employeeId)) };
}

async function baselineBurst(stack: BenchStack, n: number): Promise<Burst> {
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
      for (let i = next++; i < n; i = next++) {
        await stack.client.workflow.start('baselineWorkflow', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `${run}-${i}`,
          args: [`${run}-${i}`],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, starter));
    await waitUntil('bare: completed', n, () => done, 60 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, cpu: cpuBetween(cpuBefore, cpuSnapshot()), events: await historyEvents(stack, `${run}-0`) };
  } finally {
    await worker.stop();
  }
}

/** CPU milliseconds per joiner, per process and in all. */
function cpuPerJoiner(cpu: CpuSeconds | undefined, n: number) {
  if (!cpu) return undefined;
  const each = Object.fromEntries(Object.entries(cpu).map(([role, seconds]) => [role, (seconds * 1000) / n]));
  return { ...each, total: (Object.values(cpu).reduce((a, b) => a + b, 0) * 1000) / n };
}

/** Bare first, then Tenure, on the same server: the ratio of their throughputs. */
async function compare(stack: BenchStack, n: number, round: number | string): Promise<void> {
  const bare = await baselineBurst(stack, n);
  const tenureRun = await tenureBurst(stack, n);
  const baseline = bare.seconds;
  const tenure = tenureRun.seconds;
  report({
    benchmark: 'onboarding-burst',
    metric: 'throughput-ratio',
    round,
    value: baseline / tenure,
    unit: 'tenure/bare',
    joiners: n,
    tenureSeconds: tenure,
    tenurePerSecond: n / tenure,
    bareSeconds: baseline,
    barePerSecond: n / baseline,
    target: '>= 0.9',
    met: baseline / tenure >= 0.9,
    historyEvents: { bare: bare.events, tenure: tenureRun.events },
    ...(bare.cpu && tenureRun.cpu ? { cpuSeconds: { bare: bare.cpu, tenure: tenureRun.cpu } } : {}),
    ...(bare.cpu && tenureRun.cpu
      ? { cpuMsPerJoiner: { bare: cpuPerJoiner(bare.cpu, n), tenure: cpuPerJoiner(tenureRun.cpu, n) } }
      : {}),
  });
}

export async function onboardingBench(): Promise<void> {
  const stack = await startBenchStack({ policy: POLICY, batchConcurrency: CONCURRENCY });
  try {
    // Baseline first and Tenure second, then once more each, on the same server: warm-up and
    // order effects show up as a difference between the two rounds.
    for (let round = 1; round <= 2; round++) await compare(stack, N, round);
    for (const n of SCALE) await compare(stack, n, `scale-${n}`);
  } finally {
    await stack.close();
  }
}
