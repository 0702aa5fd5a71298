/**
 * `npm run cluster [-- --workers N --apis N --tls]`: Tenure on a real Temporal cluster on this machine —
 * PostgreSQL, the Temporal server 1.32.1 (built from the Go module proxy on first use), two workers
 * and two API replicas (by default) sharing a cursor secret, the Workplace emulator and the SMTP
 * sink — with free ports, the keep-alive Schedule run once, and everything printed. Variables set
 * in the shell (a lifecycle policy, API_TOKENS) reach the workers and the APIs. A throw-away
 * cluster: Ctrl-C stops it and removes its data. The same harness runs `npm run test:cluster`.
 */
import { parseArgs } from 'node:util';
import { DEV_TOKEN_ENTRIES } from '../api/plugins/api-tokens';
import { startCluster } from './lib/cluster/cluster';
import { checkKeepAlive } from './lib/check-keep-alive';

// What HR presents when API_TOKENS is not set (the development tokens).
const DEV_HR_TOKEN = DEV_TOKEN_ENTRIES.hr.token;

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`--${name} must be a whole number from 1 to 8`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { workers: { type: 'string' }, apis: { type: 'string' }, tls: { type: 'boolean' } },
  });
  const say = (line: string) => process.stdout.write(`[cluster] ${line}\n`);
  const cluster = await startCluster({
    workers: count(values.workers, 2, 'workers'),
    apiReplicas: count(values.apis, 2, 'apis'),
    tls: values.tls ?? false,
    log: say,
  });
  let stopping = false;
  const stop = async (reason: string): Promise<number> => {
    if (stopping) return 0;
    stopping = true;
    say(`${reason}: stopping`);
    await cluster.close();
    say('stopped');
    return reason.startsWith('SIG') ? 0 : 1;
  };
  try {
    const check = await checkKeepAlive(cluster.client);
    say(`keep-alive schedule ${check.schedule}; Workplace answered (${check.workflowId})`);
  } catch (error) {
    say(`the keep-alive check failed: ${error instanceof Error ? error.message : String(error)}`);
    return stop('start-up failed');
  }

  say('');
  say(`Tenure is running on a Temporal ${cluster.binaries.version} cluster:`);
  say(`  Temporal gRPC      ${cluster.temporal.address} (namespace ${cluster.namespace}; no Web UI)`);
  if (cluster.tls)
    say(`                     mutual TLS: CA ${cluster.tls.caFile}, client ${cluster.tls.clientCertFile}`);
  say(`  Tenure store       ${cluster.postgres.url('tenure')}`);
  say(`  PostgreSQL         ${cluster.postgres.url('temporal')} and …/temporal_visibility`);
  for (const api of cluster.apis) say(`  API (${api.process.name})    ${api.url}  (docs: ${api.url}/docs)`);
  if (!process.env.API_TOKENS) say(`                     development hr token: ${DEV_HR_TOKEN}`);
  say(`  workers            ${cluster.workers.map((w) => `${w.current().name} (pid ${w.current().pid})`).join(', ')}`);
  say(`  Workplace emulator ${cluster.emulator.url}  (users: ${cluster.emulator.url}/_emulator/users)`);
  say(`  Mail (SMTP sink)   ${cluster.sink.httpUrl}/  (SMTP on port ${cluster.sink.smtpPort})`);
  say(`  server config      ${cluster.temporal.configFile}`);
  say('Press Ctrl-C to stop (the cluster is throw-away: its data goes with it).');

  return new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => void stop(signal).then(resolve));
    }
    // A process that dies stops the whole cluster, with its last words. A Ctrl-C in the terminal
    // reaches the children too: their exit waits a moment, so that the signal is seen first.
    for (const child of cluster.currentProcesses()) {
      void child.exited.then(async (exit) => {
        await new Promise((r) => setTimeout(r, 500));
        if (stopping) return;
        process.stderr.write(`${child.output().slice(-3_000)}\n`);
        resolve(await stop(`${child.name} exited (${JSON.stringify(exit)})`));
      });
    }
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
