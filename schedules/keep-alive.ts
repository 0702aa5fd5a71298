import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import { KEEP_ALIVE_SCHEDULE_ID, TASK_QUEUE } from '../workflows/contract';
import type { directoryKeepAliveWorkflow } from '../workflows';

/** What `ensureKeepAliveSchedule` did: made the Schedule, brought it to this release's definition, or found it so. */
export type KeepAliveScheduleOutcome = 'created' | 'updated' | 'unchanged';

const HOUR_MS = 3_600_000;

/**
 * The keep-alive Schedule as this release defines it, durations in milliseconds (as the server
 * describes them); its state — paused, note — belongs to operators.
 */
function definition(everyMs: number) {
  return {
    spec: { intervals: [{ every: everyMs, offset: 0 }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'directoryKeepAliveWorkflow',
      taskQueue: TASK_QUEUE,
      workflowRunTimeout: 23 * HOUR_MS,
      staticSummary: 'Keep the Workplace integration alive (daily SCIM read)',
    } satisfies ScheduleOptionsStartWorkflowAction<typeof directoryKeepAliveWorkflow>,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 24 * HOUR_MS },
  };
}

/** The parts of a Schedule this release decides, in one comparable shape. */
function fingerprint(d: {
  spec: { intervals?: { every: unknown; offset?: unknown }[]; calendars?: unknown[]; cronExpressions?: unknown[] };
  action: { workflowType: unknown; taskQueue?: unknown; workflowRunTimeout?: unknown; staticSummary?: unknown };
  policies: { overlap?: unknown; catchupWindow?: unknown };
}): string {
  const ms = (value: unknown) => (typeof value === 'number' ? value : 0);
  return JSON.stringify({
    intervals: (d.spec.intervals ?? []).map((i) => [ms(i.every), ms(i.offset)]),
    calendars: d.spec.calendars?.length ?? 0,
    crons: d.spec.cronExpressions?.length ?? 0,
    workflowType: d.action.workflowType,
    taskQueue: d.action.taskQueue,
    workflowRunTimeout: ms(d.action.workflowRunTimeout),
    staticSummary: d.action.staticSummary ?? '',
    overlap: d.policies.overlap,
    catchupWindow: ms(d.policies.catchupWindow),
  });
}

/**
 * Makes the daily keep-alive Schedule what this release defines: creates it (its first run
 * triggered at once, so a new deployment proves its token on day one), or — on every later start,
 * that is on every deploy — updates its spec, action and policies when they differ from this
 * release's, keeping an operator's pause and note. Idempotent.
 */
export async function ensureKeepAliveSchedule(
  client: Client,
  everyMs = 24 * HOUR_MS,
): Promise<KeepAliveScheduleOutcome> {
  const wanted = definition(everyMs);
  try {
    await client.schedule.create<typeof directoryKeepAliveWorkflow>({
      scheduleId: KEEP_ALIVE_SCHEDULE_ID,
      ...wanted,
      state: { triggerImmediately: true, note: 'Workplace switches off integrations idle for 60 days' },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const handle = client.schedule.getHandle(KEEP_ALIVE_SCHEDULE_ID);
  const current = await handle.describe();
  if (fingerprint(current) === fingerprint(wanted)) return 'unchanged';
  await handle.update<typeof directoryKeepAliveWorkflow>((previous: ScheduleDescription) => ({
    ...wanted,
    state: { paused: previous.state.paused, ...(previous.state.note ? { note: previous.state.note } : {}) },
  }));
  return 'updated';
}
