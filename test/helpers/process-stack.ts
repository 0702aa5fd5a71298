import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { RunningEmulator } from '../../emulator/server';
import type { ChildHandle } from '../../scripts/lib/child-process';
import type { DevServerProcess } from '../../scripts/lib/stack/dev-server';
import { startLocalStack } from '../../scripts/lib/stack/local-stack';
import type { WorkerProcess } from '../../scripts/lib/worker-process';
import type { RunningSmtpSink } from '../../smtp-sink/sink';
import { startApi, type RunningApi } from '../api/support';
import { testCodec } from './test-codec';

/** The compressed lifecycle policy of the fault tests: invite at once, remind every few seconds. */
export interface FaultPolicy {
  reminderInterval: string;
  maxReminders: number;
}

/**
 * Tenure as deployed, with the faults' targets as real processes: the Temporal dev server on a
 * SQLite file and the worker, each its own process; the Workplace emulator, the SMTP sink and
 * the API in this process (the API with a lazy Temporal connection, as `api/server.ts` has).
 */
export interface ProcessStack {
  devServer: DevServerProcess;
  worker: WorkerProcess;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  api: RunningApi;
  /** a client of the dev server, for what HR's API does not offer (terminating leftovers) */
  client: Client;
  /** the dev server and worker processes running now */
  currentProcesses(): ChildHandle[];
  /** every pid this stack started (both kinds of process, every restart) */
  pids(): number[];
  /** stops everything, children first; safe to call after a failed start or twice */
  close(): Promise<void>;
}

/** Starts the stack harness's processes and this test's API; whatever started is stopped again if a later part fails. */
export async function startProcessStack(
  policy: FaultPolicy,
  /** more of the worker's environment (the guard's limits, say) */
  workerEnv: NodeJS.ProcessEnv = {},
): Promise<ProcessStack> {
  const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'faults-'));
  const codec = await testCodec();
  const stack = await startLocalStack({
    label: 'the process stack',
    dir,
    temporal: { devServer: {} },
    // The worker process shares this process's store and master key.
    storeEnv: codec.env,
    worker: {
      env: {
        LIFECYCLE_INVITE_OFFSET: '0s',
        LIFECYCLE_REMINDER_INTERVAL: policy.reminderInterval,
        LIFECYCLE_MAX_REMINDERS: String(policy.maxReminders),
        LIFECYCLE_ESCALATE_AFTER: '0',
        ...workerEnv,
      },
    },
  });
  const { closers } = stack;
  const devServer = stack.devServer!;
  const worker = stack.worker!;
  try {
    // Lazy, like the API process: it reconnects by itself when the server comes back.
    const connection = Connection.lazy({ address: devServer.address });
    closers.add(() => connection.close());
    const client = new Client({ connection, dataConverter: codec.dataConverter });
    // A burst and its audit go through one hr token, far past any rate limit meant for people.
    const api = await startApi(client, { env: { API_TEMPORAL_TIMEOUT_MS: '5000', API_RATE_LIMIT_MAX: '0' } });
    closers.add(() => api.close());
    return {
      devServer,
      worker,
      emulator: stack.emulator,
      sink: stack.sink,
      api,
      client,
      currentProcesses: () => [worker.current(), devServer.current()],
      pids: () => [...devServer.processes(), ...worker.processes()].map((child) => child.pid),
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close().catch(() => undefined);
    throw error;
  }
}
