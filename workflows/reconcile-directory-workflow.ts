import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReconciliationFinding } from '../store';

const { reconcileDirectoryPage, finishReconciliation } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  // Behind every lifecycle's work when the directory's rate limit makes tasks wait (they use 1–4).
  priority: { priorityKey: 5 },
});

/** How the reconciler reads the directory. */
export interface ReconcileDirectoryInput {
  /** accounts per `GET /Users` page (one activity, one request each) */
  pageSize?: number;
}

/**
 * The directory reconciler, started by a Schedule (RECONCILE_CRON, daily by default): pages
 * through every account of the directory and compares each with what Tenure's ledger says it
 * should be — an orphan nobody owns, a leaver whose account is active again (deactivated again at
 * once), an active employee without an account, attribute drift — and records the run for
 * `GET /v1/reports/reconciliation`. Returns its summary.
 */
export async function reconcileDirectoryWorkflow({ pageSize = 100 }: ReconcileDirectoryInput = {}) {
  const info = workflowInfo();
  const startedAt = new Date(Date.now()).toISOString();
  const findings: ReconciliationFinding[] = [];
  const seen: string[] = [];
  let accounts = 0;
  let pages = 0;
  for (let startIndex: number | null = 1; startIndex !== null;) {
    const page: Awaited<ReturnType<typeof reconcileDirectoryPage>> = await reconcileDirectoryPage({
      startIndex,
      count: pageSize,
    });
    pages += 1;
    accounts += page.accounts;
    findings.push(...page.findings);
    seen.push(...page.seen);
    startIndex = page.next;
  }
  return finishReconciliation({ id: `${info.workflowId}/${info.runId}`, startedAt, pages, accounts, findings, seen });
}
