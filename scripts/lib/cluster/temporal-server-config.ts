import type { ClusterTls } from './tls-files';

/** The ports one Temporal server process (all four services) listens on. */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

export interface TemporalServerConfigOptions {
  ports: TemporalServerPorts;
  postgres: { host: string; port: number; user: string; password: string };
  /** the dynamic configuration file (docker-compose's, so that both run alike) */
  dynamicConfigFile: string;
  /** history shards: fixed for the life of the database */
  numHistoryShards?: number;
  /** mutual TLS on the frontend (internode traffic stays on 127.0.0.1 in plain text) */
  tls?: ClusterTls;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The static configuration of a Temporal server running every service in one process on
 * PostgreSQL — the module's `config/development-postgres12.yaml`, with the ports, the database,
 * the dynamic configuration and TLS filled in, and without archival, pprof or a metrics listener.
 * JSON is YAML, so the result is written as JSON.
 */
export function temporalServerConfig(o: TemporalServerConfigOptions): Record<string, unknown> {
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${o.postgres.host}:${o.postgres.port}`,
      connectProtocol: 'tcp',
      user: o.postgres.user,
      password: o.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, extra: Record<string, unknown> = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  const tls = o.tls
    ? {
        frontend: {
          server: {
            certFile: o.tls.serverCertFile,
            keyFile: o.tls.serverKeyFile,
            requireClientAuth: true,
            clientCaFiles: [o.tls.caFile],
          },
          client: { serverName: o.tls.serverName, rootCaFiles: [o.tls.caFile] },
        },
        // The server's own workers (schedules, batch, scanner) call the frontend as clients too.
        systemWorker: {
          certFile: o.tls.internalCertFile,
          keyFile: o.tls.internalKeyFile,
          client: { serverName: o.tls.serverName, rootCaFiles: [o.tls.caFile] },
        },
      }
    : undefined;
  return {
    log: { stdout: true, level: o.logLevel ?? 'warn', format: 'json' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: o.numHistoryShards ?? 4,
      datastores: {
        'postgres-default': datastore('temporal', 20),
        'postgres-visibility': datastore('temporal_visibility', 10),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      ...(tls ? { tls } : {}),
    },
    services: {
      frontend: service(o.ports.frontend, o.ports.frontendMembership, { httpPort: o.ports.frontendHttp }),
      history: service(o.ports.history, o.ports.historyMembership),
      matching: service(o.ports.matching, o.ports.matchingMembership),
      worker: service(o.ports.worker, o.ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${o.ports.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: o.dynamicConfigFile, pollInterval: '10s' },
  };
}
