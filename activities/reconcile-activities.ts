import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import { parseEnv } from '../config/env';
import type { ExpectedAccount, LedgerTable, ReconciliationFinding, ReconciliationRun } from '../store';
import type { ReconciliationTable } from '../store/reconciliations';
import { mappingFailures, type FailureListener } from './failures';
import type { LedgerRecorder } from './ledger-recorder';
import type { DirectoryUser, ScimClient } from './scim';
import { employeeWorkflowId, profileDriftedSignal } from '../workflows/contract';

export const reconcileEnvSchema = z.object({
  /**
   * accounts the reconciler reports but never touches (break-glass administrators, service
   * accounts): directory user ids or externalIds, comma-separated
   */
  RECONCILE_PROTECTED: z.string().default(''),
});

/** What the reconciler needs to know beyond the directory and the store. */
export interface ReconcileSettings {
  protectedIds: readonly string[];
}

/** The reconciler's settings from the worker's environment. */
export function loadReconcileSettings(env: NodeJS.ProcessEnv = process.env): ReconcileSettings {
  const parsed = parseEnv('reconciliation', reconcileEnvSchema, env);
  return {
    protectedIds: parsed.RECONCILE_PROTECTED.split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  };
}

/** One page of the directory, reconciled. */
export interface ReconciledPage {
  findings: ReconciliationFinding[];
  /** the externalIds of the accounts on the page: the employees the directory has */
  seen: string[];
  accounts: number;
  /** the startIndex of the next page; null after the last */
  next: number | null;
}

const SIGNAL = () => ({ signal: Context.current().cancellationSignal });

/**
 * Classifies one account against what the ledger expects of it. A re-enabled leaver (Tenure
 * deactivated it; it is active) is the one class fixed here, by the caller; the others are reported.
 */
function classify(
  user: DirectoryUser,
  expected: ExpectedAccount | undefined,
): Omit<ReconciliationFinding, 'action'> | undefined {
  const ids = { userId: user.id, ...(user.externalId ? { employeeId: user.externalId } : {}) };
  if (!expected) {
    return {
      ...ids,
      class: 'orphan',
      detail: user.externalId ? 'its externalId is no employee of Tenure' : 'it has no externalId',
    };
  }
  if (expected.state === 'gone') return { ...ids, class: 'orphan', detail: 'Tenure deleted this account; it is back' };
  if (expected.state === 'inactive' && user.active) {
    return { ...ids, class: 're-enabled-leaver', detail: 'Tenure deactivated it; it is active again' };
  }
  if (expected.state === 'active' && !user.active) {
    return { ...ids, class: 'attribute-drift', detail: 'active in Tenure, inactive in the directory' };
  }
  if (expected.state === 'active' && expected.department && (user.department ?? null) !== expected.department) {
    return { ...ids, class: 'attribute-drift', detail: 'department differs from the last one Tenure wrote' };
  }
  return undefined;
}

/**
 * Tells the employee's lifecycle that its account drifted: it writes its profile again (every
 * attribute it manages). False when no lifecycle runs for the employee any more.
 */
async function resync(employeeId: string): Promise<boolean> {
  try {
    await Context.current().client.workflow.getHandle(employeeWorkflowId(employeeId)).signal(profileDriftedSignal);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** The count of each class among findings, and what stays open. */
function summarise(findings: readonly ReconciliationFinding[]) {
  const count = (c: ReconciliationFinding['class']) => findings.filter((f) => f.class === c).length;
  const fixed = findings.filter((f) => f.action === 'deactivated' || f.action === 'resynced').length;
  return {
    orphan: count('orphan'),
    reEnabledLeaver: count('re-enabled-leaver'),
    missing: count('missing'),
    attributeDrift: count('attribute-drift'),
    fixed,
    open: findings.length - fixed,
  };
}

/**
 * The directory reconciler's activities: one page of `GET /Users` per activity (each a request
 * under the task queue's rate limit like every other directory call), compared with what the
 * ledger says each employee's account should be; and the run's end, which finds the missing ones.
 */
export function createReconcileActivities(
  directory: ScimClient,
  stores: { ledger: LedgerTable; reconciliations: ReconciliationTable },
  record: LedgerRecorder,
  settings: ReconcileSettings,
  alerts: FailureListener = {},
) {
  const isProtected = (user: DirectoryUser) =>
    settings.protectedIds.includes(user.id) ||
    (user.externalId !== undefined && settings.protectedIds.includes(user.externalId));
  return {
    /**
     * Reconciles one page: classifies each account; a re-enabled leaver is deactivated again (and
     * recorded, and alerted), unless it is protected. Safe to retry: deactivation sets
     * `active: false` whatever the value, and its ledger row is keyed by the account.
     */
    async reconcileDirectoryPage({
      startIndex,
      count,
    }: {
      startIndex: number;
      count: number;
    }): Promise<ReconciledPage> {
      return mappingFailures(async () => {
        const page = await directory.listUsers({ startIndex, count }, SIGNAL());
        const externalIds = page.resources.flatMap((u) => (u.externalId ? [u.externalId] : []));
        const expected = new Map((await stores.ledger.expectedAccounts(externalIds)).map((e) => [e.employeeId, e]));
        const findings: ReconciliationFinding[] = [];
        for (const user of page.resources) {
          const found = classify(user, user.externalId ? expected.get(user.externalId) : undefined);
          if (!found) continue;
          if (isProtected(user)) {
            findings.push({ ...found, action: 'protected' });
          } else if (found.class === 're-enabled-leaver') {
            await directory.setActive(user.id, false, SIGNAL());
            await record({
              action: 'reconcile:deactivate',
              outcome: 'deactivated',
              resourceId: user.id,
              employeeId: user.externalId!,
              slot: user.id,
              audit: { actor: { role: 'tenure', rule: 'reconciler' } },
            });
            Context.current().log.error('ALERT a leaver’s account was active again; the reconciler deactivated it', {
              userId: user.id,
            });
            Context.current().metricMeter.createCounter('tenure_reenabled_leavers', 'accounts').add(1);
            findings.push({ ...found, action: 'deactivated' });
          } else if (found.class === 'attribute-drift' && user.active && user.externalId) {
            findings.push({ ...found, action: (await resync(user.externalId)) ? 'resynced' : 'reported' });
          } else {
            findings.push({ ...found, action: 'reported' });
          }
        }
        const next = startIndex + page.resources.length;
        return {
          findings,
          seen: externalIds,
          accounts: page.resources.length,
          next: page.resources.length === 0 || next > page.totalResults ? null : next,
        };
      }, alerts);
    },

    /**
     * Ends a run: every employee the ledger expects active whose account no page showed is
     * `missing`; the run is recorded for GET /v1/reports/reconciliation. Answers its summary.
     */
    async finishReconciliation(run: {
      id: string;
      startedAt: string;
      pages: number;
      accounts: number;
      findings: ReconciliationFinding[];
      seen: string[];
    }): Promise<ReconciliationRun['summary']> {
      const seen = new Set(run.seen);
      const missing: ReconciliationFinding[] = (await stores.ledger.expectedAccounts())
        .filter((e) => e.state === 'active' && !seen.has(e.employeeId))
        .map((e) => ({
          class: 'missing',
          employeeId: e.employeeId,
          ...(e.resourceId ? { userId: e.resourceId } : {}),
          action: 'reported',
          detail: 'an active employee of Tenure without an account in the directory',
        }));
      const findings = [...run.findings, ...missing];
      const summary = { accounts: run.accounts, pages: run.pages, ...summarise(findings) };
      await stores.reconciliations.record({
        id: run.id,
        startedAt: run.startedAt,
        finishedAt: new Date().toISOString(),
        summary,
        findings,
      });
      return summary;
    },
  };
}
