import { resolve } from 'node:path';
import { startRestartableProcess, type RestartableProcess } from './restartable-process';

const ROOT = resolve(__dirname, '../..');
// The worker bundles the workflows at start-up (seconds on 2 loaded cores), then logs this.
const RUNNING = /Worker state changed[^\n]*RUNNING/;

/**
 * Tenure's worker run as a deployment runs it: `node --import tsx worker/main.ts`, restartable;
 * `start()` waits until the new process polls.
 */
export type WorkerProcess = RestartableProcess;

/** Starts the worker process with `env` (TEMPORAL_ADDRESS, WORKPLACE_*, SMTP_*, LIFECYCLE_*) and waits until it runs. */
export function startWorkerProcess(
  env: NodeJS.ProcessEnv,
  {
    readyTimeoutMs = 120_000,
    name = 'worker',
    logFile,
    echo,
  }: { readyTimeoutMs?: number; name?: string; logFile?: string; echo?: (line: string) => void } = {},
): Promise<WorkerProcess> {
  return startRestartableProcess({
    label: `the worker ${name}`,
    child: {
      name,
      command: process.execPath,
      args: ['--import', 'tsx', 'worker/main.ts'],
      cwd: ROOT,
      env,
      ...(logFile ? { logFile } : {}),
      ...(echo ? { echo } : {}),
    },
    ready: (child) => child.waitForOutput(RUNNING, readyTimeoutMs),
  });
}
