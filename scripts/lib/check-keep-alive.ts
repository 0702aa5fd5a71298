import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureKeepAliveSchedule } from '../../schedules/keep-alive';
import { KEEP_ALIVE_SCHEDULE_ID } from '../../workflows/contract';

/**
 * Ensures the keep-alive Schedule, runs it once now, and waits for that run: a worker that runs
 * workflows and a directory that answers are then proven, not assumed.
 */
export async function checkKeepAlive(
  client: Client,
  timeoutMs = 60_000,
): Promise<{ schedule: string; workflowId: string }> {
  const since = Date.now();
  const schedule = await ensureKeepAliveSchedule(client);
  const handle = client.schedule.getHandle(KEEP_ALIVE_SCHEDULE_ID);
  if (schedule !== 'created') await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { info } = await handle.describe();
    const run = info.recentActions.find((a) => a.takenAt.getTime() >= since - 1000);
    if (run) {
      await client.workflow.getHandle(run.action.workflow.workflowId, run.action.workflow.firstExecutionRunId).result();
      return { schedule, workflowId: run.action.workflow.workflowId };
    }
    if (Date.now() > deadline) throw new Error(`the keep-alive schedule did not run within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
