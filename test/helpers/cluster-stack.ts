import { Connection } from '@temporalio/client';
import { startCluster, type Cluster, type ClusterOptions } from '../../scripts/lib/cluster/cluster';
import { API_TOKENS, apiCaller, type ApiCaller } from '../api/support';
import type { BurstStack } from './fault-burst';
import type { FaultPolicy } from './process-stack';

/**
 * Why the cluster tests cannot run here, set by their global setup (test/cluster/global-setup.ts)
 * when Go or PostgreSQL is missing; unset when they can.
 */
export const clusterSkipReason = (): string | undefined => process.env.TENURE_CLUSTER_SKIP || undefined;

/** The cluster the tests run: the fault tests' compressed policy, the test tokens, quiet API logs. */
export function startTestCluster(policy: FaultPolicy, options: ClusterOptions = {}): Promise<Cluster> {
  return startCluster({
    ...options,
    env: {
      LIFECYCLE_INVITE_OFFSET: '0s',
      LIFECYCLE_REMINDER_INTERVAL: policy.reminderInterval,
      LIFECYCLE_MAX_REMINDERS: String(policy.maxReminders),
      LIFECYCLE_ESCALATE_AFTER: '0',
      LIFECYCLE_LEAVE_NOTICE: '1s',
      LIFECYCLE_RETENTION: '3s',
      API_TOKENS,
      API_LOG_LEVEL: 'warn',
      API_TEMPORAL_TIMEOUT_MS: '5000',
      ...options.env,
    },
    log: options.log ?? (() => undefined),
  });
}

/** Each call to the next replica in turn: a client behind a load balancer. */
export function roundRobin(replicas: ApiCaller[]): ApiCaller {
  let next = 0;
  return {
    url: replicas.map((replica) => replica.url).join(' | '),
    call: (...args) => replicas[next++ % replicas.length]!.call(...args),
  };
}

/** The cluster as the fault bursts see it: HR's calls spread over every API replica. */
export function clusterBurstStack(cluster: Cluster): BurstStack {
  return {
    api: roundRobin(cluster.apis.map((api) => apiCaller(api.url))),
    emulator: cluster.emulator,
    sink: cluster.sink,
    client: cluster.client,
    currentProcesses: () => cluster.currentProcesses(),
  };
}

/** Connects and asks the server its version; rejects when the connection cannot be made. */
export async function serverVersion(options: Parameters<typeof Connection.connect>[0]): Promise<string> {
  const connection = await Connection.connect({ connectTimeout: 3_000, ...options });
  try {
    return (await connection.workflowService.getSystemInfo({})).serverVersion;
  } finally {
    await connection.close();
  }
}
