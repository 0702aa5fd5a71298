import { endOfDay, type EmployeeRecord } from '../workflows/contract';
import { errorOf, type ApiPort } from './api-port';
import { classifyRow } from './classify';
import type { DiffEntry } from './diff-entry';
import { rowKey } from './idempotency';
import { listLive, readAllKnown, type Known } from './known';
import type { ImportProgress } from './progress';
import { problemText, type ReadRows } from './rows';
import { mapBounded } from '../api/lifecycle/map-bounded';

/** How a snapshot's missing employees leave: at the end of a date (in their zone), or at an instant. */
export type SnapshotLeave = { leaveDate: string } | { leaveAt: string };

export interface DiffOptions {
  mode: 'delta' | 'snapshot';
  fileHash: string;
  concurrency: number;
  /** snapshot mode: the leave of the active employees the file misses */
  snapshotLeave: SnapshotLeave;
  now: number;
  progress: ImportProgress;
}

const lower = (email: string | undefined) => email?.toLowerCase();

/** A closed lifecycle's row: the joiner dry run says whether it is the same employment (unchanged) or a new one. */
async function settleEnded(port: ApiPort, entry: DiffEntry): Promise<DiffEntry> {
  const reply = await port.send({ method: 'POST', path: '/employees?dryRun=true', body: entry.request!.body });
  if (reply.status === 200 && (reply.body as { outcome?: string }).outcome === 'unchanged') {
    return {
      line: entry.line!,
      employeeId: entry.employeeId!,
      kind: 'unchanged',
      note: 'the lifecycle ended; the same record again',
    };
  }
  if (reply.status === 200) return entry;
  return { line: entry.line!, employeeId: entry.employeeId!, kind: 'conflict', note: errorOf(reply).message };
}

/**
 * E-mail conflicts: two rows giving one address to different employees, or a row giving an
 * employee the address another employee holds in Tenure (unless that employee's own row moves
 * them to another address) — the directory has one user per address.
 */
function emailConflicts(
  entries: DiffEntry[],
  records: Map<string, EmployeeRecord>,
  known: Map<string, Known>,
): DiffEntry[] {
  const owner = new Map<string, string>();
  for (const [id, k] of known) if (k.kind === 'running') owner.set(lower(k.status.employee.email)!, id);
  const rowsOf = new Map<string, DiffEntry[]>();
  for (const entry of entries) {
    const email = lower(records.get(entry.employeeId!)?.email);
    if (email) rowsOf.set(email, [...(rowsOf.get(email) ?? []), entry]);
  }
  return entries.map((entry) => {
    if (entry.kind === 'invalid' || entry.kind === 'conflict') return entry;
    const email = lower(records.get(entry.employeeId!)?.email)!;
    const others = (rowsOf.get(email) ?? []).filter((e) => e.employeeId !== entry.employeeId);
    if (others.length > 0) {
      const where = others.map((o) => `line ${o.line} (employee ${o.employeeId})`).join(', ');
      return {
        line: entry.line!,
        employeeId: entry.employeeId!,
        kind: 'conflict',
        note: `the e-mail is also on ${where}`,
      };
    }
    const holder = owner.get(email);
    const holderMoves =
      holder !== undefined &&
      lower(records.get(holder)?.email) !== undefined &&
      lower(records.get(holder)?.email) !== email;
    if (holder !== undefined && holder !== entry.employeeId && !holderMoves && entry.kind !== 'unchanged') {
      return {
        line: entry.line!,
        employeeId: entry.employeeId!,
        kind: 'conflict',
        note: `the e-mail belongs to employee ${holder} in Tenure: one directory account per address`,
      };
    }
    return entry;
  });
}

/** The instant a snapshot leave takes effect for an employee in their zone. */
function plannedInstant(leave: SnapshotLeave, timeZone: string): number {
  return 'leaveAt' in leave ? Date.parse(leave.leaveAt) : endOfDay(leave.leaveDate, timeZone);
}

/** Snapshot mode: the live employees the file does not name become leavers (those who started). */
function snapshotLeavers(missing: string[], known: Map<string, Known>, options: DiffOptions): DiffEntry[] {
  return missing.flatMap((employeeId): DiffEntry[] => {
    const k = known.get(employeeId)!;
    if (k.kind === 'unreadable') return [{ employeeId, kind: 'conflict', note: `not in the file; ${k.message}` }];
    if (k.kind !== 'running') return [];
    const { status } = k;
    if (status.startsAt && Date.parse(status.startsAt) > options.now) {
      return [
        {
          employeeId,
          kind: 'kept',
          note: `not in the file, but starts on ${status.employee.startDate}: left alone (withdraw the offer through the API if it is off)`,
        },
      ];
    }
    const planned = plannedInstant(options.snapshotLeave, status.employee.timeZone);
    if (status.leave?.at && Date.parse(status.leave.at) <= planned) {
      return [{ employeeId, kind: 'unchanged', note: `not in the file; leaving already (${status.leave.at})` }];
    }
    return [
      {
        employeeId,
        kind: 'leaver',
        leave: status.leave ? 'moved' : 'set',
        note: 'not in the file: no longer in the active population',
        request: {
          method: 'PATCH',
          path: `/employees/${encodeURIComponent(employeeId)}`,
          body: options.snapshotLeave,
          idempotencyKey: rowKey(options.fileHash, { absent: employeeId }),
        },
      },
    ];
  });
}

/** Whether the e-mail check needs the addresses of employees the file does not name. */
const needsPopulation = (entries: DiffEntry[]) =>
  entries.some((e) => e.kind === 'joiner' || e.kind === 'rehire' || e.fields?.includes('email'));

/**
 * The diff of a file against Tenure, through the API: every row's class (and request), every
 * invalid row with its problems, and in snapshot mode the employees the file leaves out.
 */
export async function diffRows(port: ApiPort, read: ReadRows, options: DiffOptions): Promise<DiffEntry[]> {
  const { progress } = options;
  progress.begin('diff', read.valid.length);
  const ids = read.valid.map((r) => r.record.employeeId);
  const known = await readAllKnown(port, ids, options.concurrency, () => progress.tick());
  const context = { fileHash: options.fileHash, leaveGiven: read.leaveGiven };
  let entries = read.valid.map((row) => classifyRow(row, known.get(row.record.employeeId)!, context));
  entries = await mapBounded(entries, options.concurrency, async (e) =>
    e.kind === 'rehire' && known.get(e.employeeId!)?.kind === 'ended' ? settleEnded(port, e) : e,
  );
  const records = new Map(read.valid.map((r) => [r.record.employeeId, r.record]));
  const invalid: DiffEntry[] = read.invalid.map((row) => ({
    line: row.line,
    ...(row.employeeId ? { employeeId: row.employeeId } : {}),
    kind: 'invalid',
    problems: row.problems.map(problemText),
  }));
  const rows = [...entries, ...invalid].sort((a, b) => a.line! - b.line!);
  // The live employees the file does not name: a snapshot makes leavers of them, and their
  // addresses complete the e-mail check (one status read each, once per import).
  let others: string[] = [];
  if (options.mode === 'snapshot' || needsPopulation(entries)) {
    const present = new Set([...ids, ...read.invalid.flatMap((r) => (r.employeeId ? [r.employeeId] : []))]);
    const live = await listLive(port);
    others = [...new Set(live.map((s) => s.employeeId))].filter((id) => !present.has(id)).sort();
    progress.grow(others.length);
    for (const [id, k] of await readAllKnown(port, others, options.concurrency, () => progress.tick()))
      known.set(id, k);
  }
  const all = emailConflicts(rows, records, known);
  if (options.mode === 'snapshot') all.push(...snapshotLeavers(others, known, options));
  progress.end();
  return all;
}
