import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/lib/free-port';

const ROOT = resolve(__dirname, '../..');

/** A project script run as a user runs it (`node --import tsx <entry>`), its output kept. */
export interface ScriptRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** the pids of the processes the script announced (`started (pid N)`) */
  pids: () => number[];
}

export function runScript(entry: string, env: NodeJS.ProcessEnv): ScriptRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const pids = () => [...out.matchAll(/started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  return { child, output: () => out, exited, pids };
}

/** Resolves once the output holds `text`; fails with the output if the script exits first or time runs out. */
export async function waitForOutput(run: ScriptRun, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`'${text}' not seen; output so far:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The environment of a whole local stack (`npm start`) of its own: a fresh data folder and free ports. */
export async function stackEnv(prefix: string): Promise<{ dataDir: string; env: NodeJS.ProcessEnv }> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dataDir,
    env: {
      TENURE_DATA_DIR: dataDir,
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      API_PORT: String(await freePort()),
      EMULATOR_PORT: String(await freePort()),
      SMTP_SINK_SMTP_PORT: String(await freePort()),
      SMTP_SINK_HTTP_PORT: String(await freePort()),
    },
  };
}
