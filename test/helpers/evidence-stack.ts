import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { openCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { startApiProcess } from '../../scripts/lib/api-process';
import { Closers } from '../../scripts/lib/closers';
import { startWorkerProcess } from '../../scripts/lib/worker-process';
import { startSmtpSink } from '../../smtp-sink/sink';
import { openStore, type StoreConfig, type TenureStore } from '../../store';
import { API_TOKENS, apiCaller, type ApiCaller } from '../api/support';
import { startDevServerProcess } from './dev-server-process';
import type { StoreSite } from './store-drivers';

/**
 * Tenure as deployed for the evidence tests: the dev server, the worker and the API each their own
 * process, on a fresh Tenure store of the site (SQLite or PostgreSQL), with the emulator and the
 * mail sink; and a connection of the test's own to that store, to read or tamper with it.
 */
export interface EvidenceStack {
  caller: ApiCaller;
  emulator: RunningEmulator;
  store: TenureStore;
  /** the environment that points a process at the stack's store and keys (`npm run ledger:verify`) */
  storeEnv: NodeJS.ProcessEnv;
  /** a client of the dev server with the stack's codec (Schedules, the reconciler) */
  client: Client;
  close(): Promise<void>;
}

/** Starts the stack; `workerEnv` adds to the worker's environment (a compressed policy). */
export async function startEvidenceStack(site: StoreSite, workerEnv: NodeJS.ProcessEnv = {}): Promise<EvidenceStack> {
  const closers = new Closers('the evidence stack');
  try {
    const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'evidence-'));
    closers.add(() => rm(dir, { recursive: true, force: true }));
    const devServer = await startDevServerProcess(dir);
    closers.add(() => devServer.close());
    const emulator = await startEmulator({ port: 0 });
    closers.add(() => emulator.close());
    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    closers.add(() => sink.close());
    const config: StoreConfig = await site.fresh();
    const storeEnv = { ...site.envOf(config), TENURE_MASTER_KEYS: newMasterKeyEntry('evidence') };
    const common = { ...process.env, ...storeEnv, TEMPORAL_ADDRESS: devServer.address };
    const worker = await startWorkerProcess({
      ...common,
      WORKPLACE_SCIM_URL: emulator.url,
      WORKPLACE_ACCESS_TOKEN: emulator.token,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      LIFECYCLE_INVITE_OFFSET: '0s',
      LIFECYCLE_REMINDER_INTERVAL: '2s',
      LIFECYCLE_LEAVE_NOTICE: '0s',
      LIFECYCLE_RETENTION: '30 days',
      ...workerEnv,
    });
    closers.add(() => worker.close());
    const api = await startApiProcess({ ...common, API_TOKENS, API_RATE_LIMIT_MAX: '0' });
    closers.add(() => api.close());
    const store = await openStore(config);
    closers.add(() => store.close());
    const codec = await openCodec({ config: loadCodecConfig(storeEnv), store });
    const connection = await Connection.connect({ address: devServer.address });
    closers.add(() => connection.close());
    const client = new Client({ connection, dataConverter: codec.dataConverter });
    return { caller: apiCaller(api.url), emulator, store, storeEnv, client, close: () => closers.closeAll() };
  } catch (error) {
    await closers.closeAll();
    throw error;
  }
}
