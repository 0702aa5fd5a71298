import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, WorkflowIdConflictPolicy } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startCluster, type Cluster } from '../scripts/lib/cluster/cluster';
import { findPostgresBinDir } from '../scripts/lib/postgres';
import { startWorkerProcess } from '../scripts/lib/worker-process';
import { TASK_QUEUE, type EmployeeRecord } from '../workflows/contract';
import { emulatorAdmin } from '../emulator/admin-client';
import { startBaselineWorker } from './lib/baseline-worker';
import { cpuBetween, cpuSnapshot } from './lib/cpu';
import { quantile, report } from './lib/output';
import { BASELINE_TASK_QUEUE, HR_TOKEN, invitedInEmulator } from './lib/stack';

/**
 * Tenure on a real Temporal cluster (the server 1.32.1 on PostgreSQL 15, two workers, two API
 * replicas, everything on this machine), in one run:
 *   1. a population of sleeping employees (joining in a year) started through the batch API, then,
 *      while they sleep: worker RSS, PostgreSQL bytes per employee, `GET /v1/employees` p50/p99;
 *   2. onboarding throughput, Tenure against bare Temporal on the same cluster;
 *   3. a mass leave: leavers whose deactivations fall due at one instant under a directory limit of
 *      20 requests/s — time to drain, lateness, the peak in any one-second window — with one urgent
 *      leave (effective now) requested in the middle.
 * Sizes: BENCH_CLUSTER_EMPLOYEES (20,000; 100,000 for the recorded large run),
 * BENCH_CLUSTER_ONBOARDING (2,000), BENCH_CLUSTER_LEAVERS (10,000), BENCH_CLUSTER_RATE (20),
 * BENCH_CLUSTER_CACHE (the workers' WORKER_MAX_CACHED_WORKFLOWS, 2,000).
 */

const EMPLOYEES = Number(process.env.BENCH_CLUSTER_EMPLOYEES ?? 20_000);
const ONBOARDING = Number(process.env.BENCH_CLUSTER_ONBOARDING ?? 2_000);
const LEAVERS = Number(process.env.BENCH_CLUSTER_LEAVERS ?? 10_000);
const RATE = Number(process.env.BENCH_CLUSTER_RATE ?? 20);
const CACHE = process.env.BENCH_CLUSTER_CACHE ?? '2000';
const BATCH = 1_000;
const DAY = 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`[bench cluster] ${line}\n`);
const dateIn = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function record(run: string, i: number, extra: Partial<EmployeeRecord> = {}): EmployeeRecord {
  return {
    employeeId: `${run}-${i}`,
    email: `${run}-${i}@example.com`.toLowerCase(),
    givenName: 'Bench',
    familyName: `Employee ${i}`,
    // Departments of 100: what a manager's or HR's filtered list looks like.
    department: `D${Math.floor(i / 100)}`,
    timeZone: 'UTC',
    startDate: dateIn(Date.now() - DAY),
    ...extra,
  };
}

/** Entries a batch answered as failed (Temporal too slow or unavailable) and sent again, per run. */
const resent = { entries: 0 };

/**
 * Submits records through the batch API, `BATCH` per request, the replicas taking turns and working
 * at once. Entries the batch reports failed are sent again, as an HR feed does (the batch is
 * idempotent per employee: a repeat answers 200 existing); invalid or conflicting ones throw.
 */
async function submit(cluster: Cluster, records: EmployeeRecord[]): Promise<void> {
  const batches: EmployeeRecord[][] = [];
  for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));
  let next = 0;
  await Promise.all(
    cluster.apis.map(async (api) => {
      for (let b = next++; b < batches.length; b = next++) {
        let pending = batches[b]!;
        for (let attempt = 1; pending.length > 0; attempt++) {
          if (attempt > 6) throw new Error(`batch ${b}: ${pending.length} entries still failed after 5 resends`);
          const response = await fetch(`${api.url}/v1/employees/batch`, {
            method: 'POST',
            headers: { authorization: `Bearer ${HR_TOKEN}`, 'content-type': 'application/json' },
            body: JSON.stringify({ employees: pending }),
          });
          const body = (await response.json()) as {
            summary?: Record<string, number>;
            results?: { index: number; status: number }[];
          };
          const summary = body.summary ?? {};
          if (response.status !== 200 || (summary.invalid ?? 0) > 0 || (summary.conflicts ?? 0) > 0) {
            throw new Error(`batch answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
          }
          const failed = new Set((body.results ?? []).filter((r) => r.status >= 500).map((r) => r.index));
          pending = pending.filter((_, index) => failed.has(index));
          resent.entries += pending.length;
          if (pending.length > 0) await sleep(2_000 * attempt);
        }
      }
    }),
  );
}

/** Workflow tasks waiting on the task queue (approximate, as the server counts them). */
async function workflowBacklog(cluster: Cluster): Promise<number> {
  const described = await cluster.client.workflowService.describeTaskQueue({
    namespace: cluster.namespace,
    taskQueue: { name: TASK_QUEUE },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    reportStats: true,
  });
  return Number(described.stats?.approximateBacklogCount ?? 0);
}

/** Waits until the workers have taken every workflow task (three empty readings in a row). */
async function drained(cluster: Cluster, timeoutMs = 60 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let empty = 0;
  while (empty < 3) {
    if (Date.now() > deadline) throw new Error(`workflow tasks still queued after ${timeoutMs} ms`);
    empty = (await workflowBacklog(cluster)) === 0 ? empty + 1 : 0;
    await sleep(2_000);
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

function psql(cluster: Cluster, database: string, sql: string): string {
  const out = spawnSync(join(findPostgresBinDir()!, 'psql'), [cluster.postgres.url(database), '-qAtc', sql], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`psql: ${out.stderr}`);
  return out.stdout.trim();
}

/** Bytes of each database of the cluster. */
function databaseBytes(cluster: Cluster): Record<string, number> {
  const rows = psql(
    cluster,
    'postgres',
    "select datname, pg_database_size(datname) from pg_database where datname in ('temporal','temporal_visibility','tenure')",
  );
  return Object.fromEntries(rows.split('\n').map((row) => [row.split('|')[0]!, Number(row.split('|')[1])]));
}

/** The three slowest of a series of requests: which one (0-based), through which replica, how long. */
function slowest(times: number[], replicas: number): { request: number; replica: number; ms: number }[] {
  return times
    .map((ms, request) => ({ request, replica: request % replicas, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
}

async function timedGet(url: string): Promise<{ ms: number; body: { items?: unknown[]; nextCursor?: string } }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${HR_TOKEN}` } });
  const body = (await response.json()) as { items?: unknown[]; nextCursor?: string };
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return { ms: performance.now() - started, body };
}

async function population(cluster: Cluster): Promise<void> {
  const run = `POP${Date.now().toString(36)}`;
  const inAYear = dateIn(Date.now() + 365 * DAY);
  const records = Array.from({ length: EMPLOYEES }, (_, i) => record(run, i, { startDate: inAYear }));
  const bytesBefore = databaseBytes(cluster);
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await submit(cluster, records);
  const accepted = (performance.now() - started) / 1000;
  await drained(cluster);
  const settled = (performance.now() - started) / 1000;
  report({
    benchmark: 'cluster',
    metric: 'population-start-rate',
    value: EMPLOYEES / accepted,
    unit: 'employees/s',
    employees: EMPLOYEES,
    acceptedSeconds: accepted,
    allFirstTasksDoneSeconds: settled,
    entriesSentAgain: resent.entries,
    cpuSeconds: cpuBetween(cpuBefore, cpuSnapshot()),
  });

  const rss = cluster.workers.map((worker) => rssMiB(worker.current().pid));
  report({
    benchmark: 'cluster',
    metric: 'worker-rss-max',
    value: Math.max(...rss),
    unit: 'MiB',
    target: '<= 500',
    met: Math.max(...rss) <= 500,
    perWorker: rss,
    apiRss: cluster.apis.map((api) => rssMiB(api.process.pid)),
    employees: EMPLOYEES,
    maxCachedWorkflows: CACHE,
  });

  psql(cluster, 'temporal', 'vacuum analyze');
  psql(cluster, 'temporal_visibility', 'vacuum analyze');
  const bytesAfter = databaseBytes(cluster);
  const grown = Object.fromEntries(
    Object.entries(bytesAfter).map(([db, bytes]) => [db, bytes - (bytesBefore[db] ?? 0)]),
  );
  const total = Object.values(grown).reduce((a, b) => a + b, 0);
  report({
    benchmark: 'cluster',
    metric: 'postgres-bytes-per-employee',
    value: Math.round(total / EMPLOYEES),
    unit: 'B',
    perDatabase: Object.fromEntries(Object.entries(grown).map(([db, b]) => [db, Math.round(b / EMPLOYEES)])),
    databaseBytes: bytesAfter,
    employees: EMPLOYEES,
  });

  // Lists over the sleeping population, the replicas taking turns: first pages, the pages after
  // them (cursors), one department's page, and a page of the Provisioning stage.
  const kinds: Record<string, (i: number) => string> = {
    'first-page': () => '/v1/employees?limit=50',
    department: (i) => `/v1/employees?department=D${i % Math.max(1, Math.floor(EMPLOYEES / 100))}&limit=50`,
    stage: () => '/v1/employees?stage=Provisioning&limit=50',
  };
  for (const [kind, path] of Object.entries(kinds)) {
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const api = cluster.apis[i % cluster.apis.length]!;
      times.push((await timedGet(`${api.url}${path(i)}`)).ms);
    }
    report({
      benchmark: 'cluster',
      metric: `list-${kind}-p50`,
      value: quantile(times, 0.5),
      unit: 'ms',
      p99: quantile(times, 0.99),
      slowest: slowest(times, cluster.apis.length),
      requests: times.length,
      employees: EMPLOYEES,
    });
  }
  const paged: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const api = cluster.apis[i % cluster.apis.length]!;
    const page = await timedGet(
      `${api.url}/v1/employees?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    paged.push(page.ms);
    cursor = page.body.nextCursor;
    if (!cursor) break;
  }
  report({
    benchmark: 'cluster',
    metric: 'list-next-pages-p50',
    value: quantile(paged, 0.5),
    unit: 'ms',
    p99: quantile(paged, 0.99),
    slowest: slowest(paged, cluster.apis.length),
    requests: paged.length,
    employees: EMPLOYEES,
  });
}

/** Waits until `count()` reaches `n`, saying how far it got every 15 s. */
async function until(what: string, count: () => number | Promise<number>, n: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let said = Date.now();
  for (let c = await count(); c < n; c = await count()) {
    if (Date.now() > deadline) throw new Error(`${what}: ${c} of ${n} after ${timeoutMs} ms`);
    if (Date.now() - said > 15_000) {
      log(`${what}: ${c} of ${n}`);
      said = Date.now();
    }
    await sleep(250);
  }
}

async function onboarding(cluster: Cluster): Promise<void> {
  // Bare Temporal on the same cluster: a workflow running two no-op activities, started directly,
  // by as many baseline workers as Tenure has, each polling before the clock starts.
  let done = 0;
  const baselines = await Promise.all(
    cluster.workers.map(() =>
      startBaselineWorker({ ...process.env, ...cluster.workerEnv }, () => {
        done += 1;
      }),
    ),
  );
  try {
    // Plain payloads: the baseline worker has no codec.
    const plain = new Client({ connection: cluster.client.connection, namespace: cluster.namespace });
    const bareRun = `BARE${Date.now().toString(36)}`;
    let cpu = cpuSnapshot();
    let started = performance.now();
    let next = 0;
    const starter = async () => {
      for (let i = next++; i < ONBOARDING; i = next++) {
        await plain.workflow.start('baselineWorkflow', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `${bareRun}-${i}`,
          args: [`${bareRun}-${i}`],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        });
      }
    };
    await Promise.all(Array.from({ length: 32 }, starter));
    await until('bare: completed', () => done, ONBOARDING, 30 * 60_000);
    const bare = (performance.now() - started) / 1000;
    const bareCpu = cpuBetween(cpu, cpuSnapshot());

    const run = `ONB${Date.now().toString(36)}`;
    cpu = cpuSnapshot();
    started = performance.now();
    await submit(
      cluster,
      Array.from({ length: ONBOARDING }, (_, i) => record(run, i)),
    );
    await until('tenure: invited', () => invitedInEmulator(cluster.emulator, run), ONBOARDING, 30 * 60_000);
    const tenure = (performance.now() - started) / 1000;
    report({
      benchmark: 'cluster',
      metric: 'onboarding-throughput-ratio',
      value: bare / tenure,
      unit: 'tenure/bare',
      target: '>= 0.9',
      met: bare / tenure >= 0.9,
      joiners: ONBOARDING,
      tenureSeconds: tenure,
      bareSeconds: bare,
      cpuSeconds: { bare: bareCpu, tenure: cpuBetween(cpu, cpuSnapshot()) },
    });
  } finally {
    for (const baseline of baselines) await baseline.stop();
  }
}

/** Deactivated accounts of a run in the emulator, with when each was deactivated. */
function deactivatedAt(cluster: Cluster, prefix: string): Map<string, number> {
  const at = new Map<string, number>();
  for (const user of cluster.emulator.store.list()) {
    const externalId = user.attributes.externalId;
    if (typeof externalId !== 'string' || !externalId.startsWith(prefix) || user.attributes.active !== false) continue;
    at.set(externalId, Date.parse(user.lastModified));
  }
  return at;
}

async function massLeave(cluster: Cluster): Promise<void> {
  const run = `LEAVE${Date.now().toString(36)}`;
  // Provisioned without a limit, then the workers are started again with the directory's limit
  // before the leave instant. The instant leaves time to provision every leaver first.
  const provisionSeconds = Math.max(120, LEAVERS / 18);
  const leaveAt = Date.now() + provisionSeconds * 1000 + 60_000;
  const leavers = Array.from({ length: LEAVERS }, (_, i) =>
    record(run, i, { leaveAt: new Date(leaveAt).toISOString() }),
  );
  const urgentId = `${run}-urgent`;
  await submit(cluster, [...leavers, record(run, LEAVERS, { employeeId: urgentId, email: `${urgentId}@example.com` })]);
  try {
    await until(
      'leavers provisioned',
      () => invitedInEmulator(cluster.emulator, run),
      LEAVERS + 1,
      leaveAt - Date.now(),
    );
    log(`${LEAVERS + 1} leavers provisioned; the workers start again with a limit of ${RATE} requests/s`);
  } catch (error) {
    log(`${(error as Error).message}: the workers start again with the limit all the same`);
  }
  const provisioned = invitedInEmulator(cluster.emulator, run);
  const limited = await Promise.all(
    cluster.workers.map((_, i) =>
      startWorkerProcess(
        {
          ...cluster.workerEnv,
          WORKPLACE_MAX_REQUESTS_PER_SECOND: String(RATE),
          WORKPLACE_LIMIT_SHARED_BY: String(cluster.workers.length),
        },
        { name: `limited-${i}` },
      ),
    ),
  );
  for (const worker of cluster.workers) await worker.close();
  try {
    if (Date.now() > leaveAt) log('the leave instant passed before the limited workers ran: lateness includes it');
    await sleep(Math.max(0, leaveAt - Date.now()));
    const since = new Date(leaveAt - 1_000).toISOString();
    await until('deactivated', () => deactivatedAt(cluster, `${run}-`).size, LEAVERS / 2, 60 * 60_000);

    // Half way: an urgent leave (someone walked out), through the API.
    const backlogThen = LEAVERS - deactivatedAt(cluster, `${run}-`).size;
    const urgentAsked = Date.now();
    const response = await fetch(`${cluster.apis[0]!.url}/v1/employees/${urgentId}/leave`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'walked out' }),
    });
    if (response.status !== 200) throw new Error(`urgent leave answered ${response.status}`);
    await until('urgent leave', () => (deactivatedAt(cluster, urgentId).has(urgentId) ? 1 : 0), 1, 30 * 60_000);
    const urgentSeconds = (Date.now() - urgentAsked) / 1000;

    await until('deactivated', () => deactivatedAt(cluster, `${run}-`).size, LEAVERS + 1, 60 * 60_000);
    // The read-backs of the last deactivations, then the emulator's figures.
    await sleep(5_000);
    const times = [...deactivatedAt(cluster, `${run}-`).entries()]
      .filter(([id]) => id !== urgentId)
      .map(([, at]) => at - leaveAt);
    const stats = (await (
      await emulatorAdmin(cluster.emulator, `/stats?since=${encodeURIComponent(since)}`)
    ).json()) as { totalRequests: number; peakInAnyOneSecondWindow: number; firstAt?: string; lastAt?: string };
    report({
      benchmark: 'cluster',
      metric: 'mass-leave-drain-seconds',
      value: times.reduce((a, b) => Math.max(a, b), 0) / 1000,
      unit: 's',
      leavers: LEAVERS,
      limit: RATE,
      lateness: {
        p50: quantile(times, 0.5) / 1000,
        p99: quantile(times, 0.99) / 1000,
        max: times.reduce((a, b) => Math.max(a, b), 0) / 1000,
      },
      provisionedBeforeTheInstant: provisioned,
      directoryRequests: stats.totalRequests,
      floorSeconds: stats.totalRequests / RATE,
    });
    report({
      benchmark: 'cluster',
      metric: 'mass-leave-peak-requests-in-any-one-second-window',
      value: stats.peakInAnyOneSecondWindow,
      unit: 'requests',
      target: `<= ${RATE}`,
      met: stats.peakInAnyOneSecondWindow <= RATE,
    });
    report({
      benchmark: 'cluster',
      metric: 'urgent-leave-seconds',
      value: urgentSeconds,
      unit: 's',
      target: 'seconds',
      deactivationsStillQueued: backlogThen,
    });
  } finally {
    for (const worker of limited) await worker.close();
  }
}

export async function clusterBench(): Promise<void> {
  const cluster = await startCluster({
    log,
    env: {
      API_LOG_LEVEL: process.env.API_LOG_LEVEL ?? 'warn',
      API_RATE_LIMIT_MAX: '0',
      API_BATCH_CONCURRENCY: '32',
      WORKER_MAX_CACHED_WORKFLOWS: CACHE,
      ...(process.env.BENCH_CLUSTER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CLUSTER_NODE_OPTIONS } : {}),
      // The bench measures the directory and the queue, not the brake (which would hold a mass leave).
      GUARD_MAX_DESTRUCTIVE_PER_HOUR: '1000000',
      LIFECYCLE_LEAVE_NOTICE: '1s',
    },
  });
  try {
    const phases = (process.env.BENCH_CLUSTER_PHASES ?? 'population,onboarding,mass-leave').split(',');
    if (phases.includes('population')) await population(cluster);
    if (phases.includes('onboarding')) await onboarding(cluster);
    if (phases.includes('mass-leave')) await massLeave(cluster);
  } finally {
    await cluster.close();
  }
}
