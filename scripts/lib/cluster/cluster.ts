import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { openCodec } from '../../../codec';
import { newMasterKeyEntry } from '../../../codec/master-keys';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/server';
import { startSmtpSink, type RunningSmtpSink, type SmtpSinkOptions } from '../../../smtp-sink/sink';
import { SEARCH_ATTRIBUTES } from '../../../workflows/contract';
import { startApiProcess, type ApiProcess } from '../api-process';
import { Closers } from '../closers';
import type { ChildExit, ChildHandle } from '../child-process';
import { freePort } from '../free-port';
import { startPostgres, type PostgresServer } from '../postgres';
import { resolveTemporalServerBinaries, type TemporalServerBinaries } from '../temporal-server-binaries';
import { startWorkerProcess, type WorkerProcess } from '../worker-process';
import { writeWorkflowBundle } from '../../../worker/workflow-bundle';
import { setupNamespace } from './namespace-setup';
import { applyTemporalSchema } from './temporal-schema';
import { startTemporalServer, type TemporalServerProcess } from './temporal-server-process';
import { createClusterTls, tenureTlsEnv, type ClusterTls } from './tls-files';

export interface ClusterOptions {
  /** worker processes (default 2) */
  workers?: number;
  /** API processes sharing one cursor secret (default 2) */
  apiReplicas?: number;
  /** mutual TLS on the frontend; the certificates are made for the cluster */
  tls?: boolean;
  /**
   * The variables that point Tenure's processes at a TLS frontend (`TEMPORAL_TLS_*`, read by
   * config/temporal.ts); `tenureTlsEnv` (what an operator sets) by default.
   */
  tlsClientEnv?: (tls: ClusterTls) => NodeJS.ProcessEnv;
  namespace?: string;
  /** variables for the workers and API replicas (lifecycle policy, tokens, log levels); they win */
  env?: NodeJS.ProcessEnv;
  emulator?: EmulatorOptions;
  sink?: SmtpSinkOptions;
  /** binaries already resolved (a test's global setup does it once) */
  binaries?: TemporalServerBinaries;
  numHistoryShards?: number;
  /** the folder for the server's config and the certificates; a temp folder otherwise */
  dir?: string;
  log?: (line: string) => void;
}

/**
 * Tenure on a real Temporal cluster, as deployed: PostgreSQL, the Temporal server (every service
 * in one process), several workers and API replicas, each its own process, with the Workplace
 * emulator and the SMTP sink in this process (where tests and benchmarks read them directly).
 */
export interface Cluster {
  dir: string;
  namespace: string;
  binaries: TemporalServerBinaries;
  postgres: PostgresServer;
  temporal: TemporalServerProcess;
  /** the certificates, when the frontend speaks TLS */
  tls?: ClusterTls;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  workers: WorkerProcess[];
  /** what the workers were started with: for more workers, or workers started again with other settings */
  workerEnv: NodeJS.ProcessEnv;
  apis: ApiProcess[];
  /** the secret every API replica signs list cursors with */
  cursorSecret: string;
  /** a client of the cluster that encrypts as Tenure's processes do (reconnects by itself after a restart) */
  client: Client;
  /**
   * Stops the Temporal server (SIGTERM, or SIGKILL: a crash), waits `downtimeMs`, starts it again
   * on the same ports and waits until it answers; resolves with how the old process ended.
   */
  restartTemporal(signal: 'SIGTERM' | 'SIGKILL', downtimeMs?: number): Promise<ChildExit>;
  /** stops PostgreSQL (killed by default: a crash), waits `downtimeMs`, starts it again on its data */
  restartPostgres(options?: { kill?: boolean; downtimeMs?: number }): Promise<void>;
  /** the server, worker and API processes running now */
  currentProcesses(): ChildHandle[];
  /** every pid the cluster started (each restart a new one), PostgreSQL's aside */
  pids(): number[];
  /** stops everything, Tenure's processes first; removes the folder it made; safe to call twice */
  close(): Promise<void>;
}

/** The variables of `env` named in `keys` that are set. */
function pick(env: NodeJS.ProcessEnv | undefined, keys: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(keys.filter((key) => env?.[key] !== undefined).map((key) => [key, env![key]]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a cluster; whatever started is stopped again when a later part fails. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[cluster] ${line}\n`));
  const namespace = options.namespace ?? 'default';
  const workerCount = options.workers ?? 2;
  const apiCount = options.apiReplicas ?? 2;
  const closers = new Closers('the cluster');
  const closeAll = () => closers.closeAll();

  try {
    const binaries = options.binaries ?? (await resolveTemporalServerBinaries({ log }));
    const dir = options.dir ?? (await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'tenure-cluster-')));
    if (options.dir) await mkdir(dir, { recursive: true });
    else closers.add(() => rm(dir, { recursive: true, force: true }));

    // A folder of its own (the postgres user must reach it when this process is root), removed at the end.
    const postgres = await startPostgres({ port: await freePort() });
    closers.add(() => postgres.stop({ remove: true }));
    log(`PostgreSQL on 127.0.0.1:${postgres.port}`);
    await applyTemporalSchema(binaries, postgres);
    log(`Temporal schema applied (${binaries.version})`);

    const tls = options.tls ? await createClusterTls(join(dir, 'tls')) : undefined;
    const temporal = await startTemporalServer({
      binaries,
      postgres,
      dir,
      ...(tls ? { tls } : {}),
      ...(options.numHistoryShards ? { numHistoryShards: options.numHistoryShards } : {}),
    });
    closers.add(() => temporal.close());
    log(`Temporal server ${binaries.version} on ${temporal.address}${tls ? ' (mutual TLS)' : ''}`);

    // Lazy: it reconnects by itself when the server comes back after a restart.
    const connection = Connection.lazy(temporal.connectionOptions());
    closers.add(() => connection.close());
    await setupNamespace(connection, namespace, SEARCH_ATTRIBUTES);

    // The Tenure store on the same PostgreSQL server (its own database), as a cluster deploys it:
    // every worker and API replica shares the data keys, the ledger and the guard's permits.
    await postgres.createDatabase('tenure');
    const storeEnv: NodeJS.ProcessEnv = {
      TENURE_DATABASE_URL: postgres.url('tenure'),
      TENURE_MASTER_KEYS: newMasterKeyEntry('cluster'),
      TENURE_DATA_DIR: join(dir, 'data'),
      ...pick(options.env, ['TENURE_DATABASE_URL', 'TENURE_MASTER_KEYS', 'TENURE_DATA_DIR']),
    };
    const codec = await openCodec({ env: storeEnv });
    closers.add(() => codec.close());
    const client = new Client({ connection, namespace, dataConverter: codec.dataConverter });

    const emulator = await startEmulator({ port: 0, ...options.emulator });
    closers.add(() => emulator.close());
    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, ...options.sink });
    closers.add(() => sink.close());

    const cursorSecret = options.env?.API_CURSOR_SECRET ?? randomBytes(32).toString('hex');
    const common: NodeJS.ProcessEnv = {
      ...storeEnv,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: namespace,
      ...(tls ? (options.tlsClientEnv ?? tenureTlsEnv)(tls) : {}),
    };
    // One workflow bundle for every worker, made here: no worker runs webpack (memory it never gives back).
    const bundle = join(dir, 'workflow-bundle.js');
    if (!options.env?.WORKER_WORKFLOW_BUNDLE) await writeWorkflowBundle(bundle);
    const workerEnv: NodeJS.ProcessEnv = {
      WORKER_WORKFLOW_BUNDLE: bundle,
      ...common,
      WORKPLACE_SCIM_URL: emulator.url,
      WORKPLACE_ACCESS_TOKEN: emulator.token,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      ...options.env,
    };
    const apiEnv: NodeJS.ProcessEnv = { ...common, API_CURSOR_SECRET: cursorSecret, ...options.env };

    const workers: WorkerProcess[] = [];
    const apis: ApiProcess[] = [];
    // The API replicas and the workers start at once (the workers load the bundle made above).
    const started = await Promise.allSettled([
      (async () => {
        for (let i = 0; i < workerCount; i++) {
          const worker = await startWorkerProcess(workerEnv, { name: `worker-${String.fromCharCode(97 + i)}` });
          workers.push(worker);
          closers.add(() => worker.close());
        }
      })(),
      ...Array.from({ length: apiCount }, async (_, i) => {
        const api = await startApiProcess(apiEnv, { name: `api-${String.fromCharCode(97 + i)}` });
        apis.push(api);
        closers.add(() => api.close());
      }),
    ]);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    apis.sort((a, b) => a.process.name.localeCompare(b.process.name));
    log(`${workers.length} workers and ${apis.length} API replicas: ${apis.map((api) => api.url).join(', ')}`);

    const currentProcesses = () => [
      temporal.current(),
      ...workers.map((worker) => worker.current()),
      ...apis.map((api) => api.process),
    ];
    return {
      dir,
      namespace,
      binaries,
      postgres,
      temporal,
      ...(tls ? { tls } : {}),
      emulator,
      sink,
      workers,
      workerEnv,
      apis,
      cursorSecret,
      client,
      async restartTemporal(signal, downtimeMs = 0) {
        const exit = await temporal.stop(signal);
        await sleep(downtimeMs);
        await temporal.start();
        return exit;
      },
      async restartPostgres({ kill = true, downtimeMs = 0 } = {}) {
        await postgres.stop({ kill });
        await sleep(downtimeMs);
        await postgres.start();
      },
      currentProcesses,
      pids: () =>
        [
          ...temporal.processes(),
          ...workers.flatMap((worker) => worker.processes()),
          ...apis.map((api) => api.process),
        ].map((child) => child.pid),
      close: closeAll,
    };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}
