import { Context } from '@temporalio/activity';
import type { LedgerTable } from '../store/ledger';
import { employeeIdOfWorkflow, type Actor } from '../workflows/contract';

/**
 * What the workflow adds to a directory write for the ledger: who asked and when it was due. Every
 * field is optional: an activity scheduled by an older workflow code carries none, and its row
 * still says what was done (Tenure as the actor, no due instant).
 */
export interface AuditContext {
  actor?: Actor;
  department?: string;
  requestedAt?: string;
  dueAt?: string;
  /**
   * The action's own key in its run, given by the workflow when a request is tried in the workflow
   * task first: the try and the task-queue activity that may repeat it record under one key.
   */
  key?: string;
}

/** `role:name` of a principal, or `tenure:<rule>`: how the ledger names an actor. */
export const actorLabel = (actor: Actor): string =>
  actor.role === 'tenure' ? `tenure:${actor.rule}` : `${actor.role}:${actor.name}`;

/** Records what the current activity did, in the ledger of the Tenure store. */
export type LedgerRecorder = (entry: {
  action: string;
  outcome: string;
  resourceId?: string;
  audit?: AuditContext;
  /** when it happened, if not now: an observation of the directory's own record (a claim's date) */
  doneAt?: string;
  /** whose account, when the workflow is not the employee's (the reconciler) */
  employeeId?: string;
  /** which of several writes of one activity (the reconciler's, one per account); none for the usual one */
  slot?: string;
}) => Promise<void>;

/**
 * A recorder bound to the ledger: it takes the workflow, run and activity ids from the running
 * activity. The idempotency key is the workflow id plus the action's slot — the run and the
 * activity id, which a retry keeps and no other scheduled action shares (or the workflow's own key
 * of the call, which a try in the workflow task and its task-queue repeat share) — so a retried
 * activity (a worker that died after the directory answered, or after the row was written) never
 * writes twice. Called after the directory answered: a row is a write that happened.
 */
export function ledgerRecorder(ledger: LedgerTable, now: () => Date = () => new Date()): LedgerRecorder {
  return async ({ action, outcome, resourceId, audit = {}, doneAt, employeeId, slot }) => {
    const info = Context.current().info;
    // Every lifecycle activity runs for a workflow; a standalone one is recorded under its own id.
    const { workflowId, runId } = info.workflowExecution ?? { workflowId: info.activityId, runId: '' };
    await ledger.append({
      idempotencyKey: `${workflowId}/${runId}/${audit.key ?? info.activityId}${slot ? `/${slot}` : ''}`,
      employeeId: employeeId ?? employeeIdOfWorkflow(workflowId) ?? workflowId,
      action,
      actor: actorLabel(audit.actor ?? { role: 'tenure', rule: info.activityType }),
      requestedAt: audit.requestedAt ?? null,
      dueAt: audit.dueAt ?? null,
      doneAt: doneAt ?? now().toISOString(),
      outcome,
      resourceId: resourceId ?? null,
      department: audit.department ?? null,
      workflowId,
      runId,
    });
  };
}
