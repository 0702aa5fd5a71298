import {
  employeeWorkflowId,
  isUserNamePattern,
  protectionOf,
  statusQuery,
  type EmployeeRecord,
} from '../../workflows/contract';
import { ApiError } from '../errors';
import type { TemporalCalls } from './temporal-calls';

/**
 * The API's side of GUARD_PROTECTED: a request that would deactivate or delete a protected account
 * (a joiner with a leave, a leave, an early leave, a withdrawn offer) is refused with 409
 * PROTECTED_ACCOUNT before anything reaches the lifecycle. The lifecycle checks again at the step
 * itself, so a leave that got in before the account was listed still stops there.
 */

function refusal(why: string): ApiError {
  return new ApiError(
    'PROTECTED_ACCOUNT',
    `refused: ${why}; Tenure never deactivates, deletes or scrubs a protected account (remove it from GUARD_PROTECTED first)`,
  );
}

/** Refuses a joiner whose record carries a leave, when the employee is protected. */
export function refuseProtectedRecord(entries: readonly string[], record: EmployeeRecord): void {
  if (record.leaveDate === undefined && record.leaveAt === undefined) return;
  const why = protectionOf(entries, record);
  if (why) throw refusal(why);
}

/**
 * Refuses a request about a running employee that would take their account away, when they are
 * protected. The id decides at once; user-name patterns need the employee's address, read from the
 * lifecycle (only when some pattern is listed). An employee who cannot be read is left to the
 * request itself, which answers 404 or what the lifecycle says.
 */
export async function refuseProtectedEmployee(
  temporal: TemporalCalls,
  entries: readonly string[],
  employeeId: string,
): Promise<void> {
  const byId = protectionOf(entries, { employeeId });
  if (byId) throw refusal(byId);
  if (!entries.some(isUserNamePattern)) return;
  let email: string | undefined;
  try {
    const status = await temporal.call(
      'query',
      (client) => client.workflow.getHandle(employeeWorkflowId(employeeId)).query(statusQuery),
      { employeeId },
    );
    email = status.employee.email;
  } catch {
    return;
  }
  const why = protectionOf(entries, { employeeId, email });
  if (why) throw refusal(why);
}
