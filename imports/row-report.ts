import type { DryRunPlan } from '../workflows/contract';
import type { ApplyResult } from './apply';
import type { DiffEntry } from './diff-entry';
import type { DryRunResult } from './dry-run';

/** A row's result: applied, failed, not started; in a dry run planned (with the plan) or refused. */
export type RowResult = ApplyResult | { outcome: 'planned' } | { outcome: 'refused'; code: string; message: string };

/** One row of an import's report (a JSON line when the output is piped): the diff, the plan, the result. */
export type RowReport = Omit<DiffEntry, 'request'> & {
  /** the request that carries the change out, without its body (which holds personal data) */
  request?: { method: string; path: string; idempotencyKey?: string };
  result?: RowResult;
  plan?: Omit<DryRunPlan, 'dryRun'>;
};

/** A diff entry as reported, with what became of it. */
export function reportOf(entry: DiffEntry, outcome?: ApplyResult | DryRunResult): RowReport {
  const { request, ...rest } = entry;
  const report: RowReport = {
    ...rest,
    ...(request
      ? {
          request: {
            method: request.method,
            path: `/v1${request.path}`,
            ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
          },
        }
      : {}),
  };
  if (!outcome) return report;
  if ('plan' in outcome) return { ...report, result: { outcome: 'planned' }, plan: outcome.plan };
  if ('refused' in outcome) return { ...report, result: { outcome: 'refused', ...outcome.refused } };
  return { ...report, result: outcome };
}
