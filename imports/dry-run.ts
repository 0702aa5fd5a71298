import type { DryRunPlan } from '../workflows/contract';
import { mapBounded } from '../api/lifecycle/map-bounded';
import { errorOf, type ApiPort } from './api-port';
import type { DiffEntry } from './diff-entry';
import type { ImportProgress } from './progress';

/** A row's dry run: the plan the API's own dry run answered, or why it refused. */
export type DryRunResult = { plan: Omit<DryRunPlan, 'dryRun'> } | { refused: { code: string; message: string } };

/**
 * Sends each change's request with `?dryRun=true`: the API validates it exactly as the real one and
 * answers the planned timeline from the lifecycle's one planner (a joiner: the API's planner; a
 * running lifecycle: its preview query). Nothing changes.
 */
export async function dryRunEntries(
  port: ApiPort,
  entries: DiffEntry[],
  concurrency: number,
  progress: ImportProgress,
): Promise<(DryRunResult | undefined)[]> {
  const changing = entries.filter((e) => e.request);
  progress.begin('dry-run', changing.length);
  const results = await mapBounded(entries, concurrency, async (entry): Promise<DryRunResult | undefined> => {
    if (!entry.request) return undefined;
    const { method, path, body } = entry.request;
    const separator = path.includes('?') ? '&' : '?';
    const reply = await port.send({ method, path: `${path}${separator}dryRun=true`, body });
    progress.tick();
    if (reply.status !== 200) {
      const { code, message } = errorOf(reply);
      return { refused: { code, message } };
    }
    const { dryRun: _d, outcome: _o, ...plan } = reply.body as DryRunPlan & { outcome?: string };
    return { plan };
  });
  progress.end();
  return results;
}
