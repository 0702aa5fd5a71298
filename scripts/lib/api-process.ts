import { resolve } from 'node:path';
import { spawnChild, type ChildHandle } from './child-process';
import { freePort } from './free-port';
import { waitForHttp } from './wait-for';

const ROOT = resolve(__dirname, '../..');

/** Where an API process listens. */
export interface ApiListen {
  host: string;
  port: number;
}

/** Tenure's API run as a deployment runs it: `node --import tsx api/server.ts` on a port of its own. */
export interface ApiProcess {
  /** `http://<host>:<port>`: `http://127.0.0.1:<free port>` unless told where to listen */
  url: string;
  process: ChildHandle;
  /** SIGTERM (the API drains its requests), then SIGKILL */
  close(): Promise<void>;
}

/** Starts an API process with `env` (TEMPORAL_*, API_*) and waits until `/healthz` answers. */
export async function startApiProcess(
  env: NodeJS.ProcessEnv,
  {
    name = 'api',
    readyTimeoutMs = 120_000,
    logFile,
    listen,
    echo,
  }: {
    name?: string;
    readyTimeoutMs?: number;
    logFile?: string;
    /** where it listens (`npm start`: API_HOST and API_PORT); 127.0.0.1 on a free port otherwise */
    listen?: ApiListen;
    echo?: (line: string) => void;
  } = {},
): Promise<ApiProcess> {
  const { host, port } = listen ?? { host: '127.0.0.1', port: await freePort() };
  const child = spawnChild({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', 'api/server.ts'],
    cwd: ROOT,
    env: { ...env, API_HOST: host, API_PORT: String(port) },
    ...(logFile ? { logFile } : {}),
    ...(echo ? { echo } : {}),
  });
  const url = `http://${host}:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, readyTimeoutMs),
      child.exited.then((exit) => {
        throw new Error(`${name} exited at start-up (${JSON.stringify(exit)}):\n${child.output()}`);
      }),
    ]);
  } catch (error) {
    await child.stop(2_000);
    throw error;
  }
  return { url, process: child, close: async () => void (await child.stop(10_000)) };
}
