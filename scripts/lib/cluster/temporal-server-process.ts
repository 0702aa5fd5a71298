import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ConnectionOptions } from '@temporalio/client';
import type { ChildExit } from '../child-process';
import { freePort, freePortInRange } from '../free-port';
import type { PostgresServer } from '../postgres';
import { startRestartableProcess, type RestartableProcess } from '../restartable-process';
import type { TemporalServerBinaries } from '../temporal-server-binaries';
import { waitForTemporal } from '../wait-for';
import { temporalServerConfig, type TemporalServerPorts } from './temporal-server-config';
import type { ClusterTls } from './tls-files';

const ROOT = resolve(__dirname, '../../..');
/** docker-compose's dynamic configuration: the cluster runs with the same. */
export const DYNAMIC_CONFIG_FILE = join(ROOT, 'docker/dynamicconfig/development-sql.yaml');

/** The real Temporal server (all services in one process) on PostgreSQL, restartable on the same ports. */
export interface TemporalServerProcess extends RestartableProcess {
  /** host:port of the frontend */
  address: string;
  ports: TemporalServerPorts;
  /** the config file it runs with */
  configFile: string;
  /** how a client connects (TLS options with a TLS frontend) */
  connectionOptions(): ConnectionOptions;
  /** stops it with `signal` (SIGTERM: a clean stop; SIGKILL: a crash) and waits for its exit */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<ChildExit>;
}

/** A client's TLS options for a frontend that asks for Tenure's client certificate. */
export async function clientTlsOptions(tls: ClusterTls): Promise<NonNullable<ConnectionOptions['tls']>> {
  return {
    serverNameOverride: tls.serverName,
    serverRootCACertificate: await readFile(tls.caFile),
    clientCertPair: { crt: await readFile(tls.clientCertFile), key: await readFile(tls.clientKeyFile) },
  };
}

/**
 * Nine free ports. The membership ports are stored in PostgreSQL as `smallint`
 * (`cluster_membership.rpc_port`): a port above 32767 — where the OS picks free ports — makes
 * the server exit at start-up, so they are drawn below that.
 */
async function freePorts(): Promise<TemporalServerPorts> {
  const taken = new Set<number>();
  // Each port is let go of at once: none may be handed out twice.
  const distinct = async (pick: () => Promise<number>) => {
    for (;;) {
      const port = await pick();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  const any = () => distinct(freePort);
  const membership = () => distinct(() => freePortInRange(20_000, 32_767));
  return {
    frontend: await any(),
    frontendHttp: await any(),
    frontendMembership: await membership(),
    history: await any(),
    historyMembership: await membership(),
    matching: await any(),
    matchingMembership: await membership(),
    worker: await any(),
    workerMembership: await membership(),
  };
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  postgres: PostgresServer;
  /** where its config file goes */
  dir: string;
  tls?: ClusterTls;
  numHistoryShards?: number;
  readyTimeoutMs?: number;
}

/**
 * Writes the server's configuration (free ports, the PostgreSQL server, docker-compose's dynamic
 * configuration, TLS when asked), starts `temporal-server start` and waits until the frontend
 * answers health checks. The schema must be applied first (see `applyTemporalSchema`).
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServerProcess> {
  const ports = await freePorts();
  const address = `127.0.0.1:${ports.frontend}`;
  const configFile = join(options.dir, 'temporal-server.json');
  const config = temporalServerConfig({
    ports,
    // The throw-away server trusts local connections: the user is the superuser, no password.
    postgres: { host: '127.0.0.1', port: options.postgres.port, user: 'postgres', password: '' },
    dynamicConfigFile: DYNAMIC_CONFIG_FILE,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.numHistoryShards ? { numHistoryShards: options.numHistoryShards } : {}),
  });
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const tls = options.tls ? await clientTlsOptions(options.tls) : undefined;
  const connectionOptions = (): ConnectionOptions => ({ address, ...(tls ? { tls } : {}) });

  const server = await startRestartableProcess({
    label: 'the Temporal server',
    child: {
      name: 'temporal-server',
      command: options.binaries.server,
      // No authorizer (docker-compose runs none either); with TLS on, client certificates are the boundary.
      args: ['--config-file', configFile, '--allow-no-auth', 'start'],
      cwd: options.dir,
    },
    ready: () => waitForTemporal(address, options.readyTimeoutMs ?? 120_000, tls ? { tls } : {}),
  });
  return { ...server, address, ports, configFile, connectionOptions, stop: (signal) => server.kill(signal) };
}
