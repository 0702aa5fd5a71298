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
   * The employees whose lifecycle had a workflow task time out or fail: only there may the work of
   * a task — an e-mail sent by a local activity, say — have been done twice.
   */
  lostWorkflowTasks: ReadonlySet<string>;
}

/**
 * Counts, over the histories of the employees' lifecycles, the workflow tasks that timed out and
 * the activity attempts that followed a failed one. Temporal records only the attempt that ended
 * an activity, with the failure of the attempt before it, so these are lower bounds.
 */
export async function recoveryEvidence(client: Client, employeeIds: string[]): Promise<RecoveryEvidence> {
  const lostWorkflowTasks = new Set<string>();
  const evidence: RecoveryEvidence = {
    workflowTaskTimeouts: 0,
    activityRetriesAfterTimeout: 0,
    activityRetriesAfterFailure: 0,
    lostWorkflowTasks,
  };
  let next = 0;
  const lane = async () => {
    while (next < employeeIds.length) {
      const employeeId = employeeIds[next++]!;
      const handle = client.workflow.getHandle(employeeWorkflowId(employeeId));
      for (const event of (await handle.fetchHistory()).events ?? []) {
        if (event.workflowTaskTimedOutEventAttributes) evidence.workflowTaskTimeouts += 1;
        if (event.workflowTaskTimedOutEventAttributes || event.workflowTaskFailedEventAttributes) {
          lostWorkflowTasks.add(employeeId);
        }
        const started = event.activityTaskStartedEventAttributes;
        if (started && (started.attempt ?? 1) > 1) {
          if (started.lastFailure?.timeoutFailureInfo) evidence.activityRetriesAfterTimeout += 1;
          else evidence.activityRetriesAfterFailure += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return evidence;
}
