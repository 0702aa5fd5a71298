import type { LedgerRow } from '../../store';
import type { LedgerTable } from '../../store/ledger';
import type { OverdueLeaver } from './overdue-leavers';
import { lagStats, secondsBetween, share, type LagStats } from './stats';

/** One deactivation of a leaver, against the instant HR set. */
export interface LeaverRow {
  employeeId: string;
  department: string | null;
  /** HR's effective leave instant (the instant the deactivation was due) */
  leaveAt: string | null;
  deactivatedAt: string;
  /** seconds from the leave instant to the deactivation; null without a leave instant */
  lagSeconds: number | null;
  withinSla: boolean | null;
  /** `role:name` of whoever set the leave, or `tenure:<rule>` */
  requestedBy: string;
  requestedAt: string | null;
  /** what the directory answered: `deactivated`, or `not-found` (the account was already gone) */
  outcome: string;
  /** what the read-back showed (`confirmed:inactive`, `mismatch:active`…); null before read-backs existed */
  readBack: string | null;
}

/** The deprovisioning-timeliness report: every leaver whose leave fell in the window, and a summary. */
export interface DeprovisioningReport {
  from: string;
  to: string;
  sla: string;
  summary: {
    /** leavers deactivated, plus those overdue */
    count: number;
    withinSla: number;
    /** deactivated within the SLA, of those deactivated or overdue past it */
    shareWithinSla: number | null;
    lagSeconds: LagStats;
    overdue: number;
  };
  leavers: LeaverRow[];
  /** leavers whose leave instant passed and whose account is not deactivated yet */
  overdue: OverdueLeaver[];
  /** more overdue leavers than listed */
  overdueTruncated: boolean;
}

/** The read-back that followed each deactivation: the next one of the same workflow. */
function readBacksOf(deactivations: readonly LedgerRow[], readBacks: readonly LedgerRow[]) {
  const found = new Map<number, string>();
  for (const row of deactivations) {
    const next = readBacks.find((r) => r.workflowId === row.workflowId && r.seq > row.seq);
    if (next) found.set(row.seq, next.outcome);
  }
  return found;
}

/**
 * Builds the report from the ledger: the deactivations whose leave was due in `[from, to)` (or,
 * without a due instant, that were done then), with the read-back that followed each; and the
 * overdue leavers the caller found in Temporal (not deactivated yet, so not in the ledger). An
 * overdue leaver past the SLA counts as late.
 */
export async function deprovisioningReport(
  ledger: LedgerTable,
  window: { from: Date; to: Date; sla: string; slaMs: number },
  pending: { leavers: OverdueLeaver[]; truncated: boolean } = { leavers: [], truncated: false },
): Promise<DeprovisioningReport> {
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const deactivations = await ledger.find({ actions: ['deactivate'], from, to, on: 'due' });
  const employeeIds = [...new Set(deactivations.map((r) => r.employeeId))];
  const readBacks = await ledger.find({ actions: ['read-back:deactivate'], employeeIds });
  const readBack = readBacksOf(deactivations, readBacks);
  const leavers = deactivations.map((row): LeaverRow => {
    const lagSeconds = row.dueAt ? Math.max(0, secondsBetween(row.dueAt, row.doneAt)) : null;
    return {
      employeeId: row.employeeId,
      department: row.department,
      leaveAt: row.dueAt,
      deactivatedAt: row.doneAt,
      lagSeconds,
      withinSla: lagSeconds === null ? null : lagSeconds * 1000 <= window.slaMs,
      requestedBy: row.actor,
      requestedAt: row.requestedAt,
      outcome: row.outcome,
      readBack: readBack.get(row.seq) ?? null,
    };
  });
  const measured = leavers.filter((l) => l.lagSeconds !== null);
  const within = measured.filter((l) => l.withinSla).length;
  // Visibility lags the ledger by a moment: a leaver deactivated just now is not also overdue.
  const done = new Set(deactivations.map((r) => r.employeeId));
  const overdue = pending.leavers.filter((l) => !done.has(l.employeeId));
  const lateOverdue = overdue.filter((l) => l.overdueSeconds * 1000 > window.slaMs).length;
  return {
    from,
    to,
    sla: window.sla,
    summary: {
      count: leavers.length + overdue.length,
      withinSla: within,
      shareWithinSla: share(within, measured.length + lateOverdue),
      lagSeconds: lagStats(measured.map((l) => l.lagSeconds!)),
      overdue: overdue.length,
    },
    leavers,
    overdue,
    overdueTruncated: pending.truncated,
  };
}
