import { LIVE_STAGES } from '../../workflows/contract';
import { summaryOf } from '../lifecycle/describe';
import { executionFactsOf } from '../lifecycle/raw-execution';
import type { TemporalCalls } from '../lifecycle/temporal-calls';
import { employeesQuery } from '../lifecycle/visibility-query';

/** A leaver whose leave instant has passed and whose account is not deactivated yet. */
export interface OverdueLeaver {
  employeeId: string;
  department: string | null;
  leaveAt: string;
  stage: string;
  /** seconds since the leave instant */
  overdueSeconds: number;
  needsAttention: boolean;
  needsAttentionReason: string | null;
}

/** How many overdue leavers a report lists at most; past it, `truncated`. */
const LIMIT = 5_000;

/**
 * The leavers the ledger cannot show: their leave instant (in the window, and past) came, their
 * deactivation has not happened (a directory refusing, a parked failure, a worker down). From
 * Temporal visibility: running lifecycles still in a live stage with a `LeaveDate` before now.
 */
export async function overdueLeavers(
  temporal: TemporalCalls,
  window: { from: Date; to: Date },
  now = new Date(),
): Promise<{ leavers: OverdueLeaver[]; truncated: boolean }> {
  const before = new Date(Math.min(window.to.getTime(), now.getTime()));
  if (before <= window.from) return { leavers: [], truncated: false };
  const query = employeesQuery({ stage: [...LIVE_STAGES], leaveFrom: window.from, leaveBefore: before });
  const leavers: OverdueLeaver[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const response = await temporal.call('list', (client) =>
      client.workflowService.listWorkflowExecutions({
        namespace: temporal.namespace,
        query,
        pageSize: 1_000,
        ...(nextPageToken ? { nextPageToken } : {}),
      }),
    );
    for (const raw of response.executions) {
      const summary = summaryOf(executionFactsOf(raw));
      if (!summary.leaveAt) continue;
      leavers.push({
        employeeId: summary.employeeId,
        department: summary.department ?? null,
        leaveAt: summary.leaveAt,
        stage: summary.stage ?? 'unknown',
        overdueSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(summary.leaveAt)) / 1000)),
        needsAttention: summary.needsAttention,
        needsAttentionReason: summary.needsAttentionReason ?? null,
      });
    }
    nextPageToken = response.nextPageToken?.length ? response.nextPageToken : undefined;
  } while (nextPageToken && leavers.length < LIMIT);
  return { leavers: leavers.slice(0, LIMIT), truncated: leavers.length > LIMIT || nextPageToken !== undefined };
}
