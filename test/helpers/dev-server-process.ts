import { join } from 'node:path';
import { devServerArgs } from '../../scripts/lib/dev-server-args';
import { waitForTemporal } from '../../scripts/lib/wait-for';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { spawnChild, type ChildExit, type ChildHandle } from '../../scripts/lib/child-process';
import { freePort } from '../../scripts/lib/free-port';

/** A Temporal dev server run as `npm start` runs it: its own process, persisted in a SQLite file. */
export interface DevServerProcess {
  /** host:port of the frontend; the same across restarts */
  address: string;
  dbFilename: string;
  /** the current process (a new one after each restart) */
  current(): ChildHandle;
  /** every process started so far, oldest first */
  processes(): ChildHandle[];
  /** stops the server with `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and waits for its exit */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<ChildExit>;
  /** starts it again on the same file and port, and waits until its frontend answers */
  start(): Promise<void>;
  /** stops it for good (SIGTERM, then SIGKILL) */
  close(): Promise<void>;
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
  const all: ChildHandle[] = [];
  const current = () => {
    const last = all[all.length - 1];
    if (!last) throw new Error('the dev server was never started');
    return last;
  };

  async function start(): Promise<void> {
    if (all.length > 0 && current().running()) throw new Error('the dev server is already running');
    const child = spawnChild({ name: `temporal-${all.length + 1}`, command: binary(), args });
    all.push(child);
    try {
      // A crash at start-up (a port still held, a broken file) ends the wait at once.
      await Promise.race([
        waitForTemporal(address, readyTimeoutMs),
        child.exited.then((exit) => {
          throw new Error(`the dev server exited at start-up (${JSON.stringify(exit)}):\n${child.output()}`);
        }),
      ]);
    } catch (error) {
      await child.stop(2_000);
      throw error;
    }
  }

  await start();
  return {
    address,
    dbFilename,
    current,
    processes: () => [...all],
    stop: (signal) => current().kill(signal),
    start,
    async close() {
      for (const child of all) await child.stop(5_000);
    },
  };
}
