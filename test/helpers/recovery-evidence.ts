import type { Client } from '@temporalio/client';
import { employeeWorkflowId } from '../../workflows/contract';

/** What the histories of a burst say Temporal had to redo: proof that a fault hit work in flight. */
export interface RecoveryEvidence {
  /** workflow tasks a worker took and never completed (it died, or its server went away) */
  workflowTaskTimeouts: number;
  /** activity attempts that ran after an earlier attempt timed out (its worker died holding it) */
  activityRetriesAfterTimeout: number;
  /** activity attempts that ran after an earlier attempt failed (a Workplace error, say) */
  activityRetriesAfterFailure: number;
  /**
   * activities scheduled on the task queue: from release 2 every directory request is tried in its
   * workflow task first, and with no request limit configured only a try that failed is handed here
   */
  taskQueueActivities: number;
  /**
   * The employees whose lifecycle lost work in flight: a workflow task that timed out while a worker
   * held it or that failed, or an activity attempt that timed out (its worker died holding it). Only there may the work — an
   * e-mail sent — have been done again, or done without the lifecycle recording it.
   */
  lostWork: ReadonlySet<string>;
}

/** `TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START` in Temporal's API. */
const SCHEDULE_TO_START = 2;

/**
 * Counts, over the histories of the employees' lifecycles, the workflow tasks that timed out and
 * the activity attempts that followed a failed one. Temporal records only the attempt that ended
 * an activity, with the failure of the attempt before it, so these are lower bounds.
 */
export async function recoveryEvidence(client: Client, employeeIds: string[]): Promise<RecoveryEvidence> {
  const lostWork = new Set<string>();
  const evidence: RecoveryEvidence = {
    workflowTaskTimeouts: 0,
    activityRetriesAfterTimeout: 0,
    activityRetriesAfterFailure: 0,
    taskQueueActivities: 0,
    lostWork,
  };
  let next = 0;
  const lane = async () => {
    while (next < employeeIds.length) {
      const employeeId = employeeIds[next++]!;
      const handle = client.workflow.getHandle(employeeWorkflowId(employeeId));
      for (const event of (await handle.fetchHistory()).events ?? []) {
        if (event.workflowTaskTimedOutEventAttributes) evidence.workflowTaskTimeouts += 1;
        // A task that timed out waiting on a dead worker's sticky queue never ran: nothing was lost.
        const timedOut = event.workflowTaskTimedOutEventAttributes;
        if (
          (timedOut && Number(timedOut.timeoutType) !== SCHEDULE_TO_START) ||
          event.workflowTaskFailedEventAttributes
        ) {
          lostWork.add(employeeId);
        }
        if (event.activityTaskScheduledEventAttributes) evidence.taskQueueActivities += 1;
        const started = event.activityTaskStartedEventAttributes;
        if (started && (started.attempt ?? 1) > 1) {
          if (started.lastFailure?.timeoutFailureInfo) {
            evidence.activityRetriesAfterTimeout += 1;
            lostWork.add(employeeId);
          } else evidence.activityRetriesAfterFailure += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return evidence;
}
