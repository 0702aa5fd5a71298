import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/server';
import { startSmtpSink, type RunningSmtpSink, type SmtpSinkOptions } from '../../../smtp-sink/sink';
import { startApiProcess, type ApiListen, type ApiProcess } from '../api-process';
import type { ChildHandle } from '../child-process';
import { Closers } from '../closers';
import { startWorkerProcess, type WorkerProcess } from '../worker-process';
import { freshCodecEnv } from './codec-env';
import { startDevServer, type DevServerProcess, type DevServerSpec } from './dev-server';
import { serviceEnv } from './service-env';
import type { StackProcessName, StackWatch } from './stack-watch';

/** A worker or API process of the stack: its own variables (over the stack's) and a file for its log. */
export interface ProcessPart {
  env?: NodeJS.ProcessEnv;
  logFile?: string;
}

/** What to assemble; every part is optional but the emulator and the mail sink. */
export interface LocalStackOptions {
  /** what the stack is, for failure messages ("the bench stack") */
  label: string;
  /** the stack's folder (dev server database, Tenure store), removed at close; a new temporary one otherwise */
  dir?: string;
  /** leaves `dir` in place at close: a data folder a restart reuses (`npm start`) */
  keepDir?: boolean;
  /** a dev server process of this stack (persisted in its folder unless `inMemory`), or a server already running */
  temporal: { devServer: Omit<DevServerSpec, 'dir'> & { inMemory?: boolean } } | { address: string };
  /** the Workplace emulator, in this process, on a free port unless given */
  emulator?: EmulatorOptions;
  /** the SMTP sink, in this process, on free ports unless given */
  sink?: SmtpSinkOptions;
  /** the Tenure store and master key of the processes (TENURE_*); a fresh SQLite store and key otherwise */
  storeEnv?: NodeJS.ProcessEnv;
  /** variables of both processes, under the stack's own */
  env?: NodeJS.ProcessEnv;
  /** Tenure's worker as a process (`worker/main.ts`) */
  worker?: ProcessPart;
  /** Tenure's API as a process (`api/server.ts`) on a free port unless `listen` says where */
  api?: ProcessPart & { listen?: ApiListen };
  /** what the processes write, and their unexpected exits (`npm start` prints the one, stops on the other) */
  watch?: StackWatch;
  /** aborts the start (a Ctrl-C while it is under way): what started is stopped, nothing more starts */
  signal?: AbortSignal;
}

/** A running local stack: the handles of its parts and one `close` for all of them. */
export interface LocalStack {
  dir: string;
  temporalAddress: string;
  /** the dev server process, when the stack started one */
  devServer?: DevServerProcess;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  /** the TENURE_* variables of the stack's store and master key */
  storeEnv: NodeJS.ProcessEnv;
  /** what the worker and the API processes got before their own variables: store, keys, service addresses */
  childEnv: NodeJS.ProcessEnv;
  worker?: WorkerProcess;
  api?: ApiProcess;
  /** what else the caller starts on the stack, closed before the stack's own parts */
  closers: Closers;
  /** stops everything, last started first; safe after a failed start or twice */
  close(): Promise<void>;
}

/**
 * Tenure on one machine, assembled the same way for the tests, the benchmarks and the scripts:
 * Temporal, the Workplace emulator and the SMTP sink, the Tenure store and master key, then the
 * worker and the API as processes configured by the variables a deployment sets. Whatever started
 * is stopped again if a later part fails.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const closers = new Closers(options.label);
  const { watch, signal } = options;
  let closing = false;
  const close = () => {
    closing = true;
    return closers.closeAll();
  };
  const echo = (part: StackProcessName) => (watch ? { echo: (line: string) => watch.line(part, line) } : {});
  const follow = (part: StackProcessName, child: ChildHandle) =>
    void child.exited.then((exit) => {
      if (watch && !closing) watch.exited(part, exit);
    });
  const notAborted = () => {
    if (signal?.aborted) throw new Error(`${options.label}: the start was aborted`);
  };
  try {
    notAborted();
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'tenure-stack-')));
    if (!options.keepDir) closers.add(() => rm(dir, { recursive: true, force: true }));
    let devServer: DevServerProcess | undefined;
    if ('devServer' in options.temporal) {
      const { inMemory, ...spec } = options.temporal.devServer;
      devServer = await startDevServer({ ...spec, ...(inMemory ? {} : { dir }), ...echo('temporal') });
      closers.add(() => devServer!.close());
      follow('temporal', devServer.current());
      notAborted();
    }
    const temporalAddress = devServer?.address ?? (options.temporal as { address: string }).address;
    const emulator = await startEmulator({ port: 0, ...options.emulator });
    closers.add(() => emulator.close());
    const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, ...options.sink });
    closers.add(() => sink.close());
    notAborted();
    const storeEnv = options.storeEnv ?? { ...(await freshCodecEnv(dir, 'stack')) };
    const childEnv: NodeJS.ProcessEnv = {
      ...options.env,
      ...storeEnv,
      ...serviceEnv({ temporalAddress, workplace: emulator, smtpPort: sink.smtpPort }),
    };
    const stack: LocalStack = {
      dir,
      temporalAddress,
      ...(devServer ? { devServer } : {}),
      emulator,
      sink,
      storeEnv,
      childEnv,
      closers,
      close,
    };
    if (options.worker) {
      const part = options.worker;
      stack.worker = await startWorkerProcess(
        { ...childEnv, ...part.env },
        { ...(part.logFile ? { logFile: part.logFile } : {}), ...echo('worker') },
      );
      // Stopped before the server: a worker polling a stopped server only logs errors.
      closers.add(() => stack.worker!.close());
      follow('worker', stack.worker.current());
      notAborted();
    }
    if (options.api) {
      const part = options.api;
      stack.api = await startApiProcess(
        { ...childEnv, ...part.env },
        {
          ...(part.logFile ? { logFile: part.logFile } : {}),
          ...(part.listen ? { listen: part.listen } : {}),
          ...echo('api'),
        },
      );
      closers.add(() => stack.api!.close());
      follow('api', stack.api.process);
      notAborted();
    }
    return stack;
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
