import type { ApiCaller } from '../api/support';
import type { EmployeeRecord } from '../../workflows/contract';
import { DAY, dateIn } from './lifecycle';

/** A burst of joiners who started yesterday (invited at once), in their own department so a list finds them all. */
export function burstOfJoiners(label: string, count: number, now = Date.now()): EmployeeRecord[] {
  const prefix = `${label}-${now.toString(36)}`;
  return Array.from({ length: count }, (_, i) => {
    const employeeId = `${prefix}-${String(i + 1).padStart(3, '0')}`;
    return {
      employeeId,
      email: `${employeeId.toLowerCase()}@example.com`,
      givenName: 'Joiner',
      familyName: String(i + 1),
      department: prefix,
      timeZone: 'UTC',
      startDate: dateIn(now - DAY),
    };
  });
}

/** What the HR feed saw while it submitted the burst. */
export interface FeedReport {
  /** answered 201: this request started the lifecycle */
  created: number;
  /** answered 200: already there with this record (a re-sent item whose first answer was lost) */
  existing: number;
  /** items answered 5xx (or whose request failed) and sent again */
  resent: number;
  /** batch requests that failed as a whole (connection refused, 5xx) */
  failedRequests: number;
}

export interface FeedOptions {
  batchSize: number;
  /** pause between two batches, so that the burst spans the faults */
  pauseMs?: number;
  /** give up after this long (the test then fails with what is left) */
  timeoutMs: number;
  /** wait this long before sending again after a failure */
  retryDelayMs?: number;
}

/** A feed on its way: how far it got, and its report once every joiner is accepted. */
export interface Feed {
  /** joiners accepted so far (201 or 200) */
  accepted(): number;
  finished: Promise<FeedReport>;
}

interface BatchResult {
  index: number;
  status: number;
  error?: { code: string; message: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Submits joiners the way an HR system does: `POST /v1/employees/batch` a batch at a time, and
 * every item that failed for a transient reason (5xx, a refused connection) sent again until it is
 * accepted. Any other answer (400, 409, 422) is a defect: the feed only ever sends each record as
 * it is, so a re-sent item must be answered 200.
 */
export function startFeed(api: ApiCaller, joiners: EmployeeRecord[], options: FeedOptions): Feed {
  const { batchSize, pauseMs = 0, timeoutMs, retryDelayMs = 1_000 } = options;
  const report: FeedReport = { created: 0, existing: 0, resent: 0, failedRequests: 0 };
  const deadline = Date.now() + timeoutMs;
  const queue = [...joiners];

  async function run(): Promise<FeedReport> {
    while (queue.length > 0) {
      if (Date.now() > deadline) {
        throw new Error(`the HR feed gave up after ${timeoutMs} ms with ${queue.length} joiners not accepted`);
      }
      const batch = queue.splice(0, batchSize);
      let results: BatchResult[];
      try {
        const reply = await api.call<{ results?: BatchResult[] }>('POST', '/v1/employees/batch', {
          body: { employees: batch },
        });
        if (reply.status !== 200 || !reply.body.results) throw new Error(`batch answered ${reply.status}`);
        results = reply.body.results;
      } catch {
        report.failedRequests += 1;
        report.resent += batch.length;
        queue.push(...batch);
        await sleep(retryDelayMs);
        continue;
      }
      let failed = 0;
      for (const result of results) {
        const item = batch[result.index]!;
        if (result.status === 201) report.created += 1;
        else if (result.status === 200) report.existing += 1;
        else if (result.status >= 500) {
          failed += 1;
          queue.push(item);
        } else {
          throw new Error(
            `joiner ${item.employeeId} answered ${result.status} ${result.error?.code ?? ''}: ${result.error?.message ?? ''}`,
          );
        }
      }
      report.resent += failed;
      await sleep(failed > 0 ? retryDelayMs : pauseMs);
    }
    return report;
  }

  const finished = run();
  // Awaited by the test later; until then a failure must not count as an unhandled rejection.
  finished.catch(() => undefined);
  return { accepted: () => report.created + report.existing, finished };
}
