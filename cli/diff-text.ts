import type { ImportReport } from '../imports/run-import';
import type { RowReport } from '../imports/row-report';
import type { ImportSummary } from '../imports/summary';

/** How many rows of a plentiful class (joiners, unchanged) a terminal shows before "… and N more". */
const SHOWN = 20;

const where = (row: RowReport) => (row.line !== undefined ? `line ${row.line}` : 'not in file');

function rowText(row: RowReport): string {
  const parts = [`  ${where(row).padEnd(12)} ${row.employeeId ?? '(no id)'}`];
  if (row.fields?.length) parts.push(`changes ${row.fields.join(', ')}`);
  if (row.leave) parts.push(`leave ${row.leave}`);
  if (row.note) parts.push(row.note);
  if (row.problems) parts.push(row.problems.join('; '));
  if (row.result && (row.result.outcome === 'failed' || row.result.outcome === 'refused')) {
    parts.push(`FAILED: ${row.result.message}`);
  }
  const text = parts.join(' · ');
  if (!row.plan) return text;
  const steps = row.plan.projection.map((s) => `${s.action}${s.at ? ` ${s.at}` : ''}`);
  return `${text}\n${' '.repeat(15)}plan: ${steps.join(' → ') || '(nothing scheduled)'}`;
}

const SECTIONS: { title: string; test: (r: RowReport) => boolean; all?: boolean }[] = [
  { title: 'invalid rows', test: (r) => r.kind === 'invalid', all: true },
  { title: 'conflicts', test: (r) => r.kind === 'conflict', all: true },
  { title: 'joiners', test: (r) => r.kind === 'joiner' },
  { title: 'rehires', test: (r) => r.kind === 'rehire' },
  { title: 'movers and leave changes', test: (r) => r.kind === 'change' },
  { title: 'leavers (missing from the snapshot)', test: (r) => r.kind === 'leaver' },
  { title: 'left alone (missing from the snapshot, not started)', test: (r) => r.kind === 'kept' },
  { title: 'unchanged', test: (r) => r.kind === 'unchanged' },
];

/** The summary's figures as one sentence per line. */
export function summaryText(s: ImportSummary): string {
  const lines = [
    `${s.rows} rows · ${s.joiners} joiners · ${s.movers} movers · leaves ${s.leavesSet} set, ${s.leavesMoved} moved, ${s.leavesRemoved} removed · ${s.rehires} rehires` +
      (s.mode === 'snapshot' ? ` · ${s.leavers} leavers · ${s.kept} left alone` : '') +
      ` · ${s.unchanged} unchanged · ${s.conflicts} conflicts · ${s.invalid} invalid`,
    s.dryRun
      ? `dry run: ${s.applied} planned, ${s.failed} refused; ${s.destructive ?? 0} destructive actions planned; nothing changed`
      : `${s.applied} applied · ${s.failed} failed · ${s.notStarted} not started`,
  ];
  if (s.stopped === 'invalid-rows')
    lines.push('nothing applied: fix the invalid and conflicting rows, or run with --skip-invalid');
  if (s.stopped === 'file-problems') lines.push('nothing imported: the file itself is malformed');
  return lines.join('\n');
}

/** The diff for a person: invalid rows and conflicts in full, other classes up to a few rows each. */
export function diffText(report: ImportReport): string {
  const out: string[] = [];
  for (const problem of report.fileProblems) out.push(`line ${problem.line}: ${problem.message}`);
  for (const section of SECTIONS) {
    const rows = report.rows.filter(section.test);
    if (rows.length === 0) continue;
    out.push(`${section.title} (${rows.length}):`);
    const shown = section.all ? rows : rows.slice(0, SHOWN);
    out.push(...shown.map(rowText));
    if (shown.length < rows.length)
      out.push(`  … and ${rows.length - shown.length} more (pipe the output for every row as JSON)`);
  }
  out.push(summaryText(report.summary));
  return out.join('\n');
}
