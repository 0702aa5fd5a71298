import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 33, 35, 32, 34, 31];

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

interface Running {
  spec: ChildSpec;
  process: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Runs the children of the local stack, prefixes their log lines, and stops them all — in the
 * reverse order of their start — when one dies or when it is asked to. Each child gets its own
 * process group so that a stop reaches whatever the child started itself.
 */
export class Supervisor {
  private readonly children: Running[] = [];
  private stopping = false;
  private readonly width: number;
  private readonly color: boolean;

  constructor(
    names: string[],
    private readonly onUnexpectedExit: (name: string, code: number | null) => void,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    this.width = Math.max(...names.map((n) => n.length));
    this.color = Boolean(out.isTTY) && !process.env.NO_COLOR;
  }

  prefix(name: string): string {
    const label = `[${name}]`.padEnd(this.width + 2);
    if (!this.color) return label;
    const index = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % COLORS.length;
    return `\x1b[${COLORS[index]}m${label}\x1b[0m`;
  }

  log(name: string, line: string): void {
    this.out.write(`${this.prefix(name)} ${line}\n`);
  }

  /** Starts a child; refuses once stopping began, so a boot still under way cannot leave orphans. */
  start(spec: ChildSpec): ChildProcess {
    if (this.stopping) throw new Error(`not starting ${spec.name}: the stack is stopping`);
    const child = spawn(spec.command, spec.args, {
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid !== undefined) this.log(spec.name, `started (pid ${child.pid})`);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log(spec.name, line));
    }
    const exited = new Promise<number | null>((resolve) => {
      child.once('error', (err) => {
        this.log(spec.name, `failed to start: ${err.message}`);
        resolve(127);
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    });
    void exited.then((code) => {
      if (!this.stopping) this.onUnexpectedExit(spec.name, code);
    });
    this.children.push({ spec, process: child, exited });
    return child;
  }

  /** Stops every child (SIGTERM to its group, SIGKILL after `graceMs`), last started first. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) {
      await stopGroup(child, graceMs, (line) => this.log(child.spec.name, line));
    }
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

async function stopGroup(child: Running, graceMs: number, log: (line: string) => void): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) {
    signalGroup(child.process, 'SIGKILL'); // grandchildren left behind by a child that died
    return;
  }
  signalGroup(child.process, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    log(`did not stop within ${graceMs} ms; killing it`);
    signalGroup(child.process, 'SIGKILL');
    await child.exited;
  }
  signalGroup(child.process, 'SIGKILL');
}
