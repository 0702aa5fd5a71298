import { employeeLifecycleWorkflow } from '../workflows';
import { employeeWorkflowId, statusQuery, TASK_QUEUE, type EmployeeRecord } from '../workflows/contract';
import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { startBenchStack } from './lib/stack';
import { quantile, report } from './lib/output';

/**
 * Timer precision: employees whose leave instant is a few seconds ahead; lateness of each
 * deactivation — the moment the deactivating PATCH reaches Workplace — after its due instant.
 */

const K = Number(process.env.BENCH_TIMER_N ?? 100);

export async function timerPrecisionBench(): Promise<void> {
  const stack = await startBenchStack({ policy: { ...DEFAULT_LIFECYCLE_POLICY } });
  const run = `TMR${Date.now().toString(36)}`;
  const base = Date.now() + 15_000;
  const due = new Map<string, number>();
  try {
    for (let i = 0; i < K; i++) {
      const leaveAt = base + i * 100; // spread over ten seconds
      const employee: EmployeeRecord = {
        employeeId: `${run}-${i}`,
        email: `${run}-${i}@example.com`.toLowerCase(),
        givenName: 'Timer',
        familyName: `Probe ${i}`,
        timeZone: 'UTC',
        // Starts far ahead: never invited, so the only PATCH its account gets is the deactivation.
        startDate: '2030-01-07',
        leaveAt: new Date(leaveAt).toISOString(),
      };
      await stack.tenureClient.workflow.start(employeeLifecycleWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: employeeWorkflowId(employee.employeeId),
        args: [{ employee }],
      });
      due.set(employee.employeeId, leaveAt);
    }
    await new Promise((resolve) => setTimeout(resolve, base + K * 100 - Date.now() + 5_000));
    const lateness: number[] = [];
    for (const [employeeId, dueAt] of due) {
      const status = await stack.tenureClient.workflow.getHandle(employeeWorkflowId(employeeId)).query(statusQuery);
      if (status.stage !== 'Deactivated') throw new Error(`${employeeId} is ${status.stage}`);
      const patch = stack.emulator
        .requests()
        .find((r) => r.method === 'PATCH' && r.path === `/Users/${status.workplaceUserId}`);
      if (!patch) throw new Error(`no deactivation reached Workplace for ${employeeId}`);
      lateness.push(Date.parse(patch.at) - dueAt);
    }
    const p99 = quantile(lateness, 0.99);
    report({
      benchmark: 'timer-precision',
      metric: 'deactivation-lateness-p99',
      value: p99,
      unit: 'ms',
      employees: K,
      p50Ms: quantile(lateness, 0.5),
      maxMs: Math.max(...lateness),
      minMs: Math.min(...lateness),
      target: '<= 1000',
      met: p99 <= 1000,
    });
  } finally {
    await stack.close();
  }
}
