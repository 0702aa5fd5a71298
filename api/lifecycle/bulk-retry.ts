import { retryUpdate, type Stage } from '../../workflows/contract';
import { ApiError } from '../errors';
import { apiErrorOf } from '../plugins/errors';
import { listEmployees } from './list-employees';
import type { CursorCodec } from './cursor';
import { mapBounded } from './map-bounded';
import type { RequestContext } from './request-context';
import { sendUpdate } from './send-update';
import type { TemporalCalls } from './temporal-calls';

/** The most employees one bulk retry reaches; the answer says when more match (call again). */
export const MAX_BULK_RETRY = 1000;

export interface BulkRetryFilter {
  reason?: string;
  department?: string;
  stage?: Stage[];
  note?: string;
}

export interface BulkRetryItem {
  employeeId: string;
  status: number;
  error?: { code: string; message: string };
}

/**
 * Retries every running employee that needs attention and matches the filter (after a rotated
 * directory token, say): each gets the `retry` update on its own, a few at a time, and is answered
 * on its own. Visibility is eventually consistent: an employee flagged a moment ago may be missed,
 * and calling again is safe (one with nothing to retry answers 422 and changes nothing).
 */
export async function bulkRetry(
  temporal: TemporalCalls,
  cursors: CursorCodec,
  filter: BulkRetryFilter,
  context: RequestContext,
  concurrency: number,
): Promise<{ matched: number; more: boolean; results: BulkRetryItem[] }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  const filters = {
    needsAttention: true,
    ...(filter.reason ? { reason: filter.reason } : {}),
    ...(filter.department ? { department: filter.department } : {}),
    ...(filter.stage ? { stage: filter.stage } : {}),
  };
  do {
    const page = await listEmployees(temporal, cursors, filters, {
      limit: Math.min(500, MAX_BULK_RETRY + 1 - ids.length),
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) if (item.run.executionStatus === 'RUNNING') ids.push(item.employeeId);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length <= MAX_BULK_RETRY);
  const more = ids.length > MAX_BULK_RETRY;
  const chosen = ids.slice(0, MAX_BULK_RETRY);
  const results = await mapBounded(chosen, concurrency, async (employeeId): Promise<BulkRetryItem> => {
    try {
      await sendUpdate(
        temporal,
        employeeId,
        retryUpdate,
        filter.note ? { note: filter.note } : {},
        context,
        'bulk-retry',
      );
      return { employeeId, status: 200 };
    } catch (error) {
      const known = apiErrorOf(error, employeeId) ?? new ApiError('INTERNAL', 'internal error');
      return { employeeId, status: known.status, error: { code: known.code, message: known.message } };
    }
  });
  return { matched: chosen.length, more, results };
}
