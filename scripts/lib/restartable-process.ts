import { spawnChild, type ChildExit, type ChildHandle, type ChildSpec } from './child-process';

/** A process a test or a harness stops and starts again (a server, a worker), one at a time. */
export interface RestartableProcess {
  /** the current process (a new one after each restart) */
  current(): ChildHandle;
  /** every process started so far, oldest first */
  processes(): ChildHandle[];
  /** starts a new process and waits until it is ready; refuses while one runs */
  start(): Promise<void>;
  /** sends the current process `signal` and waits for its exit */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  /** stops every process it started for good (SIGTERM, then SIGKILL after `graceMs`) */
  close(): Promise<void>;
}

export interface RestartableSpec {
  /** what the process is, for messages ("the Temporal server") */
  label: string;
  /** the child to run; `name` gets `-1`, `-2`, … for each start */
  child: ChildSpec;
  /** resolves once `child` is ready to serve */
  ready(child: ChildHandle): Promise<void>;
  /** grace of a SIGTERM at `close` before SIGKILL */
  closeGraceMs?: number;
}

/**
 * Starts the process and waits until it is ready. A process that exits before it is ready ends
 * the wait at once with its output (a port still held, a broken file), and is not left running
 * when the wait fails otherwise.
 */
export async function startRestartableProcess(spec: RestartableSpec): Promise<RestartableProcess> {
  const all: ChildHandle[] = [];
  const current = () => {
    const last = all[all.length - 1];
    if (!last) throw new Error(`${spec.label} was never started`);
    return last;
  };

  async function start(): Promise<void> {
    if (all.length > 0 && current().running()) throw new Error(`${spec.label} is already running`);
    const child = spawnChild({ ...spec.child, name: `${spec.child.name}-${all.length + 1}` });
    all.push(child);
    try {
      await Promise.race([
        spec.ready(child),
        child.exited.then((exit) => {
          throw new Error(`${spec.label} exited at start-up (${JSON.stringify(exit)}):\n${child.output()}`);
        }),
      ]);
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
      for (const child of all) await child.stop(spec.closeGraceMs ?? 10_000);
    },
  };
}
