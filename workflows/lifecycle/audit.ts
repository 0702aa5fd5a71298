import type { AuditContext } from '../../activities/ledger-recorder';
import { iso, type Actor, type TimelineEventName } from '../contract/core';
import { leaveInstant } from './plan';
import type { EmployeeState } from './state';

/**
 * What a directory write tells the ledger beyond what the activity knows (workflow, run, employee
 * id): who asked for it, when they asked, when it was due, the department the reports group by.
 * Never a name or an e-mail: the ledger outlives the employee's data key.
 */

const LEAVE_EVENTS: readonly TimelineEventName[] = ['leave-scheduled', 'leave-moved', 'withdrawn', 'rehired'];

/** The ledger context of a write Tenure does on its own, by a rule of the policy (or on someone's behalf). */
export function auditOf(state: EmployeeState, actor: Actor): AuditContext {
  return { actor, ...(state.employee.department ? { department: state.employee.department } : {}) };
}

/**
 * The ledger context of a deactivation: whoever set the leave (HR, an operator, the joiner's
 * record), when they did, and the instant it was due — what a deprovisioning report compares the
 * deactivation with.
 */
export function leaveAudit(state: EmployeeState): AuditContext {
  const leave = state.leave;
  const due = leaveInstant(state);
  const asked = [...state.timeline].reverse().find((entry) => LEAVE_EVENTS.includes(entry.event));
  return {
    ...auditOf(state, leave?.by ?? { role: 'tenure', rule: 'leave-instant' }),
    ...(asked ? { requestedAt: asked.at } : {}),
    ...(due !== undefined ? { dueAt: iso(due) } : {}),
  };
}
