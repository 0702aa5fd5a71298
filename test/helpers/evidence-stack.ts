import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { openCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { newMasterKeyEntry } from '../../codec/master-keys';
import type { RunningEmulator } from '../../emulator/server';
import { startLocalStack } from '../../scripts/lib/stack/local-stack';
import { openStore, type StoreConfig, type TenureStore } from '../../store';
import { API_TOKENS, apiCaller, type ApiCaller } from '../api/support';
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

/** The evidence tests' compressed policy: invited at once, reminded every 2 s, no leave notice. */
export const EVIDENCE_POLICY_ENV: NodeJS.ProcessEnv = {
  LIFECYCLE_INVITE_OFFSET: '0s',
  LIFECYCLE_REMINDER_INTERVAL: '2s',
  LIFECYCLE_LEAVE_NOTICE: '0s',
  LIFECYCLE_RETENTION: '30 days',
};

/** Starts the stack harness on the site's store; `workerEnv` adds to the worker's environment (a compressed policy). */
export async function startEvidenceStack(site: StoreSite, workerEnv: NodeJS.ProcessEnv = {}): Promise<EvidenceStack> {
  const config: StoreConfig = await site.fresh();
  const storeEnv = { ...site.envOf(config), TENURE_MASTER_KEYS: newMasterKeyEntry('evidence') };
  const stack = await startLocalStack({
    label: 'the evidence stack',
    dir: await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'evidence-')),
    temporal: { devServer: {} },
    storeEnv,
    worker: { env: { ...EVIDENCE_POLICY_ENV, ...workerEnv } },
    api: { env: { API_TOKENS, API_RATE_LIMIT_MAX: '0' } },
  });
  const { closers } = stack;
  try {
    const store = await openStore(config);
    closers.add(() => store.close());
    const codec = await openCodec({ config: loadCodecConfig(storeEnv), store });
    const connection = await Connection.connect({ address: stack.temporalAddress });
    closers.add(() => connection.close());
    const client = new Client({ connection, dataConverter: codec.dataConverter });
    const { emulator } = stack;
    return { caller: apiCaller(stack.api!.url), emulator, store, storeEnv, client, close: () => stack.close() };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
