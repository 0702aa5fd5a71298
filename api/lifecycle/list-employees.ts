import type { EmployeeSummary } from '../schemas/status';
import type { CursorCodec } from './cursor';
import { summaryOf } from './describe';
import { executionFactsOf } from './raw-execution';
import type { TemporalCalls } from './temporal-calls';
import { employeesQuery, type EmployeeFilters } from './visibility-query';

export interface ListPage {
  items: EmployeeSummary[];
  nextCursor: string | null;
}

/** One page of employees from Temporal visibility (eventually consistent: a change shows after a moment). */
export async function listEmployees(
  temporal: TemporalCalls,
  cursors: CursorCodec,
  filters: EmployeeFilters,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<ListPage> {
  const query = employeesQuery(filters);
  const nextPageToken = cursor ? cursors.decode(query, cursor) : undefined;
  const response = await temporal.call('list', (client) =>
    client.workflowService.listWorkflowExecutions({
      namespace: temporal.namespace,
      query,
      pageSize: limit,
      ...(nextPageToken ? { nextPageToken } : {}),
    }),
  );
  const items = response.executions.map((raw) => summaryOf(executionFactsOf(raw)));
  const token = response.nextPageToken;
  return { items, nextCursor: token && token.length > 0 ? cursors.encode(query, token) : null };
}
