import { ApiUnreachableError, errorOf, type ApiPort } from './api-port';
import type { DiffEntry } from './diff-entry';
import type { ImportProgress } from './progress';

/** What became of a change: applied (the API's 2xx), failed (its error), or never sent. */
export type ApplyResult =
  | { outcome: 'applied'; status: number }
  | { outcome: 'failed'; status: number; code: string; message: string }
  | { outcome: 'not-started'; message: string };

export interface ApplyOptions {
  concurrency: number;
  progress: ImportProgress;
  /** true once no further request may start (a deadline, an interrupt) */
  shouldStop?: () => boolean;
  /** told of each entry's result as it comes */
  onResult?: (entry: DiffEntry, result: ApplyResult) => void;
}

/**
 * Sends each change's request, a few at a time, each with its row's Idempotency-Key: a request
 * sent twice (a retry after a lost answer, a re-run of the same file) changes nothing the second
 * time. Stops starting requests when told to or when the API is unreachable; what was not sent is
 * `not-started`, and running the same file again does the rest.
 */
export async function applyEntries(
  port: ApiPort,
  entries: DiffEntry[],
  options: ApplyOptions,
): Promise<Map<DiffEntry, ApplyResult>> {
  const changes = entries.filter((e) => e.request);
  const results = new Map<DiffEntry, ApplyResult>();
  const { progress, onResult = () => {} } = options;
  progress.begin('apply', changes.length);
  let stopped: string | undefined;
  let next = 0;
  const record = (entry: DiffEntry, result: ApplyResult) => {
    results.set(entry, result);
    onResult(entry, result);
    progress.tick();
  };
  const lane = async () => {
    while (next < changes.length) {
      if (!stopped && options.shouldStop?.())
        stopped = 'stopped before this row: run the same file again to complete it';
      if (stopped) return;
      const entry = changes[next++]!;
      try {
        const reply = await port.send(entry.request!);
        if (reply.status >= 200 && reply.status < 300) record(entry, { outcome: 'applied', status: reply.status });
        else record(entry, { outcome: 'failed', status: reply.status, ...errorOf(reply) });
      } catch (error) {
        if (!(error instanceof ApiUnreachableError)) throw error;
        stopped = `not sent: ${error.message}`;
        record(entry, { outcome: 'not-started', message: stopped });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, changes.length) }, lane));
  for (const entry of changes) if (!results.has(entry)) record(entry, { outcome: 'not-started', message: stopped! });
  progress.end();
  return results;
}
