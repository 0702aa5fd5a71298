import { rehireUpdate, type EmployeeRecord, type RehireRequest } from '../../workflows/contract';
import type { RequestContext } from './request-context';
import { ApiError } from '../errors';
import { joinerSchema, recordOf } from '../schemas/employee';
import type { Rehire } from '../schemas/requests';
import type { AcceptedView, EmployeeView } from '../schemas/status';
import { requireEmployee } from './describe';
import { fullStatus, readStatus } from './read-status';
import { sendUpdate } from './send-update';
import { admitJoiner } from './start-joiner';
import type { TemporalCalls } from './temporal-calls';

/** The record a new run starts with: the last known record, its leave dropped, merged with the rehire. */
export function rehiredRecord(last: EmployeeRecord, request: Rehire): EmployeeRecord {
  const { leaveDate: _d, leaveAt: _a, ...kept } = last;
  const { leaveBeforeStart: _f, ...changes } = request;
  return { ...kept, ...changes };
}

/**
 * Rehire: a running lifecycle (Deactivated, AwaitingManualDeletion) takes the rehire update and keeps
 * the account; a closed one (Deleted, Withdrawn) starts a new run with the last known record merged
 * with the request.
 */
export async function rehire(
  temporal: TemporalCalls,
  employeeId: string,
  request: Rehire,
  context: RequestContext,
): Promise<{ created: boolean; view: AcceptedView | EmployeeView }> {
  const described = await requireEmployee(temporal, employeeId);
  if (!described.closed) {
    const status = await sendUpdate(temporal, employeeId, rehireUpdate, request satisfies RehireRequest, context);
    return { created: false, view: status };
  }
  const last = fullStatus(await readStatus(temporal, described));
  if (!last) {
    throw new ApiError(
      'LIFECYCLE_ENDED',
      `the last record of ${employeeId} cannot be read (no worker answered): start the employee again with POST /v1/employees`,
    );
  }
  const merged = joinerSchema.safeParse({
    ...rehiredRecord(last.employee, request),
    ...(request.leaveBeforeStart ? { leaveBeforeStart: true } : {}),
  });
  if (!merged.success) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'the rehired record is invalid',
      merged.error.issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const outcome = await admitJoiner(temporal, recordOf(merged.data), { withStatus: true, by: context.actor });
  if (!outcome.view) throw new ApiError('INTERNAL', 'no status after the rehire');
  return { created: outcome.outcome === 'created', view: outcome.view };
}
