import type { RowReport } from './row-report';

/** The end of an import: what the diff found, and what was done. */
export interface ImportSummary {
  mode: 'delta' | 'snapshot';
  dryRun: boolean;
  /** the SHA-256 of the file: the Idempotency-Keys derive from it */
  fileHash: string;
  /** data rows in the file */
  rows: number;
  joiners: number;
  /** rows changing profile fields */
  movers: number;
  leavesSet: number;
  leavesMoved: number;
  leavesRemoved: number;
  rehires: number;
  /** snapshot: active employees missing from the file, leaving */
  leavers: number;
  unchanged: number;
  /** snapshot: employees missing from the file who have not started, left alone */
  kept: number;
  conflicts: number;
  invalid: number;
  /** requests the API took (a dry run: planned without refusal) */
  applied: number;
  /** requests the API refused, or that failed */
  failed: number;
  /** requests never sent (stopped, or held back by invalid rows) */
  notStarted: number;
  /** the destructive actions the dry runs planned (deactivations, deletions) */
  destructive?: number;
  /** why nothing was applied */
  stopped?: 'file-problems' | 'invalid-rows';
  /** nothing failed, nothing invalid or conflicting, nothing left undone */
  ok: boolean;
}

const count = (entries: RowReport[], test: (e: RowReport) => boolean) => entries.filter(test).length;

/** Counts a finished import's rows. */
export function summarise(
  reports: RowReport[],
  base: {
    mode: 'delta' | 'snapshot';
    dryRun: boolean;
    fileHash: string;
    rows: number;
    stopped?: ImportSummary['stopped'];
  },
): ImportSummary {
  const results = reports.map((r) => r.result?.outcome);
  const summary: ImportSummary = {
    ...base,
    joiners: count(reports, (e) => e.kind === 'joiner'),
    movers: count(reports, (e) => (e.kind === 'change' || e.kind === 'rehire') && (e.fields?.length ?? 0) > 0),
    leavesSet: count(reports, (e) => e.leave === 'set'),
    leavesMoved: count(reports, (e) => e.leave === 'moved'),
    leavesRemoved: count(reports, (e) => e.leave === 'removed'),
    rehires: count(reports, (e) => e.kind === 'rehire'),
    leavers: count(reports, (e) => e.kind === 'leaver'),
    unchanged: count(reports, (e) => e.kind === 'unchanged'),
    kept: count(reports, (e) => e.kind === 'kept'),
    conflicts: count(reports, (e) => e.kind === 'conflict'),
    invalid: count(reports, (e) => e.kind === 'invalid'),
    applied: results.filter((o) => o === 'applied' || o === 'planned').length,
    failed: results.filter((o) => o === 'failed' || o === 'refused').length,
    notStarted: results.filter((o) => o === 'not-started').length,
    ok: false,
  };
  if (base.dryRun) summary.destructive = reports.reduce((n, r) => n + (r.plan?.destructive ?? 0), 0);
  summary.ok = !base.stopped && summary.failed + summary.notStarted + summary.conflicts + summary.invalid === 0;
  return summary;
}
