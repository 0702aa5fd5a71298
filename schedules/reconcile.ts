import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import { z } from 'zod';
import { parseEnv } from '../config/env';
import { RECONCILE_SCHEDULE_ID, TASK_QUEUE } from '../workflows/contract';
import type { reconcileDirectoryWorkflow } from '../workflows';

export const reconcileScheduleEnvSchema = z.object({
  /** when the directory reconciler runs: a five-field cron expression in UTC (default: daily at 03:00) */
  RECONCILE_CRON: z
    .string()
    .regex(/^\S+(\s+\S+){4}$/, 'must be a five-field cron expression such as "0 3 * * *"')
    .default('0 3 * * *'),
});

/** The reconciler's cron expression from the environment. */
export function loadReconcileCron(env: NodeJS.ProcessEnv = process.env): string {
  return parseEnv('reconciliation schedule', reconcileScheduleEnvSchema, env).RECONCILE_CRON;
}

const HOUR_MS = 3_600_000;

function definition(cron: string) {
  return {
    spec: { cronExpressions: [cron] },
    action: {
      type: 'startWorkflow',
      workflowType: 'reconcileDirectoryWorkflow',
      taskQueue: TASK_QUEUE,
      args: [{}],
      workflowRunTimeout: 20 * HOUR_MS,
      staticSummary: 'Reconcile the directory with the ledger (orphans, re-enabled leavers, missing, drift)',
    } satisfies ScheduleOptionsStartWorkflowAction<typeof reconcileDirectoryWorkflow>,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 6 * HOUR_MS },
  };
}

/**
 * Makes the reconciliation Schedule this release's: creates it, or brings an existing one to this
 * spec and action (on every deploy: RECONCILE_CRON may have changed), keeping an operator's pause
 * and note. Answers what it did.
 */
export async function ensureReconcileSchedule(client: Client, cron: string): Promise<'created' | 'updated'> {
  const wanted = definition(cron);
  try {
    await client.schedule.create<typeof reconcileDirectoryWorkflow>({ scheduleId: RECONCILE_SCHEDULE_ID, ...wanted });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule
    .getHandle(RECONCILE_SCHEDULE_ID)
    .update<typeof reconcileDirectoryWorkflow>((previous: ScheduleDescription) => ({
      ...wanted,
      state: { paused: previous.state.paused, ...(previous.state.note ? { note: previous.state.note } : {}) },
    }));
  return 'updated';
}
