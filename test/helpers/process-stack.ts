import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { startSmtpSink, type RunningSmtpSink } from '../../smtp-sink/sink';
import { startApi, type RunningApi } from '../api/support';
import { startDevServerProcess, type DevServerProcess } from './dev-server-process';
import { testCodec } from './test-codec';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

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
  /** every pid this stack started (both kinds of process, every restart) */
  pids(): number[];
  /** stops everything, children first; safe to call after a failed start or twice */
  close(): Promise<void>;
}

/** Starts the stack; whatever started is stopped again if a later part fails. */
export async function startProcessStack(policy: FaultPolicy): Promise<ProcessStack> {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    const errors: unknown[] = [];
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'the process stack did not close cleanly');
  };
  try {
    const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'faults-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const devServer = await startDevServerProcess(dir);
    closers.push(() => devServer.close());
    const emulator = await startEmulator({ port: 0 });
    closers.push(() => emulator.close());
    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    closers.push(() => sink.close());
    // Lazy, like the API process: it reconnects by itself when the server comes back.
    const connection = Connection.lazy({ address: devServer.address });
    closers.push(() => connection.close());
    const codec = await testCodec();
    const client = new Client({ connection, dataConverter: codec.dataConverter });
    const api = await startApi(client, { env: { API_TEMPORAL_TIMEOUT_MS: '5000' } });
    closers.push(() => api.close());
    const worker = await startWorkerProcess({
      // The worker process shares this process's store and master key.
      ...codec.env,
      TEMPORAL_ADDRESS: devServer.address,
      WORKPLACE_SCIM_URL: emulator.url,
      WORKPLACE_ACCESS_TOKEN: emulator.token,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      LIFECYCLE_INVITE_OFFSET: '0s',
      LIFECYCLE_REMINDER_INTERVAL: policy.reminderInterval,
      LIFECYCLE_MAX_REMINDERS: String(policy.maxReminders),
      LIFECYCLE_ESCALATE_AFTER: '0',
    });
    // Stopped first of all (closers run in reverse): a worker polling a stopped server only logs errors.
    closers.push(() => worker.close());
    return {
      devServer,
      worker,
      emulator,
      sink,
      api,
      client,
      pids: () => [...devServer.processes(), ...worker.processes()].map((child) => child.pid),
      close: closeAll,
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}
