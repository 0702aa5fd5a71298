import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { State } from '@temporalio/worker';

/** A running health endpoint. */
export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz` for container health checks: 200 `{"status":"ok","state":"RUNNING"}` while the
 * worker runs, 503 with its state otherwise (starting, draining, stopped, failed). It says the
 * process is alive and its worker is polling, not that Temporal answers: the worker itself keeps
 * retrying an unreachable frontend, and restarting it would not help.
 */
export async function startHealthServer(options: {
  host: string;
  port: number;
  state: () => State;
}): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/healthz') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
      return;
    }
    const state = options.state();
    const running = state === 'RUNNING';
    response
      .writeHead(running ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ status: running ? 'ok' : 'unavailable', state }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
