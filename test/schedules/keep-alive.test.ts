/**
 * The keep-alive Schedule on a real dev server: brought to each release's definition on deploy,
 * and watched, so that a failed run raises an alert (an error log line and metrics on the API).
 * The keep-alive workflow runs on a real worker whose `pingDirectory` is a mock.
 */
import { Writable } from 'node:stream';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { ensureKeepAliveSchedule } from '../../schedules/keep-alive';
import { KeepAliveWatch } from '../../schedules/keep-alive-watch';
import { KEEP_ALIVE_SCHEDULE_ID, TASK_QUEUE } from '../../workflows/contract';
import { startApi } from '../api/support';
import { eventually } from '../helpers/eventually';
import { createDevServerEnv } from '../helpers/temporal-env';
import { workflowBundle } from '../../scripts/lib/stack/workflow-bundle';

const HOUR = 3_600_000;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
// What the mock directory answers to the daily read.
let directoryRefuses = false;

beforeAll(async () => {
  env = await createDevServerEnv();
  const activities: Pick<Activities, 'pingDirectory'> = {
    async pingDirectory() {
      if (directoryRefuses) throw ApplicationFailure.nonRetryable('the directory refused the token', 'Unauthorized');
    },
  };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities,
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const schedule = () => env.client.schedule.getHandle(KEEP_ALIVE_SCHEDULE_ID);

/** Runs the Schedule's action now and waits until that run has ended. */
async function runOnce(): Promise<string> {
  const { info: was } = await schedule().describe();
  const before = was.numActionsTaken;
  // The Schedule names each run after the second it starts in; a second trigger within the same
  // second would reuse the name of the run just finished and be dropped.
  const lastTaken = was.recentActions.at(-1)?.takenAt.getTime();
  if (lastTaken !== undefined)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1_100 - (Date.now() - lastTaken))));
  // ALLOW_ALL: the Schedule's own policy (SKIP) would drop the trigger while its first run still goes.
  await schedule().trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const { info } = await eventually(
    () => schedule().describe(),
    (d) => d.info.numActionsTaken > before,
  );
  const { workflowId, firstExecutionRunId } = info.recentActions.at(-1)!.action.workflow;
  await env.client.workflow
    .getHandle(workflowId, firstExecutionRunId)
    .result()
    .catch(() => undefined);
  return firstExecutionRunId;
}

describe('the keep-alive Schedule', () => {
  it("is created once, then updated on a deploy that changes its definition, keeping an operator's pause", async () => {
    expect(await ensureKeepAliveSchedule(env.client)).toBe('created');
    expect(await ensureKeepAliveSchedule(env.client)).toBe('unchanged');

    // A release that reads the directory twice a day.
    expect(await ensureKeepAliveSchedule(env.client, 12 * HOUR)).toBe('updated');
    expect((await schedule().describe()).spec.intervals).toEqual([{ every: 12 * HOUR, offset: 0 }]);
    expect(await ensureKeepAliveSchedule(env.client, 12 * HOUR)).toBe('unchanged');

    await schedule().pause('directory maintenance');
    expect(await ensureKeepAliveSchedule(env.client)).toBe('updated');
    const after = await schedule().describe();
    expect(after.spec.intervals).toEqual([{ every: 24 * HOUR, offset: 0 }]);
    expect(after.state).toMatchObject({ paused: true, note: 'directory maintenance' });
    expect(after.action).toMatchObject({ workflowType: 'directoryKeepAliveWorkflow', taskQueue: TASK_QUEUE });
    await schedule().unpause();
  });

  it('reports each failed run once, whether the newest finished run failed, and when the last one succeeded', async () => {
    const watch = new KeepAliveWatch(env.client);
    directoryRefuses = false;
    await runOnce();
    const healthy = await watch.check();
    expect(healthy).toMatchObject({ scheduled: true, lastRunFailed: false, newlyFailed: [] });
    expect(healthy.lastSuccessAt).toBeInstanceOf(Date);

    directoryRefuses = true;
    const failedRun = await runOnce();
    const failing = await watch.check();
    expect(failing.lastRunFailed).toBe(true);
    expect(failing.newlyFailed).toEqual([expect.objectContaining({ runId: failedRun, status: 'FAILED' })]);
    expect(failing.lastSuccessAt).toEqual(healthy.lastSuccessAt);
    expect((await watch.check()).newlyFailed).toEqual([]);

    directoryRefuses = false;
    await runOnce();
    expect(await watch.check()).toMatchObject({ lastRunFailed: false, newlyFailed: [] });
  });

  it('makes the API alert on a failed run: an error log line and its metrics', async () => {
    directoryRefuses = true;
    const failedRun = await runOnce();
    directoryRefuses = false;
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const api = await startApi(env.client, {
      env: { API_LOG_LEVEL: 'warn', API_KEEP_ALIVE_CHECK_INTERVAL_MS: '200' },
      logStream,
    });
    try {
      const metrics = await eventually(
        async () => (await api.call<string>('GET', '/metrics', { as: 'none' })).body,
        (text) => /^tenure_keep_alive_last_run_failed 1$/m.test(text),
        { timeoutMs: 10_000 },
      );
      expect(metrics).toMatch(/^tenure_keep_alive_last_success_timestamp_seconds \d+/m);
      expect(metrics).toMatch(/^tenure_keep_alive_failed_runs_total [1-9]/m);
      const alerts = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((l) => l.runId === failedRun);
      expect(alerts).toEqual([
        expect.objectContaining({ level: 50, status: 'FAILED', msg: expect.stringContaining('keep-alive run failed') }),
      ]);
    } finally {
      await api.close();
    }
  });
});
