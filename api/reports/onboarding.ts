import type { LedgerRow } from '../../store';
import type { LedgerTable } from '../../store/ledger';
import { lagStats, secondsBetween, share, type LagStats } from './stats';

/** One joiner's onboarding, from the ledger. */
export interface JoinerRow {
  employeeId: string;
  department: string | null;
  /** the start of the start day in the employee's zone */
  startsAt: string | null;
  provisionedAt: string;
  provisionedBeforeStart: boolean | null;
  invitedAt: string | null;
  claimedAt: string | null;
  /** seconds from the invite to the claim */
  timeToClaimSeconds: number | null;
}

/** The onboarding report: every joiner whose start fell in the window, and a summary. */
export interface OnboardingReport {
  from: string;
  to: string;
  summary: {
    count: number;
    provisionedBeforeStart: number;
    shareProvisionedBeforeStart: number | null;
    invited: number;
    claimed: number;
    timeToClaimSeconds: LagStats;
  };
  joiners: JoinerRow[];
}

/** The first row of an action that followed a provisioning in the same workflow. */
const firstAfter = (rows: readonly LedgerRow[], provision: LedgerRow) =>
  rows.find((r) => r.workflowId === provision.workflowId && r.seq > provision.seq);

/**
 * Builds the report from the ledger: the provisionings (created, or an existing account found) due
 * in `[from, to)` — the start of the start day — with the invite and the claim that followed.
 */
export async function onboardingReport(
  ledger: LedgerTable,
  window: { from: Date; to: Date },
): Promise<OnboardingReport> {
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const provisions = await ledger.find({ actions: ['provision'], from, to, on: 'due' });
  const employeeIds = [...new Set(provisions.map((r) => r.employeeId))];
  const later = await ledger.find({ actions: ['invite', 'claim'], employeeIds });
  const invites = later.filter((r) => r.action === 'invite' && r.outcome === 'invited');
  const claims = later.filter((r) => r.action === 'claim');
  const joiners = provisions.map((row): JoinerRow => {
    const invitedAt = row.outcome === 'created-invited' ? row.doneAt : (firstAfter(invites, row)?.doneAt ?? null);
    const claimedAt = firstAfter(claims, row)?.doneAt ?? null;
    return {
      employeeId: row.employeeId,
      department: row.department,
      startsAt: row.dueAt,
      provisionedAt: row.doneAt,
      provisionedBeforeStart: row.dueAt ? row.doneAt <= row.dueAt : null,
      invitedAt,
      claimedAt,
      timeToClaimSeconds: invitedAt && claimedAt ? Math.max(0, secondsBetween(invitedAt, claimedAt)) : null,
    };
  });
  const before = joiners.filter((j) => j.provisionedBeforeStart).length;
  return {
    from,
    to,
    summary: {
      count: joiners.length,
      provisionedBeforeStart: before,
      shareProvisionedBeforeStart: share(before, joiners.filter((j) => j.provisionedBeforeStart !== null).length),
      invited: joiners.filter((j) => j.invitedAt).length,
      claimed: joiners.filter((j) => j.claimedAt).length,
      timeToClaimSeconds: lagStats(
        joiners.flatMap((j) => (j.timeToClaimSeconds === null ? [] : [j.timeToClaimSeconds])),
      ),
    },
    joiners,
  };
}
