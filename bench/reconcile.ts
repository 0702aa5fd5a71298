import { TASK_QUEUE } from '../workflows/contract';
import type { reconcileDirectoryWorkflow } from '../workflows';
import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { report } from './lib/output';
import { startBenchStack } from './lib/stack';

/**
 * Reconciliation: a directory of 10,000 accounts, every one owned by an employee the ledger knows
 * (nine in ten active, one in ten deactivated and still inactive: nothing to fix), reconciled in
 * one run of the reconciliation workflow; accounts per second, end to end, at Tenure's default
 * (no request limit) and at a configured limit (BENCH_RECONCILE_RATE_LIMIT, 20 requests/s).
 */

const ACCOUNTS = Number(process.env.BENCH_RECONCILE_ACCOUNTS ?? 10_000);
const LIMITS = [undefined, Number(process.env.BENCH_RECONCILE_RATE_LIMIT ?? 20)];

export async function reconcileBench(): Promise<void> {
  for (const limit of LIMITS) {
    const stack = await startBenchStack({
      policy: { ...DEFAULT_LIFECYCLE_POLICY },
      ...(limit ? { maxRequestsPerSecond: limit } : {}),
    });
    try {
      const run = `REC${Date.now().toString(36)}`;
      const now = new Date().toISOString();
      for (let i = 0; i < ACCOUNTS; i++) {
        const employeeId = `${run}-${i}`;
        const leaver = i % 10 === 0;
        const user = stack.emulator.createUser({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `${employeeId}@example.com`.toLowerCase(),
          externalId: employeeId,
          name: { givenName: 'Bench', familyName: `Account ${i}` },
          active: !leaver,
        });
        const row = { employeeId, actor: 'tenure:bench', requestedAt: null, dueAt: null, doneAt: now };
        const common = {
          ...row,
          resourceId: user.id,
          department: null,
          workflowId: `employee-${employeeId}`,
          runId: run,
        };
        await stack.codec.store.ledger.append({
          ...common,
          idempotencyKey: `${employeeId}/p`,
          action: 'provision',
          outcome: 'created',
        });
        if (leaver) {
          await stack.codec.store.ledger.append({
            ...common,
            idempotencyKey: `${employeeId}/d`,
            action: 'deactivate',
            outcome: 'deactivated',
          });
        }
      }
      const requestsBefore = stack.emulator.requests().length;
      const started = Date.now();
      const summary = await stack.tenureClient.workflow.execute<typeof reconcileDirectoryWorkflow>(
        'reconcileDirectoryWorkflow',
        { taskQueue: TASK_QUEUE, workflowId: `bench-reconcile-${run}`, args: [{}] },
      );
      const seconds = (Date.now() - started) / 1000;
      if (summary.accounts !== ACCOUNTS || summary.open !== 0) {
        throw new Error(`reconciliation bench: expected ${ACCOUNTS} clean accounts, got ${JSON.stringify(summary)}`);
      }
      report({
        benchmark: 'reconcile',
        metric: 'accounts reconciled per second',
        value: Math.round(ACCOUNTS / seconds),
        unit: 'accounts/s',
        accounts: ACCOUNTS,
        seconds: Math.round(seconds * 10) / 10,
        pages: summary.pages,
        directoryRequests: stack.emulator.requests().length - requestsBefore,
        rateLimit: limit ?? 'none (default)',
      });
    } finally {
      await stack.close();
    }
  }
}
