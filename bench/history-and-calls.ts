import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CORE_USER } from '../emulator/schemas';
import { changeProfileUpdate, confirmDeletionUpdate } from '../workflows/contract';
import type { LifecyclePolicy } from '../workflows/contract';
import { DAY, HOUR, dateIn, employeeRecord } from '../scripts/lib/fixtures/employee-record';
import { startLifecycle, statusWhen } from '../scripts/lib/fixtures/lifecycle-handle';
import { joinerStartOptions } from '../api/lifecycle/start-joiner';
import type { employeeLifecycleWorkflow } from '../workflows';
import { startTimeSkippingStack, type TimeSkippingStack } from './lib/time-skipping-stack';
import { report } from './lib/output';

/**
 * History size and Workplace calls of whole lifecycles, with Tenure's real activities against the
 * emulator, on the time-skipping server (years pass in seconds): a typical lifecycle, and a
 * ten-year employment with a profile change every week.
 */

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const POLICY: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY };

async function historyLengths(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: { events?: HistoryEvent[] | null } = await env.client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events = history.events ?? [];
    lengths.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

function scimRequests(stack: TimeSkippingStack, since: number) {
  return stack.emulator.requests().filter((r) => r.kind === 'scim' && Date.parse(r.at) >= since);
}

/** The employee opens the claim link Workplace e-mailed them (the emulator claims the account). */
function claimAccount(stack: TimeSkippingStack, employeeId: string): void {
  const account = stack.emulator.store.findByExternalId(employeeId);
  if (!account) throw new Error(`no account for ${employeeId}`);
  stack.emulator.store.claim(account.id);
}

/** Three reminders (the manager escalated with the third), a claim, a leave with notice, retention, scrub, manual deletion. */
async function typicalLifecycle(stack: TimeSkippingStack): Promise<void> {
  const { env, emulator } = stack;
  const now = await env.currentTimeMs();
  emulator.createUser({
    schemas: [CORE_USER],
    userName: 'boss@example.com',
    externalId: 'BENCH-MGR',
    name: { givenName: 'B', familyName: 'Oss' },
  });
  const startDate = dateIn(now + 2 * DAY);
  const employee = employeeRecord(now, {
    employeeId: 'BENCH-TYPICAL',
    startDate,
    leaveDate: dateIn(now + 60 * DAY),
    managerEmployeeId: 'BENCH-MGR',
  });
  const since = Date.now();
  // Started as the API starts a joiner: with the run's search attributes and the current release.
  const handle = await env.client.workflow.start<typeof employeeLifecycleWorkflow>(
    'employeeLifecycleWorkflow',
    joinerStartOptions(employee, 'bench-typical-lifecycle'),
  );
  await statusWhen(handle, (s) => s.stage === 'Provisioned');
  await env.sleep(Date.parse(`${startDate}T09:00:00Z`) - now + HOUR);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  await env.sleep(9 * DAY);
  await statusWhen(handle, (s) => s.remindersSent === 3 && Boolean(s.managerEscalatedAt));
  claimAccount(stack, 'BENCH-TYPICAL'); // the employee opens the link
  await env.sleep(3 * DAY);
  await statusWhen(handle, (s) => s.stage === 'Active');
  await env.sleep(60 * DAY);
  await statusWhen(handle, (s) => s.stage === 'Deactivated');
  await env.sleep(31 * DAY);
  await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
  await handle.executeUpdate(confirmDeletionUpdate, { args: [{ note: 'bench' }] });
  await handle.result();
  // A closed run cannot be queried: its data ended with the employee's data key (crypto-shredding).
  const final = await handle.describe();

  const history = (await handle.fetchHistory()).events ?? [];
  const events = history.length;
  // Where the events go: activity tasks, timers, markers (local activities), upserts, updates.
  const byType: Record<string, number> = {};
  for (const event of history) {
    const code = event.eventType ?? 0;
    const type = String(typeof code === 'number' ? temporal.api.enums.v1.EventType[code] : code).replace(
      /^EVENT_TYPE_/,
      '',
    );
    byType[type] = (byType[type] ?? 0) + 1;
  }
  report({
    benchmark: 'history-size',
    metric: 'typical-lifecycle-events',
    value: events,
    byType,
    unit: 'events',
    target: '<= 80',
    met: events <= 80,
    executionStatus: final.status.name,
  });

  const calls = scimRequests(stack, since).length;
  // What the behaviour needs: find the manager, look the employee up, create, invite, read the
  // claim status at each reminder and once more to see the claim, deactivate, scrub.
  const minimum = 1 + 1 + 1 + 1 + (3 + 1) + 1 + 1;
  report({
    benchmark: 'directory-calls',
    metric: 'calls-per-typical-lifecycle',
    value: calls,
    unit: 'requests',
    minimum,
    ratio: calls / minimum,
    target: '<= minimum + 10%',
    met: calls <= minimum * 1.1,
    requests: scimRequests(stack, since).map((r) => `${r.method} ${r.path} ${r.status}`),
  });
}

/** Hired, claimed, then a profile change every week for ten years: every run stays small. */
async function tenYears(stack: TimeSkippingStack): Promise<void> {
  const { env } = stack;
  const now = await env.currentTimeMs();
  const employee = employeeRecord(now, { employeeId: 'BENCH-TENYEARS', startDate: dateIn(now - DAY) });
  const handle: WorkflowHandle = await startLifecycle(env, employee);
  const firstRunId = (await handle.describe()).runId;
  await statusWhen(handle, (s) => s.stage === 'Invited');
  claimAccount(stack, 'BENCH-TENYEARS');
  await env.sleep(3 * DAY + HOUR);
  await statusWhen(handle, (s) => s.stage === 'Active');
  const weeks = 52 * 10;
  for (let week = 1; week <= weeks; week++) {
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: `Engineer, week ${week}` } }] });
    await statusWhen(handle, (s) => !s.pending.profileSync, 30_000);
    await env.sleep(7 * DAY);
  }
  const lengths = await historyLengths(env, handle.workflowId, firstRunId);
  const largest = Math.max(...lengths);
  report({
    benchmark: 'history-size',
    metric: 'ten-year-largest-run-events',
    value: largest,
    unit: 'events',
    runs: lengths.length,
    totalEvents: lengths.reduce((a, b) => a + b, 0),
    profileChanges: weeks,
    target: '<= 2000',
    met: largest <= 2000,
  });
}

export async function historyAndCallsBench(): Promise<void> {
  const stack = await startTimeSkippingStack(POLICY);
  try {
    await typicalLifecycle(stack);
    await tenYears(stack);
  } finally {
    await stack.close();
  }
}
