/**
 * The lifecycle's requests through the API over real HTTP — movers, leaves, early leave, legal hold,
 * manual deletion, withdrawal, rehire, retry — against a real dev server, worker and emulator with
 * a policy of seconds, so that employees go from joiner to Deleted while the test watches.
 */
import { CORE_USER } from '../../emulator/schemas';
import {
  DepartmentKey,
  EmployeeIdKey,
  employeeWorkflowId,
  LifecycleStageKey,
  type Stage,
} from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, startApi, type ApiBody, type RunningApi } from './support';
import { emulatorAdmin } from '../../emulator/admin-client';

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({ policy: FAST_POLICY });
  api = await startApi(stack.env.client);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

/** Polls GET until the status satisfies `done`. */
function statusWhen(employeeId: string, done: (s: ApiBody) => boolean, timeoutMs = 20_000): Promise<ApiBody> {
  return eventually(async () => (await api.call('GET', `/v1/employees/${employeeId}`)).body, done, {
    timeoutMs,
    intervalMs: 200,
  });
}
const inStage = (employeeId: string, stage: Stage) => statusWhen(employeeId, (s) => s.stage === stage);

async function started(overrides: Parameters<typeof joiner>[0] = {}): Promise<string> {
  const record = joiner(overrides);
  const res = await api.call('POST', '/v1/employees', { body: record });
  expect(res.status).toBe(201);
  return record.employeeId;
}

/** An employee who started two days ago and claimed their account. */
async function activeEmployee(): Promise<string> {
  const id = await started({ startDate: dateIn(Date.now() - 2 * DAY) });
  const invited = await inStage(id, 'Invited');
  const claim = await emulatorAdmin(stack.emulator, `/users/${invited.workplaceUserId}/claim`, { method: 'POST' });
  expect(claim.status).toBe(200);
  await inStage(id, 'Active');
  return id;
}

describe('who did what', () => {
  it('records who hired the employee, and in which request, on the first provisioning', async () => {
    const record = joiner();
    const res = await api.call('POST', '/v1/employees', {
      body: record,
      headers: { 'x-request-id': 'hr-feed-2027-01-04.7' },
    });
    expect(res.status).toBe(201);
    const status = await statusWhen(record.employeeId, (s) =>
      (s.timeline ?? []).some((e) => e.event === 'provisioned'),
    );
    expect(status.timeline!.find((e) => e.event === 'provisioned')).toMatchObject({
      by: { role: 'hr', name: 'hr-feed' },
      requestId: 'hr-feed-2027-01-04.7',
    });
  });
});

describe('PATCH /v1/employees/{employeeId}', () => {
  it('applies a mover and answers the status the update returns', async () => {
    const id = await started();
    const res = await api.call('PATCH', `/v1/employees/${id}`, {
      body: { department: 'Finance', title: 'Controller' },
    });
    expect(res.status).toBe(200);
    expect(res.body.employee).toMatchObject({ department: 'Finance', title: 'Controller' });
    expect(res.body.pending?.profileFields?.sort()).toEqual(['department', 'title']);
  });

  it('moves and removes the leave', async () => {
    const id = await started();
    const leaveDate = dateIn(Date.now() + 60 * DAY);
    const moved = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveDate, note: 'contract ends' } });
    expect(moved.status).toBe(200);
    expect(moved.body.leave).toMatchObject({ date: leaveDate, reason: 'leave-date' });
    expect(moved.body.timeline?.at(-1)).toMatchObject({
      event: 'leave-scheduled',
      detail: `end of ${leaveDate}; contract ends`,
    });
    const removed = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveDate: null } });
    expect(removed.status).toBe(200);
    expect(removed.body.leave).toBeUndefined();
    expect(removed.body.timeline?.at(-1)?.event).toBe('leave-cancelled');
  });

  it('refuses a leave before the start date unless leaveBeforeStart is set', async () => {
    const id = await started({ startDate: dateIn(Date.now() + 20 * DAY) });
    const leaveAt = new Date(Date.now() + 5 * DAY).toISOString();
    const refused = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt } });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details[0]?.path).toBe('body.leaveAt');
    const accepted = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt, leaveBeforeStart: true } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.leave?.at).toBe(leaveAt);
  });

  it("answers 422 with the lifecycle's reason when it rejects the change", async () => {
    const id = await started({ title: 'Analyst' });
    const res = await api.call('PATCH', `/v1/employees/${id}`, { body: { title: 'Analyst' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: 'REQUEST_REJECTED',
      message: 'the profile change changes nothing',
      details: [],
    });
  });

  it('answers 404 for an unknown employee', async () => {
    const res = await api.call('PATCH', '/v1/employees/NOBODY-1', { body: { title: 'x' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'EMPLOYEE_NOT_FOUND', message: 'no employee NOBODY-1' });
    expect((await api.call('GET', '/v1/employees/NOBODY-1')).status).toBe(404);
    expect((await api.call('POST', '/v1/employees/NOBODY-1/retry')).status).toBe(404);
  });
});

describe('a claimed employee from early leave to confirmed deletion', () => {
  it('deactivates on an early leave, waits for a manual deletion under a legal hold, and ends Deleted', async () => {
    const id = await activeEmployee();

    const leave = await api.call('POST', `/v1/employees/${id}/leave`, { body: { note: 'Resigned' } });
    expect(leave.status).toBe(200);
    expect(leave.body.leave).toMatchObject({ reason: 'early-leave' });
    await inStage(id, 'Deactivated');

    const mover = await api.call('PATCH', `/v1/employees/${id}`, { body: { title: 'Ghost' } });
    expect(mover.status).toBe(422);
    expect(mover.body.error?.message).toBe('profile changes are not accepted in stage Deactivated: rehire first');

    // Retention is 3 s; the claimed account is scrubbed and handed to an administrator.
    await statusWhen(id, (s) => s.stage === 'AwaitingManualDeletion');
    const hold = await api.call('PUT', `/v1/employees/${id}/legal-hold`, {
      as: 'operator',
      body: { reason: 'case 42' },
    });
    expect(hold.status).toBe(200);
    expect(hold.body.legalHold).toMatchObject({ reason: 'case 42' });
    const blocked = await api.call('POST', `/v1/employees/${id}/deletion-confirmed`, { as: 'operator', body: {} });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error?.message).toBe(
      'a legal hold is in force: the account must not be deleted; release the hold first',
    );
    // Releasing takes two people: the operator asks, HR confirms.
    const asked = await api.call('DELETE', `/v1/employees/${id}/legal-hold`, {
      as: 'operator',
      body: { note: 'case closed' },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.legalHold?.releaseRequested).toMatchObject({ by: { role: 'operator' }, note: 'case closed' });
    const again422 = await api.call('DELETE', `/v1/employees/${id}/legal-hold`, { as: 'operator', body: {} });
    expect(again422.status).toBe(422);
    expect(again422.body.error?.message).toMatch(/a second, different person must confirm/);
    const released = await api.call('DELETE', `/v1/employees/${id}/legal-hold`, { as: 'hr', body: {} });
    expect(released.status).toBe(200);
    expect(released.body.legalHold).toBeUndefined();
    // The hold retracted the operators' deletion request; its release asks them again.
    await statusWhen(id, (s) => Boolean(s.manualDeletionRequestedAt) && !s.deletionRequestRetractedAt);
    const confirmed = await api.call('POST', `/v1/employees/${id}/deletion-confirmed`, {
      as: 'operator',
      body: { note: 'deleted in the Admin Panel' },
    });
    expect(confirmed.status).toBe(200);
    // The answer is the status with the confirmation, or — when the lifecycle erased the data key
    // before the answer was read — what remains of the ended lifecycle.
    if (confirmed.body.ended) expect(confirmed.body).toMatchObject({ employeeId: id, ended: true });
    else expect(confirmed.body.pending?.deletionConfirmed).toBe(true);

    // Ended: what remains reads from visibility, without personal data; changes are refused as such.
    const deleted = await statusWhen(id, (s) => s.stage === 'Deleted');
    expect(deleted).toMatchObject({ ended: true, run: { executionStatus: 'COMPLETED', source: 'visibility' } });
    expect(deleted.employee).toBeUndefined();
    expect(deleted.timeline).toBeUndefined();
    const late = await api.call('POST', `/v1/employees/${id}/leave`, {});
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'LIFECYCLE_ENDED' });

    // Tenure no longer knows the person: a rehire says to start them again with their full record.
    const startDate = dateIn(Date.now() + 30 * DAY);
    const rehired = await api.call('POST', `/v1/employees/${id}/rehire`, { body: { startDate, title: 'Returner' } });
    expect(rehired.status).toBe(422);
    expect(rehired.body.error).toMatchObject({ code: 'LIFECYCLE_ENDED' });
    expect(rehired.body.error?.message).toMatch(/start the employee again with POST \/v1\/employees/);
  });
});

describe('withdrawal and rehire', () => {
  it('withdraws an offer, and a different record afterwards starts a new run under the same id', async () => {
    const record = joiner({ startDate: dateIn(Date.now() + 15 * DAY) });
    await api.call('POST', '/v1/employees', { body: record });
    await inStage(record.employeeId, 'Provisioned');
    const withdrawn = await api.call('POST', `/v1/employees/${record.employeeId}/withdraw`, {
      body: { note: 'declined' },
    });
    expect(withdrawn.status).toBe(200);
    // The status with the withdrawal, or what remains once the lifecycle erased the data key.
    expect(withdrawn.body.ended ?? withdrawn.body.withdrawn).toBe(true);
    const closed = await statusWhen(record.employeeId, (s) => s.run?.executionStatus === 'COMPLETED');
    expect(closed.stage).toBe('Withdrawn');

    // A replayed feed does not bring the withdrawn joiner back...
    const replay = await api.call('POST', '/v1/employees', { body: record });
    expect(replay.status).toBe(200);
    expect(replay.body.stage).toBe('Withdrawn');
    // ...a new offer does.
    const renewed = await api.call('POST', '/v1/employees', {
      body: { ...record, startDate: dateIn(Date.now() + 45 * DAY) },
    });
    expect(renewed.status).toBe(201);
    expect(renewed.body.stage).toBe('Provisioning');
    const current = await api.call('GET', `/v1/employees/${record.employeeId}`);
    expect(current.body.run?.runId).not.toBe(closed.run?.runId);
  });

  it('rehires a deactivated employee on the same account', async () => {
    const id = await started({ startDate: dateIn(Date.now() - 2 * DAY) });
    await inStage(id, 'Invited');
    const early = await api.call('POST', `/v1/employees/${id}/leave`, {
      body: { leaveAt: new Date(Date.now() + 500).toISOString() },
    });
    expect(early.status).toBe(200);
    const left = await inStage(id, 'Deactivated');
    const res = await api.call('POST', `/v1/employees/${id}/rehire`, {
      body: { startDate: dateIn(Date.now() + 7 * DAY), department: 'Research' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cycle: 2, workplaceUserId: left.workplaceUserId });
    expect(res.body.employee?.department).toBe('Research');
    const refused = await api.call('POST', `/v1/employees/${id}/rehire`, { body: { startDate: dateIn(Date.now()) } });
    expect(refused.status).toBe(422);
  });
});

describe('POST /v1/employees/{employeeId}/retry', () => {
  it('retries the failed action once an operator fixed its cause', async () => {
    const record = joiner();
    stack.emulator.createUser({
      schemas: [CORE_USER],
      userName: record.email,
      externalId: `CONTRACTOR-${record.employeeId}`,
      name: { givenName: 'Seeded', familyName: 'Account' },
    });
    await api.call('POST', '/v1/employees', { body: record });
    const stuck = await statusWhen(record.employeeId, (s) => s.needsAttention === true);
    expect(stuck.lastError).toMatchObject({ action: 'provision', type: 'WorkplaceUserNameTaken' });

    const retried = await api.call('POST', `/v1/employees/${record.employeeId}/retry`, {
      as: 'operator',
      body: { note: 'freed the address' },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.needsAttention).toBe(false);
    expect(retried.body.timeline?.some((e) => e.event === 'retried')).toBe(true);
  });

  it('answers 422 when there is nothing to retry', async () => {
    const id = await started();
    const res = await api.call('POST', `/v1/employees/${id}/retry`, { as: 'operator' });
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toBe('nothing to retry: the employee does not need attention');
  });
});

describe('GET /v1/employees/{employeeId} of a run that ended otherwise', () => {
  it('queries a terminated run through a worker', async () => {
    const id = await started();
    await inStage(id, 'Provisioned');
    await stack.env.client.workflow.getHandle(employeeWorkflowId(id)).terminate('operator test');
    const res = await api.call('GET', `/v1/employees/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'Provisioned', run: { executionStatus: 'TERMINATED', source: 'query' } });
  });

  it('answers what visibility knows, marked degraded, when no worker can replay the run', async () => {
    const record = joiner();
    // A run on a task queue nobody polls: no worker will ever answer its queries.
    const handle = await stack.env.client.workflow.start('employeeLifecycleWorkflow', {
      taskQueue: 'nobody-polls-this',
      workflowId: employeeWorkflowId(record.employeeId),
      args: [{ employee: record }],
      typedSearchAttributes: [
        { key: EmployeeIdKey, value: record.employeeId },
        { key: LifecycleStageKey, value: 'Provisioning' },
        { key: DepartmentKey, value: 'Engineering' },
      ],
    });
    await handle.terminate('stuck');
    const res = await api.call('GET', `/v1/employees/${record.employeeId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      employeeId: record.employeeId,
      stage: 'Provisioning',
      department: 'Engineering',
      degraded: true,
      note: expect.stringContaining('no worker answered'),
      run: { executionStatus: 'TERMINATED', source: 'visibility' },
    });
  });
});
