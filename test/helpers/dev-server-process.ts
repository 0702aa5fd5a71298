import { join } from 'node:path';
import { devServerArgs } from '../../scripts/lib/dev-server-args';
import { waitForTemporal } from '../../scripts/lib/wait-for';
import { SEARCH_ATTRIBUTES } from '../../workflows/contract';
import type { ChildExit } from '../../scripts/lib/child-process';
import { freePort } from '../../scripts/lib/free-port';
import { startRestartableProcess, type RestartableProcess } from '../../scripts/lib/restartable-process';

/** A Temporal dev server run as `npm start` runs it: its own process, persisted in a SQLite file. */
export interface DevServerProcess extends RestartableProcess {
  /** host:port of the frontend; the same across restarts */
  address: string;
  dbFilename: string;
  /** stops the server with `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and waits for its exit */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<ChildExit>;
}

function binary(): string {
  const path = process.env.TEMPORAL_CLI_PATH;
  if (!path) throw new Error('TEMPORAL_CLI_PATH is not set: run the tests through Jest (its global setup installs it)');
  return path;
}

/**
 * Starts `temporal server start-dev` with Tenure's search attributes on a SQLite file in `dir`
 * and free ports, and waits until it answers health checks.
 */
export async function startDevServerProcess(dir: string, { readyTimeoutMs = 60_000 } = {}): Promise<DevServerProcess> {
  const port = await freePort();
  const uiPort = await freePort();
  const address = `127.0.0.1:${port}`;
  const dbFilename = join(dir, 'temporal.db');
  const args = devServerArgs({
    ip: '127.0.0.1',
    port,
    uiPort,
    dbFilename,
    namespace: 'default',
    searchAttributes: SEARCH_ATTRIBUTES,
  });
  const server = await startRestartableProcess({
    label: 'the dev server',
    child: { name: 'temporal', command: binary(), args },
    ready: () => waitForTemporal(address, readyTimeoutMs),
    closeGraceMs: 5_000,
  });
  return { ...server, address, dbFilename, stop: (signal) => server.kill(signal) };
}
