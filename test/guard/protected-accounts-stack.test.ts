/**
 * Protected accounts on the real stack: the API refuses requests that would deactivate or delete a
 * protected account (409 PROTECTED_ACCOUNT), and a lifecycle that reaches such a step anyway (a
 * leave accepted before the account was listed) stops with NeedsAttention instead of acting.
 */
import { FAST_POLICY, joiner, startApi, type ApiBody, type RunningApi } from '../api/support';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { workflowExists } from './support';

const GUARD_PROTECTED = 'P-ADMIN-1,breakglass-*@example.com';

let stack: RealStack;
/** the API with GUARD_PROTECTED */
let api: RunningApi;
/** an API without it: stands for a leave accepted before the account was listed */
let unguarded: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({ policy: FAST_POLICY, protectedAccounts: GUARD_PROTECTED.split(',') });
  api = await startApi(stack.env.client, { env: { GUARD_PROTECTED } });
  unguarded = await startApi(stack.env.client);
});

afterAll(async () => {
  await api?.close();
  await unguarded?.close();
  await stack?.close();
});

const statusWhen = (id: string, done: (s: ApiBody) => boolean) =>
  eventually(async () => (await api.call('GET', `/v1/employees/${id}`)).body, done, {
    timeoutMs: 20_000,
    intervalMs: 200,
  });

/** A protected employee who started two days ago and was invited (the API accepts a joiner without a leave). */
async function invitedEmployee(overrides: Parameters<typeof joiner>[0]): Promise<ApiBody> {
  const record = joiner({ startDate: dateIn(Date.now() - 2 * DAY), ...overrides });
  expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
  return statusWhen(record.employeeId, (s) => s.stage === 'Invited');
}

describe('requests that would deactivate a protected account', () => {
  it('refuses a joiner with a leave date when the employee id is protected, and starts nothing', async () => {
    const record = joiner({ employeeId: 'P-ADMIN-1', leaveDate: dateIn(Date.now() + 30 * DAY) });
    const res = await api.call('POST', '/v1/employees', { body: record });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('PROTECTED_ACCOUNT');
    expect(res.body.error?.message).toMatch(/employee P-ADMIN-1 is listed in GUARD_PROTECTED/);
    expect(await workflowExists(stack.env.client, 'P-ADMIN-1')).toBe(false);
  });

  it('refuses the batch item whose user name matches a pattern, and starts the others', async () => {
    const leaveDate = dateIn(Date.now() + 30 * DAY);
    const guarded = joiner({ email: `breakglass-${Date.now()}@example.com`, leaveDate });
    const plain = joiner({ leaveDate });
    const res = await api.call('POST', '/v1/employees/batch', { body: { employees: [guarded, plain] } });
    expect(res.status).toBe(200);
    expect(res.body.results?.map((r) => [r.status, r.error?.code])).toEqual([
      [409, 'PROTECTED_ACCOUNT'],
      [201, undefined],
    ]);
    expect(res.body.results?.[0]?.error?.message).toMatch(/pattern #2/);
    expect(await workflowExists(stack.env.client, guarded.employeeId)).toBe(false);
  });

  it('refuses an early leave, a leave date and a withdrawal of a protected employee, and changes nothing', async () => {
    const email = `breakglass-${Date.now()}@example.com`;
    const invited = await invitedEmployee({ email });
    const id = invited.employeeId!;
    const leave = await api.call('POST', `/v1/employees/${id}/leave`, { body: {} });
    expect([leave.status, leave.body.error?.code]).toEqual([409, 'PROTECTED_ACCOUNT']);
    const patch = await api.call('PATCH', `/v1/employees/${id}`, {
      body: { leaveDate: dateIn(Date.now() + 5 * DAY) },
    });
    expect([patch.status, patch.body.error?.code]).toEqual([409, 'PROTECTED_ACCOUNT']);
    const withdraw = await api.call('POST', `/v1/employees/${id}/withdraw`, { body: {} });
    expect([withdraw.status, withdraw.body.error?.code]).toEqual([409, 'PROTECTED_ACCOUNT']);
    const after = (await api.call('GET', `/v1/employees/${id}`)).body;
    expect(after.leave).toBeUndefined();
    expect(after.withdrawn).toBe(false);
    // A change that takes nothing away still goes through.
    const mover = await api.call('PATCH', `/v1/employees/${id}`, { body: { title: 'Break-glass admin' } });
    expect(mover.status).toBe(200);
  });

  it('still accepts a leave of an employee who is not protected', async () => {
    const invited = await invitedEmployee({});
    const res = await api.call('PATCH', `/v1/employees/${invited.employeeId}`, {
      body: { leaveDate: dateIn(Date.now() + 5 * DAY) },
    });
    expect(res.status).toBe(200);
  });
});

describe('a lifecycle that reaches a destructive step of a protected account', () => {
  it('stops with NeedsAttention (protected-account) and leaves the account active', async () => {
    const email = `breakglass-${Date.now()}@example.com`;
    const record = joiner({ email, startDate: dateIn(Date.now() - 2 * DAY) });
    expect((await unguarded.call('POST', '/v1/employees', { body: record })).status).toBe(201);
    await statusWhen(record.employeeId, (s) => s.stage === 'Invited');
    const early = await unguarded.call('POST', `/v1/employees/${record.employeeId}/leave`, { body: {} });
    expect(early.status).toBe(200);
    const stopped = await statusWhen(record.employeeId, (s) => s.needsAttention === true);
    expect(stopped.needsAttentionReason).toBe('protected-account');
    expect(stopped.stage).toBe('Invited');
    expect(stopped.lastError?.message).toMatch(/deactivation refused: the user name matches protected pattern #2/);
    expect(stopped.lastError?.message).not.toContain(email);
    expect((await stack.directory.getUser(stopped.workplaceUserId!)).active).toBe(true);
    // An operator's retry tries again and stops again: the employee is still listed.
    const retry = await api.call('POST', `/v1/employees/${record.employeeId}/retry`, { as: 'operator', body: {} });
    expect(retry.status).toBe(200);
    const again = await statusWhen(
      record.employeeId,
      (s) => s.needsAttention === true && (s.timeline ?? []).filter((e) => e.event === 'failed').length >= 2,
    );
    expect(again.stage).toBe('Invited');
  });
});
