import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openCodec, type OpenCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { startApiProcess } from '../../scripts/lib/api-process';
import { spawnChild } from '../../scripts/lib/child-process';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/lib/worker-process';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { startSmtpSink, type RunningSmtpSink } from '../../smtp-sink/sink';
import { SEARCH_ATTRIBUTES, type EmployeeRecord, type LifecyclePolicy } from '../../workflows/contract';

export const BASELINE_TASK_QUEUE = 'bench-baseline';
export const HR_TOKEN = 'tenure-dev-hr-token-do-not-use-in-production';

/** Worker settings shared by Tenure's worker and the baseline's: the production defaults. */
const WORKER_SETTINGS = { WORKER_MAX_CONCURRENT_ACTIVITIES: '100', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' };

export interface BenchStack {
  /** `env.client` speaks plain payloads: the bare-Temporal baseline's */
  env: TestWorkflowEnvironment;
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

function policyEnv(policy: LifecyclePolicy): NodeJS.ProcessEnv {
  return {
    LIFECYCLE_INVITE_OFFSET: policy.inviteOffset,
    LIFECYCLE_REMINDER_INTERVAL: policy.reminderInterval,
    LIFECYCLE_ESCALATE_AFTER: String(policy.escalateAfter),
    LIFECYCLE_MAX_REMINDERS: String(policy.maxReminders),
    LIFECYCLE_LEAVE_NOTICE: policy.leaveNotice,
    LIFECYCLE_RETENTION: policy.retention,
  };
}

/**
 * Deployed as in production: a local dev server, Tenure's worker and API each in its own process
 * (`worker/main.ts`, `api/server.ts`), the emulator without faults and the SMTP sink; the
 * benchmark process only submits and observes.
 */
export async function startBenchStack(options: {
  policy: LifecyclePolicy;
  batchConcurrency?: number;
  maxRequestsPerSecond?: number;
}): Promise<BenchStack> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH! },
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
    },
  });
  const emulator = await startEmulator({ port: 0 });
  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
  // Encryption on, as deployed: a SQLite store and a master key of this run, shared with the children.
  const dataDir = await mkdtemp(join(tmpdir(), 'tenure-bench-'));
  const codecEnv = { TENURE_DATA_DIR: dataDir, TENURE_MASTER_KEYS: newMasterKeyEntry('bench') };
  const codec = await openCodec({ config: loadCodecConfig(codecEnv) });
  const tenureClient = new Client({ connection: env.connection, dataConverter: codec.dataConverter });
  const common: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: env.address, ...WORKER_SETTINGS };
  const children: { close(): Promise<unknown> }[] = [];
  let worker: WorkerProcess | undefined;
  try {
    worker = await startWorkerProcess({
      ...common,
      ...codecEnv,
      ...policyEnv(options.policy),
      WORKPLACE_SCIM_URL: emulator.url,
      WORKPLACE_ACCESS_TOKEN: emulator.token,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      // The benchmarks deactivate hundreds at once to measure timers and the directory, not the brake.
      GUARD_MAX_DESTRUCTIVE_PER_HOUR: '1000000',
      ...(options.maxRequestsPerSecond
        ? { WORKPLACE_MAX_REQUESTS_PER_SECOND: String(options.maxRequestsPerSecond) }
        : {}),
    });
    children.push(worker);
    const api = await startApiProcess({
      ...common,
      ...codecEnv,
      API_LOG_LEVEL: 'warn',
      API_BATCH_CONCURRENCY: String(options.batchConcurrency ?? 32),
      // The benchmarks measure the API, not its rate limit.
      API_RATE_LIMIT_MAX: '0',
    });
    children.push(api);
    const apiUrl = api.url;

    const closeCodec = async () => {
      await codec.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    return {
      env,
      tenureClient,
      codec,
      emulator,
      sink,
      apiUrl,
      async baseline(onDone) {
        const child = spawnChild({
          name: 'baseline-worker',
          command: process.execPath,
          args: ['--import', 'tsx', 'bench/baseline/worker.ts'],
          cwd: `${__dirname}/../..`,
          env: common,
        });
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('done ')) onDone(line.slice(5));
        });
        return { stop: async () => void (await child.stop(10_000)) };
      },
      async close() {
        for (const child of children.reverse()) await child.close();
        await sink.close();
        await emulator.close();
        await env.teardown();
        await closeCodec();
      },
    };
  } catch (error) {
    for (const child of children.reverse()) await child.close();
    await sink.close();
    await emulator.close();
    await env.teardown();
    await codec.close();
    await rm(dataDir, { recursive: true, force: true });
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
