import { employeeWorkflowId, statusQuery, type EmployeeStatus } from '../../workflows/contract';
import type { EmployeeView, EndedView } from '../schemas/status';
import type { DescribedEmployee } from './describe';
import type { TemporalCalls } from './temporal-calls';

/** How long a query of a closed, non-completed run may take before the summary is answered instead. */
const CLOSED_QUERY_TIMEOUT_MS = 3_000;

/**
 * The employee's status. A running lifecycle answers its status query. A completed one (Deleted,
 * Withdrawn) erased the employee's data key as its last step: what remains is what visibility knows
 * (stage, dates, flags — no personal data), answered with `ended: true`. A run ended otherwise
 * (terminated, failed) is queried, which needs a worker to replay it; when none answers in time the
 * search attributes are answered, marked `degraded`.
 */
export async function readStatus(temporal: TemporalCalls, described: DescribedEmployee): Promise<EmployeeView> {
  const { employeeId, runId, executionStatus } = described;
  const workflowId = employeeWorkflowId(employeeId);
  const run = (source: 'query') => ({ workflowId, runId, executionStatus, source });
  if (executionStatus === 'RUNNING') {
    const status = await temporal.call(
      'query',
      (client) => client.workflow.getHandle(workflowId, runId).query(statusQuery),
      { employeeId },
    );
    return { ...status, run: run('query') };
  }
  if (executionStatus === 'COMPLETED') return endedView(described);
  try {
    const status = await temporal.call(
      'query-closed',
      (client) => client.workflow.getHandle(workflowId, runId).query(statusQuery),
      { employeeId, timeoutMs: CLOSED_QUERY_TIMEOUT_MS },
    );
    return { ...status, run: run('query') };
  } catch {
    return {
      ...described.summary,
      degraded: true,
      note: `the run ended ${executionStatus.toLowerCase()} and no worker answered its status query: this is what visibility knows`,
    };
  }
}

/** What remains of a lifecycle that ended and erased the employee's data key: its summary. */
export function endedView(described: DescribedEmployee): EndedView {
  return {
    ...described.summary,
    ended: true,
    note: `the lifecycle ended ${described.summary.stage ?? 'completed'}; the employee's personal data was erased with it`,
  };
}

/** The full status of a view, if it is one (not a degraded summary, not a manager's view). */
export function fullStatus(view: EmployeeView): EmployeeStatus | undefined {
  return 'timeline' in view ? view : undefined;
}
