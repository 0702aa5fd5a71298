/**
 * Tenure as a company running it on a Temporal cluster deploys it: the real Temporal server (every
 * service in one process) on PostgreSQL, two worker processes and two API replicas sharing a
 * cursor secret, the Workplace emulator and the SMTP sink. The frontend speaks mutual TLS, and the
 * workers and API replicas reach it with the `TEMPORAL_TLS_*` settings an operator sets. A lifecycle is driven across the
 * replicas; then bursts of joiners go through both replicas while a worker is SIGKILLed,
 * PostgreSQL is killed and restarted, and the Temporal server is stopped and crashed. Sizes come
 * from `TENURE_FAULTS_SCALE` (see test/helpers/fault-scale.ts).
 */
import { spawnSync } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { join } from 'node:path';
import { employeesQuery } from '../../api/lifecycle/visibility-query';
import type { Cluster } from '../../scripts/lib/cluster/cluster';
import { isAlive, startedPids, type ChildExit } from '../../scripts/lib/child-process';
import { portAnswers } from '../../scripts/lib/free-port';
import { findPostgresBinDir } from '../../scripts/lib/postgres';
import { TASK_QUEUE, type EmployeeStatus, type Stage } from '../../workflows/contract';
import { apiCaller, joiner, type ApiCaller } from '../api/support';
import { NO_PROBLEMS } from '../helpers/burst-audit';
import { clusterBurstStack, clusterSkipReason, serverVersion, startTestCluster } from '../helpers/cluster-stack';
import { eventually } from '../helpers/eventually';
import { endBurst, runBurst, type BurstOutcome, type BurstStack } from '../helpers/fault-burst';
import { faultScale } from '../helpers/fault-scale';
import { DAY, dateIn } from '../helpers/lifecycle';

const scale = faultScale();
jest.setTimeout(scale.testTimeoutMs);

const skip = clusterSkipReason();
const describeCluster = skip ? describe.skip : describe;
if (skip) console.warn(`test:cluster skipped: ${skip}`);

let cluster: Cluster | undefined;
let stack: BurstStack;
let apiA: ApiCaller;
let apiB: ApiCaller;
// The employees of the running burst, whose lifecycles end with it.
let burstEmployees: string[] = [];

beforeAll(async () => {
  if (skip) return;
  cluster = await startTestCluster(scale, { tls: true });
  stack = clusterBurstStack(cluster);
  [apiA, apiB] = cluster.apis.map((api) => apiCaller(api.url)) as [ApiCaller, ApiCaller];
}, 300_000);

afterEach(async () => {
  if (cluster) await endBurst(cluster, burstEmployees);
  burstEmployees = [];
});

afterAll(async () => {
  await cluster?.close();
});

/** Reads an employee through `api` until `done` accepts the status. */
function statusVia(api: ApiCaller, id: string, done: (s: EmployeeStatus) => boolean): Promise<EmployeeStatus> {
  return eventually(
    async () => {
      const reply = await api.call('GET', `/v1/employees/${id}`);
      return (reply.status === 200 ? reply.body : { stage: `HTTP ${reply.status}` }) as EmployeeStatus;
    },
    done,
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}
const inStage = (api: ApiCaller, id: string, stage: Stage) => statusVia(api, id, (s) => s.stage === stage);

/** When the running PostgreSQL server started (a restart changes it). */
function postmasterStartTime(): string {
  const psql = spawnSync(
    join(findPostgresBinDir()!, 'psql'),
    [cluster!.postgres.url(), '-qAtc', 'select pg_postmaster_start_time()'],
    { encoding: 'utf8' },
  );
  if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);
  return psql.stdout.trim();
}

/** Runs a burst, prints its figures and checks what every fault scenario must end with. */
async function burst(label: string, faults: Parameters<typeof runBurst>[3]): Promise<BurstOutcome> {
  const outcome = await runBurst(stack, scale, label, async (context) => {
    burstEmployees = context.joiners.map((j) => j.employeeId);
    await faults(context);
  });
  console.log(outcome.summary);
  expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
  expect(outcome.audit.accounts).toBe(scale.joiners);
  return outcome;
}

describeCluster(
  `Tenure on a Temporal cluster on PostgreSQL, two workers and two API replicas (${scale.name} scale)`,
  () => {
    it('runs every worker and API replica through the mutual-TLS frontend, which refuses a client without TLS', async () => {
      const address = cluster!.temporal.address;
      // Plain gRPC is turned away, so whatever reaches the server went through TLS.
      await expect(serverVersion({ address })).rejects.toThrow();
      // Each API replica is ready: it reached Temporal.
      for (const api of cluster!.apis) expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      // Each worker process polls the task queue (pollers are named pid@host).
      const workerPids = cluster!.workers.map((worker) => worker.current().pid).sort();
      const pollers = await eventually(
        async () => {
          const queue = await cluster!.client.workflowService.describeTaskQueue({
            namespace: cluster!.namespace,
            taskQueue: { name: TASK_QUEUE },
          });
          return [...new Set(queue.pollers.map((poller) => Number(poller.identity?.split('@')[0])))].sort();
        },
        (pids) => workerPids.every((pid) => pids.includes(pid)),
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(pollers).toEqual(expect.arrayContaining(workerPids));
    });

    it('drives a lifecycle across the replicas: created through one, read, listed page by page and ended through the other', async () => {
      const department = `cluster-${Date.now().toString(36)}`;
      const startDate = dateIn(Date.now() - DAY);
      const records = [1, 2, 3].map(() => joiner({ department, startDate }));
      for (const record of records) {
        const created = await apiA.call('POST', '/v1/employees', { body: record });
        expect(created.status).toBe(201);
      }
      const id = records[0]!.employeeId;
      burstEmployees = records.map((r) => r.employeeId);

      // Read through B: the workflow provisioned and invited the account.
      const invited = await inStage(apiB, id, 'Invited');
      const account = cluster!.emulator.store.findByExternalId(id);
      expect(account?.id).toBe(invited.workplaceUserId);

      // Listed through B, two per page; the cursor B signed is good at A too (one secret).
      const firstPage = await eventually(
        () => apiB.call('GET', `/v1/employees?department=${department}&limit=2`),
        (reply) => reply.status === 200 && reply.body.items?.length === 2 && Boolean(reply.body.nextCursor),
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      const cursor = encodeURIComponent(firstPage.body.nextCursor!);
      const secondPage = await apiB.call('GET', `/v1/employees?department=${department}&limit=2&cursor=${cursor}`);
      expect(secondPage.status).toBe(200);
      expect(secondPage.body.nextCursor ?? null).toBeNull();
      const listed = [...firstPage.body.items!, ...secondPage.body.items!].map((item) => item.employeeId).sort();
      expect(listed).toEqual(records.map((r) => r.employeeId).sort());
      const sameAtA = await apiA.call('GET', `/v1/employees?department=${department}&limit=2&cursor=${cursor}`);
      expect(sameAtA.status).toBe(200);
      expect(sameAtA.body.items?.map((item) => item.employeeId)).toEqual(
        secondPage.body.items!.map((i) => i.employeeId),
      );

      // The employee opens their claim link; B sees them Active; the leave through B deactivates; after retention the
      // claimed account awaits its manual deletion, confirmed through A; B reads them Deleted.
      const token = cluster!.emulator.store.findByExternalId(id)!.status.claimToken;
      expect((await fetch(`${cluster!.emulator.url}/claim/${token}`)).status).toBe(200);
      await inStage(apiB, id, 'Active');
      const leave = await apiB.call('POST', `/v1/employees/${id}/leave`, { body: { note: 'Resigned' } });
      expect(leave.status).toBe(200);
      await inStage(apiA, id, 'AwaitingManualDeletion');
      const confirmed = await apiA.call('POST', `/v1/employees/${id}/deletion-confirmed`, {
        as: 'operator',
        body: { note: 'deleted in the Admin Panel' },
      });
      expect(confirmed.status).toBe(200);
      await inStage(apiB, id, 'Deleted');
      const closed = await apiB.call('GET', `/v1/employees/${id}`);
      expect(closed.body.run).toMatchObject({ executionStatus: 'COMPLETED' });
    });

    it('loses no joiner, makes no second account and e-mails each reminder in order (again only where a fault lost work in flight) when a worker is SIGKILLed mid-burst, each worker once', async () => {
      const workers = cluster!.workers;
      const exits: (NodeJS.Signals | null)[] = [];
      const outcome = await burst('CK', async ({ since, midBurst }) => {
        let after = since;
        for (const [i, worker] of workers.entries()) {
          // The first kill amid provisioning, the second while reminders go out; the other worker runs on.
          await midBurst(i + 1, workers.length + 1, { after, reminders: i === 0 ? 0 : 3 });
          exits.push((await worker.kill('SIGKILL')).signal);
          await worker.start();
          after = Date.now();
        }
      });
      expect(exits).toEqual(workers.map(() => 'SIGKILL'));
      expect(workers.map((worker) => worker.processes().length)).toEqual(workers.map(() => 2));
      // The kills hit work in flight: tasks the dead workers held timed out and were done again.
      expect(outcome.evidence.lostWork.size).toBeGreaterThan(0);
    });

    it('loses no joiner, makes no second account and e-mails each reminder in order (again only where a fault lost work in flight) when PostgreSQL is killed mid-burst and restarted on its data', async () => {
      const serverProcesses = cluster!.temporal.processes().length;
      const startedBefore = postmasterStartTime();
      await burst('CP', async ({ since, midBurst }) => {
        await midBurst(1, 2, { after: since, reminders: 3 });
        await cluster!.restartPostgres({ kill: true, downtimeMs: scale.serverDowntimeMs });
      });
      // A new postmaster on the same data.
      expect(postmasterStartTime()).not.toBe(startedBefore);
      // Temporal and Tenure rode out the outage: the same processes all along.
      expect(cluster!.temporal.processes()).toHaveLength(serverProcesses);
      expect(
        cluster!
          .currentProcesses()
          .filter((child) => !child.running())
          .map((child) => `${child.name}: ${child.output().slice(-2_000)}`),
      ).toEqual([]);
    });

    it('loses no joiner, makes no second account and e-mails each reminder in order (again only where a fault lost work in flight) when the Temporal server is stopped and then crashed mid-burst', async () => {
      const before = cluster!.temporal.processes().length;
      const exits: ChildExit[] = [];
      const stops = ['SIGTERM', 'SIGKILL'] as const;
      await burst('CT', async ({ since, midBurst }) => {
        let after = since;
        for (const [i, signal] of stops.entries()) {
          await midBurst(i + 1, stops.length + 1, { after, reminders: signal === 'SIGKILL' ? 3 : 0 });
          exits.push(await cluster!.restartTemporal(signal, scale.serverDowntimeMs));
          after = Date.now();
        }
      });
      expect(exits.map((exit) => exit.signal ?? `code ${exit.code}`)).toEqual([expect.anything(), 'SIGKILL']);
      expect(cluster!.temporal.processes()).toHaveLength(before + stops.length);
      // The workers and the API replicas reconnected by themselves.
      expect(cluster!.workers.map((worker) => worker.current().running())).toEqual([true, true]);
      expect(cluster!.apis.map((api) => api.process.running())).toEqual([true, true]);
    });

    it("answers an operator's run of employee lists over 500 employees without the server refusing one (each refusal cost a list the SDK's 1.7-s retry)", async () => {
      // Last before the end (their accounts would be strangers to a burst's audit): 500 employees
      // who start in a year, ten departments of 50, created through the batch API.
      const prefix = `lists-${Date.now().toString(36)}`;
      const startDate = dateIn(Date.now() + 365 * DAY);
      const records = Array.from({ length: 500 }, (_, i) => joiner({ department: `${prefix}-${i % 10}`, startDate }));
      burstEmployees = records.map((r) => r.employeeId);
      const created = await apiA.call('POST', '/v1/employees/batch', { body: { employees: records } });
      expect(created.status).toBe(200);
      await eventually(
        () => apiB.call('GET', `/v1/employees?department=${prefix}-9&limit=50`),
        (reply) => reply.body.items?.length === 50,
        { timeoutMs: 60_000, intervalMs: 500 },
      );

      // The API's own visibility call, on a connection that does not retry: a refusal shows here as
      // an error instead of a slow list. With Temporal's development setting that reloads the search
      // attributes on every read, the server's persistence limit refused about one list in four.
      const connection = await Connection.connect({ ...cluster!.temporal.connectionOptions(), interceptors: [] });
      try {
        const refused: string[] = [];
        // One after another: within the visibility limit's burst of 100, so only another limit refuses.
        for (let i = 0; i < 100; i++) {
          try {
            await connection.workflowService.listWorkflowExecutions({
              namespace: cluster!.namespace,
              query: employeesQuery({ department: `${prefix}-${i % 10}` }),
              pageSize: 50,
            });
          } catch (error) {
            refused.push(error instanceof Error ? error.message : String(error));
          }
        }
        expect(refused).toEqual([]);
      } finally {
        await connection.close();
      }
    });

    it('leaves no process behind', async () => {
      const pids = cluster!.pids();
      await cluster!.close();
      expect(pids.length).toBeGreaterThanOrEqual(7);
      expect(startedPids().filter(isAlive)).toEqual([]);
      expect(await portAnswers(cluster!.postgres.port)).toBe(false);
    });
  },
);
