import { resolve } from 'node:path';
import { spawnChild, type ChildExit, type ChildHandle } from './child-process';

const ROOT = resolve(__dirname, '../..');
// The worker bundles the workflows at start-up (seconds on 2 loaded cores), then logs this.
const RUNNING = /Worker state changed[^\n]*RUNNING/;

/** Tenure's worker run as a deployment runs it: `node --import tsx worker/main.ts`, restartable. */
export interface WorkerProcess {
  /** the current process (a new one after each restart) */
  current(): ChildHandle;
  /** every process started so far, oldest first */
  processes(): ChildHandle[];
  /** starts a new worker process and waits until it polls */
  start(): Promise<void>;
  /** kills the current process with `signal` and waits for its exit */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  /** stops it for good (SIGTERM, then SIGKILL) */
  close(): Promise<void>;
}

/** Starts the worker process with `env` (TEMPORAL_ADDRESS, WORKPLACE_*, SMTP_*, LIFECYCLE_*) and waits until it runs. */
export async function startWorkerProcess(
  env: NodeJS.ProcessEnv,
  { readyTimeoutMs = 120_000, name = 'worker' } = {},
): Promise<WorkerProcess> {
  const all: ChildHandle[] = [];
  const current = () => {
    const last = all[all.length - 1];
    if (!last) throw new Error('the worker was never started');
    return last;
  };

  async function start(): Promise<void> {
    if (all.length > 0 && current().running()) throw new Error('the worker is already running');
    const child = spawnChild({
      name: `${name}-${all.length + 1}`,
      command: process.execPath,
      args: ['--import', 'tsx', 'worker/main.ts'],
      cwd: ROOT,
      env,
    });
    all.push(child);
    try {
      await child.waitForOutput(RUNNING, readyTimeoutMs);
    } catch (error) {
      await child.stop(2_000);
      throw error;
    }
  }

  await start();
  return {
    current,
    processes: () => [...all],
    start,
    kill: (signal) => current().kill(signal),
    async close() {
      for (const child of all) await child.stop(10_000);
    },
  };
}
