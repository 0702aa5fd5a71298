import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { KEEP_ALIVE_SCHEDULE_ID, TASK_QUEUE } from '../workflows/contract';
import type { directoryKeepAliveWorkflow } from '../workflows';

/**
 * Creates the daily keep-alive Schedule unless it exists (idempotent: every start of the stack
 * calls it). The first run is triggered at once, so a new deployment proves its token on day one.
 */
export async function ensureKeepAliveSchedule(client: Client, every = '1 day'): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create<typeof directoryKeepAliveWorkflow>({
      scheduleId: KEEP_ALIVE_SCHEDULE_ID,
      spec: { intervals: [{ every }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'directoryKeepAliveWorkflow',
        taskQueue: TASK_QUEUE,
        workflowRunTimeout: '23 hours',
        staticSummary: 'Keep the Workplace integration alive (daily SCIM read)',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      state: { triggerImmediately: true, note: 'Workplace switches off integrations idle for 60 days' },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}
