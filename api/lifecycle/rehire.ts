import { rehireUpdate, type RehireRequest } from '../../workflows/contract';
import { ApiError } from '../errors';
import type { Rehire } from '../schemas/requests';
import type { UpdateAnswer } from '../schemas/status';
import { requireEmployee } from './describe';
import type { RequestContext } from './request-context';
import { sendUpdate } from './send-update';
import type { TemporalCalls } from './temporal-calls';

/**
 * Rehire: a running lifecycle (Deactivated, AwaitingManualDeletion) takes the rehire update and keeps
 * the account. A closed one (Deleted, Withdrawn) erased the employee's data with its last step:
 * Tenure no longer knows the person, so the rehire is refused with what to do instead (start the
 * employee again with their full record).
 */
export async function rehire(
  temporal: TemporalCalls,
  employeeId: string,
  request: Rehire,
  context: RequestContext,
): Promise<UpdateAnswer> {
  const described = await requireEmployee(temporal, employeeId);
  if (described.closed) {
    throw new ApiError(
      'LIFECYCLE_ENDED',
      `the lifecycle of ${employeeId} ended (${described.summary.stage ?? described.executionStatus.toLowerCase()}) ` +
        'and the personal data went with it: start the employee again with POST /v1/employees and their full record',
    );
  }
  return sendUpdate(temporal, employeeId, rehireUpdate, request satisfies RehireRequest, context);
}
