import type { ApiPort } from './api-port';
import { applyEntries } from './apply';
import { CsvSyntaxError } from './csv';
import { CHANGING, type DiffEntry } from './diff-entry';
import { diffRows, type SnapshotLeave } from './diff';
import { dryRunEntries } from './dry-run';
import { contentHash } from './idempotency';
import { JsonLinesSyntaxError } from './json-lines';
import { IDENTITY_MAPPING, type ColumnMapping } from './mapping';
import type { ImportProgress } from './progress';
import { reportOf, type RowReport } from './row-report';
import { readRows, type FileProblem } from './rows';
import { summarise, type ImportSummary } from './summary';
import { readTable, type ImportFormat } from './table';

export interface ImportOptions {
  format: ImportFormat;
  /** the column mapping; without one the headers are Tenure's field names */
  mapping?: ColumnMapping;
  mode: 'delta' | 'snapshot';
  dryRun: boolean;
  /** apply the valid rows although some are invalid or conflicting */
  skipInvalid: boolean;
  /** snapshot mode: how missing employees leave (default: at the end of today, UTC date) */
  snapshotLeave?: SnapshotLeave;
  /** requests in flight at once */
  concurrency: number;
  progress: ImportProgress;
  /** told of each row as soon as its outcome is known */
  onRow?: (row: RowReport) => void;
  /** true once no further change may start */
  shouldStop?: () => boolean;
  now?: number;
}

export interface ImportReport {
  summary: ImportSummary;
  /** problems of the file as a whole (syntax, header): nothing was imported */
  fileProblems: FileProblem[];
  rows: RowReport[];
}

/** Reads the file into rows, or the file's problems (a syntax error names its line). */
function readFile(content: string, options: ImportOptions) {
  try {
    const table = readTable(content, options.format);
    return { ...readRows(table, options.mapping ?? IDENTITY_MAPPING, !options.mapping), records: table.records.length };
  } catch (error) {
    if (error instanceof CsvSyntaxError || error instanceof JsonLinesSyntaxError) {
      const fileProblems = [{ line: error.line, message: error.problem }];
      return { valid: [], invalid: [], leaveGiven: false, fileProblems, records: 0 };
    }
    throw error;
  }
}

/**
 * An import, start to end: read the file (CSV or JSON lines, through the mapping), diff it against
 * Tenure through the API, then — unless invalid rows or conflicts hold it back — dry-run or apply
 * the changes with the very requests an HR system would send. One implementation for the CLI and
 * for `POST /v1/imports`; only the port (HTTP, or the app in-process) differs.
 */
export async function runImport(port: ApiPort, content: string, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? Date.now();
  const fileHash = contentHash(content);
  const read = readFile(content, options);
  const base = { mode: options.mode, dryRun: options.dryRun, fileHash, rows: read.records };
  const onRow = options.onRow ?? (() => {});
  if (read.fileProblems.length > 0) {
    return { summary: summarise([], { ...base, stopped: 'file-problems' }), fileProblems: read.fileProblems, rows: [] };
  }
  const snapshotLeave = options.snapshotLeave ?? { leaveDate: new Date(now).toISOString().slice(0, 10) };
  const entries = await diffRows(port, read, {
    mode: options.mode,
    fileHash,
    concurrency: options.concurrency,
    snapshotLeave,
    now,
    progress: options.progress,
  });
  const blocked = entries.some((e) => e.kind === 'invalid' || e.kind === 'conflict') && !options.skipInvalid;
  const reports = new Map<DiffEntry, RowReport>();
  const settle = (entry: DiffEntry, report: RowReport) => {
    reports.set(entry, report);
    onRow(report);
  };
  for (const entry of entries) if (!CHANGING.includes(entry.kind)) settle(entry, reportOf(entry));
  const changing = entries.filter((e) => CHANGING.includes(e.kind));
  if (options.dryRun) {
    const plans = await dryRunEntries(port, changing, options.concurrency, options.progress);
    changing.forEach((entry, i) => settle(entry, reportOf(entry, plans[i])));
  } else if (blocked) {
    const held = {
      outcome: 'not-started' as const,
      message: 'not applied: the file has invalid or conflicting rows (fix them, or --skip-invalid)',
    };
    for (const entry of changing) settle(entry, reportOf(entry, held));
  } else {
    await applyEntries(port, changing, {
      concurrency: options.concurrency,
      progress: options.progress,
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      onResult: (entry, result) => settle(entry, reportOf(entry, result)),
    });
  }
  const rows = entries.map((e) => reports.get(e)!);
  const stopped = blocked && !options.dryRun ? ('invalid-rows' as const) : undefined;
  return { summary: summarise(rows, { ...base, ...(stopped ? { stopped } : {}) }), fileProblems: [], rows };
}
