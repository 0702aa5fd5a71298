import type { LedgerTable } from '../../store/ledger';
import { employeeWorkflowId, type Actor } from '../../workflows/contract';

/** An accepted request, as the ledger records it. */
export interface Decision {
  employeeId: string;
  /** the update's name: `changeLeave`, `withdrawOffer`, `placeLegalHold`… */
  update: string;
  /** the update id: the same for a retried request, so that it is recorded once */
  updateId: string;
  runId: string;
  actor: Exclude<Actor, { role: 'tenure' }>;
  at: Date;
}

/**
 * Records a lifecycle decision someone made through the API (a leave set or moved, an offer
 * withdrawn, a hold, a confirmed deletion, a retry) once the workflow accepted it. The row carries
 * the principal and the instant; the employee id only, never the request's body (it may hold names).
 */
export async function recordDecision(ledger: LedgerTable, decision: Decision): Promise<void> {
  const workflowId = employeeWorkflowId(decision.employeeId);
  await ledger.append({
    idempotencyKey: `${workflowId}/update/${decision.updateId}`,
    employeeId: decision.employeeId,
    action: `decision:${decision.update}`,
    actor: `${decision.actor.role}:${decision.actor.name}`,
    requestedAt: decision.at.toISOString(),
    dueAt: null,
    doneAt: decision.at.toISOString(),
    outcome: 'accepted',
    resourceId: null,
    department: null,
    workflowId,
    runId: decision.runId,
  });
}
