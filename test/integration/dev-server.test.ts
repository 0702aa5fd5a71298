import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { changeLeaveUpdate, changeProfileUpdate, placeLegalHoldUpdate, retryUpdate } from '../../workflows/contract';
import type { LifecyclePolicy } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { fakeActivities } from '../helpers/fake-activities';
import { DAY, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { createDevServerEnv } from '../helpers/temporal-env';
import { createTestWorker } from '../helpers/worker';

const policy: LifecyclePolicy = {
  inviteOffset: '9h',
  reminderInterval: '1 hour',
  escalateAfter: 3,
  maxReminders: 10,
  leaveNotice: '7 days',
  retention: '30 days',
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const fake = fakeActivities(policy);

beforeAll(async () => {
  env = await createDevServerEnv();
  worker = await createTestWorker(env, { activities: fake.activities });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function idsFor(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

describe('lifecycle on the dev server', () => {
  it('lists employees by LifecycleStage, Department and StartDate through visibility', async () => {
    const now = Date.now();
    const future = employeeRecord(now, { department: 'Research' });
    const started = employeeRecord(now, { department: 'Research', startDate: dateIn(now - DAY) });
    const h1 = await startLifecycle(env, future);
    const h2 = await startLifecycle(env, started);
    await statusWhen(h1, (s) => s.stage === 'Provisioned');
    await statusWhen(h2, (s) => s.stage === 'Invited');

    const provisioned = `LifecycleStage = "Provisioned" AND Department = "Research" AND EmployeeId = "${future.employeeId}"`;
    expect(
      await eventually(
        () => idsFor(provisioned),
        (ids) => ids.length === 1,
      ),
    ).toEqual([h1.workflowId]);
    const invited = `LifecycleStage = "Invited" AND EmployeeId IN ("${future.employeeId}", "${started.employeeId}")`;
    expect(
      await eventually(
        () => idsFor(invited),
        (ids) => ids.length === 1,
      ),
    ).toEqual([h2.workflowId]);
    const startsLater = `Department = "Research" AND StartDate > "${new Date(now).toISOString()}"`;
    expect(
      await eventually(
        () => idsFor(startsLater),
        (ids) => ids.includes(h1.workflowId),
      ),
    ).not.toContain(h2.workflowId);
  });

  it('applies a mover through a validated update and upserts Department and ManagerEmployeeId', async () => {
    const employee = employeeRecord(Date.now());
    fake.seedAccount('MGR-DEV', 'boss@example.com');
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');

    const accepted = await handle.executeUpdate(changeProfileUpdate, {
      args: [{ changes: { department: 'Finance', title: 'Controller', managerEmployeeId: 'MGR-DEV' } }],
    });
    expect(accepted.employee.department).toBe('Finance');
    const synced = await statusWhen(handle, (s) => s.timeline.some((e) => e.event === 'profile-updated'));
    expect(synced.timeline.find((e) => e.event === 'profile-updated')?.detail).toBe(
      'department, title, managerEmployeeId',
    );
    const account = fake.accountOf(employee.employeeId)!;
    expect(account).toMatchObject({
      department: 'Finance',
      title: 'Controller',
      managerUserId: fake.accountOf('MGR-DEV')!.userId,
    });
    const query = `Department = "Finance" AND ManagerEmployeeId = "MGR-DEV" AND EmployeeId = "${employee.employeeId}"`;
    expect(
      await eventually(
        () => idsFor(query),
        (ids) => ids.length === 1,
      ),
    ).toEqual([handle.workflowId]);
  });

  it('rejects invalid requests in the validator, leaving no trace in history', async () => {
    const employee = employeeRecord(Date.now());
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const before = (await handle.fetchHistory()).events?.length ?? 0;

    const reject = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: unknown) => e,
      );
    const badEmail = await reject(
      handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { email: 'not-an-email' } }] }),
    );
    expect(badEmail).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((badEmail as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'InvalidRequest',
      details: [[{ path: 'changes.email', message: 'must be an e-mail address (no spaces or control characters)' }]],
    });
    const badDate = await reject(
      handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: '2026-02-30' }] }),
    );
    expect((badDate as WorkflowUpdateFailedError).cause?.message).toMatch(
      /^the request is invalid: leaveDate: must be a real calendar date/,
    );
    const noRetry = await reject(handle.executeUpdate(retryUpdate, { args: [{}] }));
    expect((noRetry as WorkflowUpdateFailedError).cause?.message).toBe(
      'nothing to retry: the employee does not need attention',
    );
    const noReason = await reject(handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: ' ' }] }));
    expect((noReason as WorkflowUpdateFailedError).cause?.message).toBe(
      'the request is invalid: reason: must not be blank',
    );

    const history = (await handle.fetchHistory()).events ?? [];
    expect(history.length).toBe(before);
  });

  it('upserts LegalHold and LeaveDate as they change', async () => {
    const now = Date.now();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'case 42' }] });
    const leaveDate = dateIn(now + 40 * DAY);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate }] });
    await statusWhen(handle, (s) => s.leave?.at === `${dateIn(now + 41 * DAY)}T00:00:00.000Z`);
    // The dev server's SQLite visibility matches datetimes by range, not by equality.
    const leaveAt = Date.parse(`${dateIn(now + 41 * DAY)}T00:00:00Z`);
    const [from, to] = [new Date(leaveAt - 1000).toISOString(), new Date(leaveAt + 1000).toISOString()];
    const query = `LegalHold = true AND LeaveDate BETWEEN "${from}" AND "${to}" AND EmployeeId = "${employee.employeeId}"`;
    expect(
      await eventually(
        () => idsFor(query),
        (ids) => ids.length === 1,
      ),
    ).toEqual([handle.workflowId]);
  });
});
