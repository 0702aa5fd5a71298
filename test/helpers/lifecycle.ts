import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  TASK_QUEUE,
  employeeWorkflowId,
  statusQuery,
  type EmployeeRecord,
  type EmployeeStatus,
} from '../../workflows/contract';
import { employeeLifecycleWorkflow } from '../../workflows';
import { eventually } from './eventually';

export const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;

let counter = 0;

/** A unique employee id for one test. */
export function nextEmployeeId(prefix = 'E'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}-${counter}`;
}

/** The calendar date of an instant in a zone (`YYYY-MM-DD`). */
export function dateIn(ms: number, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(ms),
  );
}

/** An employee record for tests; `startDate` defaults to ten days after `now`. */
export function employeeRecord(now: number, overrides: Partial<EmployeeRecord> = {}): EmployeeRecord {
  const employeeId = overrides.employeeId ?? nextEmployeeId();
  return {
    employeeId,
    email: `${employeeId.toLowerCase()}@example.com`,
    givenName: 'Ada',
    familyName: 'Lovelace',
    department: 'Engineering',
    timeZone: 'UTC',
    startDate: dateIn(now + 10 * DAY),
    ...overrides,
  };
}

export async function startLifecycle(
  env: TestWorkflowEnvironment,
  employee: EmployeeRecord,
): Promise<WorkflowHandle<typeof employeeLifecycleWorkflow>> {
  return env.client.workflow.start(employeeLifecycleWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: employeeWorkflowId(employee.employeeId),
    args: [{ employee }],
  });
}

export function statusOf(handle: WorkflowHandle): Promise<EmployeeStatus> {
  return handle.query(statusQuery);
}

/**
 * The status a lifecycle ended with: waits for the run to complete (skipping time on the
 * time-skipping server), then queries the closed run (the worker replays it; the run itself
 * returns nothing — its data ends with the employee's data key).
 */
export async function finalStatus(handle: WorkflowHandle): Promise<EmployeeStatus> {
  await handle.result();
  return handle.query(statusQuery);
}

/** Waits (in real time, without skipping) until the status satisfies `done`. */
export function statusWhen(
  handle: WorkflowHandle,
  done: (s: EmployeeStatus) => boolean,
  timeoutMs = 15_000,
): Promise<EmployeeStatus> {
  return eventually(() => statusOf(handle), done, { timeoutMs, intervalMs: 50 });
}

export const events = (s: EmployeeStatus, name?: string) =>
  s.timeline.filter((e) => !name || e.event === name).map((e) => e.event);

/** Timers fire at their due instant; the workflow sees it a few milliseconds later. */
export function expectAt(iso: string | undefined, due: number): void {
  expect(iso).toBeDefined();
  const actual = Date.parse(iso!);
  expect(actual).toBeGreaterThanOrEqual(due);
  expect(actual - due).toBeLessThan(1000);
}
