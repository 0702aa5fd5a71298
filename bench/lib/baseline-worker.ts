import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawnChild } from '../../scripts/lib/child-process';

/** A running baseline worker process (bench/baseline/worker.ts). */
export interface BaselineWorker {
  stop(): Promise<void>;
}

/**
 * Starts the bare-Temporal baseline's worker process and resolves once it polls, so that a timed
 * burst does not count its start-up (Tenure's workers are running before theirs begins);
 * `onDone` hears each finished baseline workflow.
 */
export async function startBaselineWorker(
  env: NodeJS.ProcessEnv,
  onDone: (id: string) => void,
): Promise<BaselineWorker> {
  const child = spawnChild({
    name: 'baseline-worker',
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/baseline/worker.ts'],
    cwd: join(__dirname, '..', '..'),
    env,
  });
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') resolve();
      else if (line.startsWith('done ')) onDone(line.slice(5));
    });
    void child.exited.then((exit) => reject(new Error(`the baseline worker exited: ${JSON.stringify(exit)}`)));
  });
  const stop = async () => void (await child.stop(10_000));
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
