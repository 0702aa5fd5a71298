import { join } from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../../workflows/contract';
import type { ChildExit } from '../child-process';
import { devServerArgs } from '../dev-server-args';
import { freePort } from '../free-port';
import { startRestartableProcess, type RestartableProcess } from '../restartable-process';
import { waitForTemporal } from '../wait-for';

/** A Temporal dev server run as `npm start` runs it: its own process, with Tenure's search attributes. */
export interface DevServerProcess extends RestartableProcess {
  /** host:port of the frontend; the same across restarts */
  address: string;
  /** the SQLite file it persists to; absent when it runs in memory */
  dbFilename?: string;
  /** stops the server with `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and waits for its exit */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<ChildExit>;
}

/** How to run the dev server; free ports and the `default` namespace unless given. */
export interface DevServerSpec {
  /** the gRPC port (`npm start`: TEMPORAL_PORT); a free one otherwise */
  port?: number;
  /** the Web UI port (`npm start`: TEMPORAL_UI_PORT); a free one otherwise */
  uiPort?: number;
  /** where the Web UI has payloads decoded (`npm start`: the API's `/codec`) */
  uiCodecEndpoint?: string;
  /** gets every line the server writes (what `npm start` prints) */
  echo?: (line: string) => void;
  /** the `temporal` CLI; TEMPORAL_CLI_PATH otherwise */
  binary?: string;
  /** a folder for its SQLite file (`temporal.db`); in memory without one */
  dir?: string;
  /** without the Web UI (what a benchmark wants) */
  headless?: boolean;
  namespace?: string;
  readyTimeoutMs?: number;
}

function cliPath(spec: DevServerSpec): string {
  const path = spec.binary ?? process.env.TEMPORAL_CLI_PATH;
  if (!path) throw new Error('TEMPORAL_CLI_PATH is not set: `npm run temporal:install` finds or installs the CLI');
  return path;
}

/** Starts `temporal server start-dev` (on free ports unless given) and waits until it answers health checks. */
export async function startDevServer(spec: DevServerSpec = {}): Promise<DevServerProcess> {
  const binary = cliPath(spec);
  const port = spec.port ?? (await freePort());
  const uiPort = spec.uiPort ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const dbFilename = spec.dir ? join(spec.dir, 'temporal.db') : undefined;
  const args = devServerArgs({
    ip: '127.0.0.1',
    port,
    uiPort,
    ...(dbFilename ? { dbFilename } : {}),
    ...(spec.headless ? { headless: true } : {}),
    namespace: spec.namespace ?? 'default',
    searchAttributes: SEARCH_ATTRIBUTES,
    ...(spec.uiCodecEndpoint ? { uiCodecEndpoint: spec.uiCodecEndpoint } : {}),
  });
  const readyTimeoutMs = spec.readyTimeoutMs ?? 60_000;
  const server = await startRestartableProcess({
    label: 'the dev server',
    child: { name: 'temporal', command: binary, args, ...(spec.echo ? { echo: spec.echo } : {}) },
    ready: () => waitForTemporal(address, readyTimeoutMs),
    closeGraceMs: 5_000,
  });
  return { ...server, address, ...(dbFilename ? { dbFilename } : {}), stop: (signal) => server.kill(signal) };
}
