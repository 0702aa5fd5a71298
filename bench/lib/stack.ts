import { startBaselineWorker } from './baseline-worker';
import { Client, Connection } from '@temporalio/client';
import { openCodec, type OpenCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { startLocalStack } from '../../scripts/lib/stack/local-stack';
import { policyEnv } from '../../scripts/lib/stack/policy-env';
import type { RunningEmulator } from '../../emulator/server';
import type { RunningSmtpSink } from '../../smtp-sink/sink';
import type { EmployeeRecord, LifecyclePolicy } from '../../workflows/contract';

export const BASELINE_TASK_QUEUE = 'bench-baseline';
export const HR_TOKEN = 'tenure-dev-hr-token-do-not-use-in-production';

/** The worker defaults, for Tenure's worker and the baseline's alike (`BENCH_WORKFLOW_TASK_SLOTS` to try another). */
const WORKER_SETTINGS = {
  WORKER_MAX_CONCURRENT_ACTIVITIES: '100',
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: process.env.BENCH_WORKFLOW_TASK_SLOTS ?? '40',
};

export interface BenchStack {
  /** a client that speaks plain payloads: the bare-Temporal baseline's */
  client: Client;
  /** a client that encrypts as Tenure's clients do: for Tenure's workflows */
  tenureClient: Client;
  /** the codec of the stack (its store and master key are the worker's and the API's) */
  codec: OpenCodec;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  apiUrl: string;
  /** runs the baseline worker process; `onDone` hears each finished baseline workflow */
  baseline(onDone: (id: string) => void): Promise<{ stop(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * The stack harness deployed as in production: a local dev server (in memory, without the UI),
 * Tenure's worker and API each in its own process (`worker/main.ts`, `api/server.ts`), the
 * emulator without faults and the SMTP sink, encryption on with a store and master key of this
 * run; the benchmark process only submits and observes.
 */
export async function startBenchStack(options: {
  policy: LifecyclePolicy;
  batchConcurrency?: number;
  maxRequestsPerSecond?: number;
}): Promise<BenchStack> {
  const stack = await startLocalStack({
    label: 'the bench stack',
    temporal: { devServer: { inMemory: true, headless: true } },
    env: WORKER_SETTINGS,
    worker: {
      env: {
        ...policyEnv(options.policy),
        // The benchmarks deactivate hundreds at once to measure timers and the directory, not the brake.
        GUARD_MAX_DESTRUCTIVE_PER_HOUR: '1000000',
        // BENCH_DIRECTORY_IN_TASK=false: release 2 without tries in the workflow task (one lever alone).
        ...(process.env.BENCH_DIRECTORY_IN_TASK ? { DIRECTORY_IN_TASK: process.env.BENCH_DIRECTORY_IN_TASK } : {}),
        ...(options.maxRequestsPerSecond
          ? {
              WORKPLACE_MAX_REQUESTS_PER_SECOND: String(options.maxRequestsPerSecond),
              // One worker: it paces at the whole limit, and may try requests in its workflow tasks.
              WORKPLACE_LIMIT_SHARED_BY: '1',
            }
          : {}),
      },
    },
    api: {
      env: {
        API_LOG_LEVEL: 'warn',
        API_BATCH_CONCURRENCY: String(options.batchConcurrency ?? 32),
        // The benchmarks measure the API, not its rate limit.
        API_RATE_LIMIT_MAX: '0',
      },
    },
  });
  const { closers } = stack;
  try {
    const codec = await openCodec({ config: loadCodecConfig(stack.storeEnv) });
    closers.add(() => codec.close());
    const connection = await Connection.connect({ address: stack.temporalAddress });
    closers.add(() => connection.close());
    return {
      client: new Client({ connection }),
      tenureClient: new Client({ connection, dataConverter: codec.dataConverter }),
      codec,
      emulator: stack.emulator,
      sink: stack.sink,
      apiUrl: stack.api!.url,
      baseline: (onDone) => startBaselineWorker(stack.childEnv, onDone),
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

/** Submits joiners through the API's batch endpoint, 1,000 a request, as an HR feed does; throws unless all were created. */
export async function submitJoiners(
  stack: Pick<BenchStack, 'apiUrl'>,
  records: readonly EmployeeRecord[],
): Promise<void> {
  for (let i = 0; i < records.length; i += 1000) {
    const response = await fetch(`${stack.apiUrl}/v1/employees/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ employees: records.slice(i, i + 1000) }),
    });
    const body = (await response.json()) as { summary?: Record<string, number> };
    if (response.status !== 200 || (body.summary?.created ?? 0) !== Math.min(1000, records.length - i)) {
      throw new Error(`batch answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
}

/** How many accounts of a run (`externalId` starting with `<run>-`) the emulator holds invited. */
export function invitedInEmulator(emulator: RunningEmulator, run: string): number {
  return emulator.store.list().filter((u) => {
    const externalId = u.attributes.externalId;
    return typeof externalId === 'string' && externalId.startsWith(`${run}-`) && u.status.invited;
  }).length;
}
