/**
 * The cluster's frontend with mutual TLS: a plain @temporalio/client connection with the CA and a
 * client certificate gets in; one without TLS, without a client certificate, or trusting another
 * CA does not. The server's own system workers (which run Schedules) reach it through TLS too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { Cluster } from '../../scripts/lib/cluster/cluster';
import { clientTlsOptions } from '../../scripts/lib/cluster/temporal-server-process';
import { createClusterTls } from '../../scripts/lib/cluster/tls-files';
import { clusterSkipReason, serverVersion, startTestCluster } from '../helpers/cluster-stack';
import { eventually } from '../helpers/eventually';

const skip = clusterSkipReason();
const describeCluster = skip ? describe.skip : describe;
if (skip) console.warn(`test:cluster skipped: ${skip}`);

let cluster: Cluster | undefined;

beforeAll(async () => {
  if (skip) return;
  // The server alone: Tenure's processes learn the TLS settings from config/temporal.ts.
  cluster = await startTestCluster(
    { reminderInterval: '2s', maxReminders: 2 },
    { tls: true, workers: 0, apiReplicas: 0 },
  );
}, 180_000);

afterAll(async () => {
  await cluster?.close();
});

describeCluster('the cluster frontend with mutual TLS', () => {
  it('serves a client that trusts its CA and presents a certificate the CA signed', async () => {
    const tls = cluster!.tls!;
    expect(await serverVersion({ address: cluster!.temporal.address, tls: await clientTlsOptions(tls) })).toBe(
      cluster!.binaries.version,
    );
  });

  it('refuses a client without TLS, one without a client certificate, and one that trusts another CA', async () => {
    const { address } = cluster!.temporal;
    const tls = cluster!.tls!;
    await expect(serverVersion({ address })).rejects.toThrow();
    await expect(
      serverVersion({
        address,
        tls: { serverNameOverride: tls.serverName, serverRootCACertificate: await readFile(tls.caFile) },
      }),
    ).rejects.toThrow();
    const other = await createClusterTls(join(cluster!.dir, 'other-ca'));
    await expect(serverVersion({ address, tls: await clientTlsOptions(other) })).rejects.toThrow();
  });

  it("runs the server's system workers through the TLS frontend: a Schedule takes its action", async () => {
    const { client } = cluster!;
    const handle = await client.schedule.create({
      scheduleId: `tls-probe-${Date.now()}`,
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: 'noSuchWorkflow', taskQueue: 'tls-probe' },
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL },
      state: { triggerImmediately: true },
    });
    const { info } = await eventually(
      () => handle.describe(),
      (d) => d.info.recentActions.length > 0,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(info.recentActions[0]!.action.workflow.workflowId).toBeTruthy();
    await handle.delete();
  });
});
