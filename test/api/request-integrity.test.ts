/**
 * What the workflow-integrity issue asks of the API, over real HTTP against a real dev server,
 * worker and emulator: bad data answered 400 (never 500, never a failed run), retried requests
 * applied once (`Idempotency-Key`), a manager who can only bring a leave forward, a bulk retry by
 * reason after a fix, and a run that fails anyway still listed and counted.
 */
import { TASK_QUEUE, employeeWorkflowId } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, MANAGER_ID, startApi, type ApiBody, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  // Reminders far apart: nothing but the test's own requests changes the employees.
  stack = await startRealStack({ policy: { ...FAST_POLICY, reminderInterval: '1h', retention: '1h' } });
  api = await startApi(stack.env.client);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

function statusWhen(employeeId: string, done: (s: ApiBody) => boolean, timeoutMs = 20_000): Promise<ApiBody> {
  return eventually(async () => (await api.call('GET', `/v1/employees/${employeeId}`)).body, done, {
    timeoutMs,
    intervalMs: 200,
  });
}

async function started(overrides: Parameters<typeof joiner>[0] = {}): Promise<string> {
  const record = joiner(overrides);
  const res = await api.call('POST', '/v1/employees', { body: record });
  expect(res.status).toBe(201);
  return record.employeeId;
}

const events = (s: ApiBody, name: string) => (s.timeline ?? []).filter((e) => e.event === name);

describe('bad data', () => {
  it('answers 400 for a PATCH with a leave date out of range or before the start, and the run stays well', async () => {
    const id = await started({ startDate: dateIn(Date.now() + 10 * DAY) });
    await statusWhen(id, (s) => s.stage === 'Provisioned');
    const far = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveDate: '9999-12-31' } });
    expect(far.status).toBe(400);
    expect(far.body.error?.details?.[0]?.path).toBe('body.leaveDate');
    // Before the start date: the workflow's validator refuses it, and the API answers 400 with the field.
    const early = await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveDate: dateIn(Date.now()) } });
    expect(early.status).toBe(400);
    expect(early.body.error?.details).toEqual([
      { path: 'body.leaveDate', message: expect.stringMatching(/^the leave date is before the start date/) },
    ]);
    const fine = await api.call('GET', `/v1/employees/${id}`);
    expect(fine.body).toMatchObject({
      stage: 'Provisioned',
      needsAttention: false,
      run: { executionStatus: 'RUNNING' },
    });
  });
});

describe('Idempotency-Key', () => {
  it('applies a retried request once and answers it as the first time', async () => {
    const id = await started();
    await statusWhen(id, (s) => s.stage === 'Provisioned');
    const hold = (reason: string, key: string) =>
      api.call('PUT', `/v1/employees/${id}/legal-hold`, { body: { reason }, headers: { 'idempotency-key': key } });
    const first = await hold('case 7', 'key-hold-1');
    const again = await hold('case 7', 'key-hold-1');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.legalHold).toEqual(first.body.legalHold);
    expect(events(again.body, 'legal-hold-placed')).toHaveLength(1);

    const reused = await hold('another case', 'key-hold-1');
    expect(reused.status).toBe(422);
    expect(reused.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Without a key the same request is a new one: refused, since the hold is in force already.
    expect((await hold('case 7', undefined as never)).status).toBe(422);
  });

  it('retries a PATCH that carries a profile and a leave change without applying either twice', async () => {
    const id = await started();
    await statusWhen(id, (s) => s.stage === 'Provisioned');
    const body = { title: 'Lead', leaveDate: dateIn(Date.now() + 200 * DAY) };
    const send = () => api.call('PATCH', `/v1/employees/${id}`, { body, headers: { 'idempotency-key': 'patch-1' } });
    const [first, second] = [await send(), await send()];
    expect([first.status, second.status]).toEqual([200, 200]);
    const status = (await api.call('GET', `/v1/employees/${id}`)).body;
    expect(events(status, 'profile-updated')).toHaveLength(1);
    expect(events(status, 'leave-scheduled')).toHaveLength(1);
  });

  it('refuses a malformed key with a 400', async () => {
    const res = await api.call('POST', '/v1/employees/E1/retry', {
      body: {},
      headers: { 'idempotency-key': 'x'.repeat(256) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([
      { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters, given once' },
    ]);
  });
});

describe("a manager's early leave", () => {
  it('may bring a leave forward but not postpone it, and answers the manager’s view', async () => {
    const id = await started({ managerEmployeeId: MANAGER_ID, leaveDate: dateIn(Date.now() + 60 * DAY) });
    await statusWhen(id, (s) => s.stage === 'Provisioned');
    const later = await api.call('POST', `/v1/employees/${id}/leave`, {
      as: 'manager',
      body: { leaveDate: '2099-12-31' },
    });
    expect(later.status).toBe(422);
    expect(later.body.error?.message).toMatch(/^a manager can only bring the leave forward/);
    const backDated = await api.call('POST', `/v1/employees/${id}/leave`, {
      as: 'manager',
      body: { leaveAt: new Date(Date.now() - DAY).toISOString() },
    });
    expect(backDated.status).toBe(422);
    expect(backDated.body.error?.message).toBe('a manager cannot back-date a leave: give now or a later instant');
    const sooner = await api.call('POST', `/v1/employees/${id}/leave`, {
      as: 'manager',
      body: { leaveDate: dateIn(Date.now() + 20 * DAY), note: 'resigned' },
    });
    expect(sooner.status).toBe(200);
    expect(Object.keys(sooner.body).sort()).toEqual(
      expect.arrayContaining(['employeeId', 'stage', 'startDate', 'leave', 'legalHold', 'needsAttention']),
    );
    expect(sooner.body.timeline).toBeUndefined();
    const hr = (await api.call('GET', `/v1/employees/${id}`)).body;
    expect(hr.leave).toMatchObject({ date: dateIn(Date.now() + 20 * DAY), by: { role: 'manager' } });
  });
});

describe('POST /v1/employees/retry', () => {
  it('retries every employee flagged for a reason once its cause is fixed, and answers each', async () => {
    // Two joiners whose e-mails another account holds: provisioning parks with WorkplaceUserNameTaken.
    const holders = [0, 1].map((i) =>
      stack.emulator.createUser({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `taken-${Date.now()}-${i}@example.com`,
        externalId: `HOLDER-${Date.now()}-${i}`,
      }),
    );
    const ids = await Promise.all(holders.map((h) => started({ email: String(h.userName) })));
    for (const id of ids) await statusWhen(id, (s) => s.needsAttentionReason === 'WorkplaceUserNameTaken');
    await eventually(
      async () =>
        (await api.call('GET', '/v1/employees?needsAttention=true&reason=WorkplaceUserNameTaken&limit=500')).body.items,
      (items) => ids.every((id) => items?.some((i) => i.employeeId === id)),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    for (const holder of holders) stack.emulator.store.delete(holder.id);

    const res = await api.call('POST', '/v1/employees/retry', {
      as: 'operator',
      body: { reason: 'WorkplaceUserNameTaken', note: 'addresses freed' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(expect.arrayContaining(ids.map((employeeId) => ({ employeeId, status: 200 }))));
    for (const id of ids) {
      const status = await statusWhen(id, (s) => s.stage === 'Invited' || s.stage === 'Provisioned');
      expect(events(status, 'retried')[0]?.by).toMatchObject({ role: 'operator' });
    }
  });
});

describe('a run that fails anyway (a defect)', () => {
  it('is listed as needing attention and counted in /metrics', async () => {
    const record = joiner();
    // A carried state of an unknown version: the one way the lifecycle fails its run on purpose.
    const handle = await stack.env.client.workflow.start('employeeLifecycleWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: employeeWorkflowId(record.employeeId),
      args: [{ employee: record, state: { version: 99 } }],
    });
    await expect(handle.result()).rejects.toThrow();
    const listed = await eventually(
      async () => (await api.call('GET', '/v1/employees?needsAttention=true&limit=500')).body.items ?? [],
      (items) => items.some((i) => i.employeeId === record.employeeId),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(listed.find((i) => i.employeeId === record.employeeId)).toMatchObject({
      needsAttention: true,
      needsAttentionReason: 'run-failed',
      run: { executionStatus: 'FAILED' },
    });
    const metrics = await fetch(`${api.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^tenure_lifecycle_runs_failed [1-9]\d*$/m);
  });
});
