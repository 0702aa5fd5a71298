import { resolve } from 'node:path';
import { spawnChild, type ChildHandle } from './child-process';
import { freePort } from './free-port';
import { waitForHttp } from './wait-for';

const ROOT = resolve(__dirname, '../..');

/** Tenure's API run as a deployment runs it: `node --import tsx api/server.ts` on a port of its own. */
export interface ApiProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  process: ChildHandle;
  /** SIGTERM (the API drains its requests), then SIGKILL */
  close(): Promise<void>;
}

/** Starts an API process with `env` (TEMPORAL_*, API_*) on a free port and waits until `/healthz` answers. */
export async function startApiProcess(
  env: NodeJS.ProcessEnv,
  {
    name = 'api',
    readyTimeoutMs = 120_000,
    logFile,
  }: { name?: string; readyTimeoutMs?: number; logFile?: string } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawnChild({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', 'api/server.ts'],
    cwd: ROOT,
    env: { ...env, API_HOST: '127.0.0.1', API_PORT: String(port) },
    ...(logFile ? { logFile } : {}),
  });
  const url = `http://127.0.0.1:${port}`;
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
