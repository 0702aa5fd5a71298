import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process a test started. */
export interface ChildHandle {
  name: string;
  pid: number;
  /** resolves when the process has exited */
  exited: Promise<ChildExit>;
  /** true until the process has exited */
  running(): boolean;
  /** its standard output, for a reader of its own */
  stdout: NodeJS.ReadableStream;
  /** the last lines it wrote (stdout and stderr together), for failure messages */
  output(): string;
  /** resolves once a line of its output matches `pattern`; rejects if it exits first or after `timeoutMs` */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** sends it `signal` and waits until it has exited */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still there */
  stop(graceMs?: number): Promise<ChildExit>;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** a file that receives everything the process writes (stdout and stderr), whole */
  logFile?: string;
  /** gets a `started (pid N)` note, then every line the process writes (what `npm start` prints) */
  echo?: (line: string) => void;
}

const OUTPUT_KEPT = 64 * 1024;
// Every pid started by this module instance — in a test, by this test file (Jest gives each file its
// own module registry): what the tests prove is gone at the end.
const started = new Set<number>();

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every pid started through `spawnChild` (in a test: in this test file). */
export function startedPids(): number[] {
  return [...started];
}

/**
 * Starts a child process, keeps the tail of its output, and remembers its pid for the leftover
 * check. It stays in its parent's process group (Jest's, a script's), so that a Ctrl-C in the
 * terminal reaches it too (an exit hook would not help in tests: Jest gives test code a copy of
 * `process` whose 'exit' never fires).
 */
export function spawnChild(spec: ChildSpec): ChildHandle {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${spec.name} did not start: ${spec.command}`);
  const pid = child.pid;
  started.add(pid);
  if (spec.echo) {
    spec.echo(`started (pid ${pid})`);
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', spec.echo);
  }

  let tail = '';
  const watchers = new Set<() => void>();
  const log = spec.logFile ? createWriteStream(spec.logFile, { flags: 'a' }) : undefined;
  child.once('exit', () => log?.end());
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    for (const watcher of watchers) watcher();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let exit: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      for (const watcher of watchers) watcher();
      resolve(exit);
    });
  });

  const handle: ChildHandle = {
    name: spec.name,
    pid,
    stdout: child.stdout,
    exited,
    running: () => exit === undefined,
    output: () => tail,
    waitForOutput(pattern, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`${spec.name} did not print ${String(pattern)} within ${timeoutMs} ms:\n${tail}`));
        }, timeoutMs);
        function check() {
          if (pattern.test(tail)) {
            clearTimeout(timer);
            watchers.delete(check);
            resolve();
          } else if (exit) {
            clearTimeout(timer);
            watchers.delete(check);
            reject(
              new Error(`${spec.name} exited (${JSON.stringify(exit)}) before printing ${String(pattern)}:\n${tail}`),
            );
          }
        }
        watchers.add(check);
        check();
      });
    },
    async kill(signal) {
      if (exit) return exit;
      child.kill(signal);
      return exited;
    },
    async stop(graceMs = 10_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') child.kill('SIGKILL');
      return exited;
    },
  };
  return handle;
}
