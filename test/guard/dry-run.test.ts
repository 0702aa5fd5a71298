/**
 * Dry runs on the real stack (dev server, worker, emulator, API over HTTP): `?dryRun=true` answers
 * the planned timeline from the lifecycle's own planner and starts, updates and calls nothing.
 */
import type { RequestLogEntry } from '../../emulator/server';
import { employeeWorkflowId, endOfDay, startOfDay, type LifecyclePolicy } from '../../workflows/contract';
import { FAST_POLICY, joiner, startApi, type RunningApi } from '../api/support';
import { scimRequestsSince } from '../helpers/emulator-requests';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { workflowExists } from './support';

/** Invites at once, then quiet for an hour: nothing else calls the directory while a dry run is looked at. */
const POLICY: LifecyclePolicy = {
  ...FAST_POLICY,
  reminderInterval: '1 hour',
  retention: '30 days',
  leaveNotice: '7 days',
};
const POLICY_ENV = {
  LIFECYCLE_INVITE_OFFSET: POLICY.inviteOffset,
  LIFECYCLE_REMINDER_INTERVAL: POLICY.reminderInterval,
  LIFECYCLE_RETENTION: POLICY.retention,
  LIFECYCLE_LEAVE_NOTICE: POLICY.leaveNotice,
};

interface Plan {
  dryRun: true;
  employeeId: string;
  outcome: string;
  stage: string;
  schedule: { action: string; at?: string; blockedBy?: string }[];
  projection: { action: string; at?: string }[];
  destructive: number;
}

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({ policy: POLICY });
  api = await startApi(stack.env.client, { env: POLICY_ENV });
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const historyLength = async (id: string) =>
  (await stack.env.client.workflow.getHandle(employeeWorkflowId(id)).fetchHistory()).events?.length ?? 0;

/** The history's length once the lifecycle has gone quiet (two reads 300 ms apart agree). */
async function settledHistoryLength(id: string): Promise<number> {
  let last = -1;
  for (;;) {
    const now = await historyLength(id);
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Directory requests about one employee (its user, or a lookup by its id) since `since`. */
const touching = (since: number, employeeId: string, userId?: string): RequestLogEntry[] =>
  scimRequestsSince(stack.emulator, since).filter(
    (e) => (userId && e.path.includes(`/Users/${userId}`)) || (e.query ?? '').includes(employeeId),
  );

/** An employee who started two days ago, invited, with nothing due for an hour. */
async function invitedEmployee(overrides: Parameters<typeof joiner>[0] = {}) {
  const record = joiner({ startDate: dateIn(Date.now() - 2 * DAY), ...overrides });
  expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
  const status = await eventually(
    async () => (await api.call('GET', `/v1/employees/${record.employeeId}`)).body,
    (s) => s.stage === 'Invited',
    { timeoutMs: 20_000, intervalMs: 200 },
  );
  return { record, userId: status.workplaceUserId! };
}

describe('POST /v1/employees?dryRun=true', () => {
  it('answers the whole planned timeline of a joiner from the planner, and starts nothing', async () => {
    const since = Date.now();
    const record = joiner({ startDate: dateIn(Date.now() + 10 * DAY), leaveDate: dateIn(Date.now() + 100 * DAY) });
    const res = await api.call<Plan>('POST', '/v1/employees?dryRun=true', { body: record });
    expect(res.status).toBe(200);
    const plan = res.body;
    expect(plan).toMatchObject({ dryRun: true, employeeId: record.employeeId, outcome: 'new', stage: 'Provisioning' });
    expect(plan.schedule.map((s) => s.action)).toEqual(['provision']);
    expect(plan.projection.map((s) => s.action)).toEqual([
      'provision',
      'invite',
      'check-claim',
      // no leave notice: the joiner names no manager
      'deactivate',
      'expire-retention',
      'request-manual-deletion',
    ]);
    const at = (action: string) => Date.parse(plan.projection.find((s) => s.action === action)!.at!);
    const leaveAt = endOfDay(record.leaveDate!, record.timeZone);
    expect(at('invite')).toBe(startOfDay(record.startDate, record.timeZone));
    expect(at('deactivate')).toBe(leaveAt);
    expect(at('expire-retention')).toBe(leaveAt + 30 * DAY);
    expect(plan.destructive).toBe(2);
    expect(await workflowExists(stack.env.client, record.employeeId)).toBe(false);
    expect(touching(since, record.employeeId)).toEqual([]);
  });

  it('answers unchanged for the request already admitted, and a 409 for another record, like the real request', async () => {
    const { record } = await invitedEmployee();
    const same = await api.call<Plan>('POST', '/v1/employees?dryRun=true', { body: record });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ outcome: 'unchanged', destructive: 0, projection: [] });
    const other = await api.call('POST', '/v1/employees?dryRun=true', { body: { ...record, title: 'CTO' } });
    expect([other.status, other.body.error?.code]).toEqual([409, 'EMPLOYEE_EXISTS']);
  });

  it('refuses a malformed dryRun value', async () => {
    const res = await api.call('POST', '/v1/employees?dryRun=yes', { body: joiner() });
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.[0]?.path).toBe('query.dryRun');
  });
});

describe('POST /v1/employees/batch?dryRun=true', () => {
  it('says what each item would do, counts the destructive actions and their peak per hour, and starts nothing', async () => {
    const { record: existing } = await invitedEmployee();
    const leaveDate = dateIn(Date.now() + 20 * DAY);
    const fresh = [1, 2, 3].map(() => joiner({ leaveDate }));
    const noLeave = joiner();
    const items = [...fresh, noLeave, existing, { ...existing, title: 'CTO' }, { employeeId: 'X' }];
    const res = await api.call<{
      dryRun: true;
      summary: Record<string, number>;
      results: { index: number; status: number; outcome: string; plan?: Plan }[];
    }>('POST', '/v1/employees/batch?dryRun=true', { body: { employees: items } });
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({
      new: 4,
      unchanged: 1,
      conflicting: 1,
      invalid: 1,
      failed: 0,
      // three leaves: each a deactivation and, after retention, a deletion or scrub
      destructive: 6,
      // the three deactivations fall at the same instant (and the three scrubs 30 days later)
      destructivePeakPerHour: 3,
      brakeWouldEngage: false,
    });
    expect(res.body.results.map((r) => r.outcome)).toEqual([
      'new',
      'new',
      'new',
      'new',
      'unchanged',
      'conflicting',
      'invalid',
    ]);
    expect(res.body.results[0]?.plan?.destructive).toBe(2);
    expect(res.body.results[3]?.plan?.destructive).toBe(0);
    for (const r of [...fresh, noLeave]) expect(await workflowExists(stack.env.client, r.employeeId)).toBe(false);
    // With an hourly limit of 2 the same batch would engage the brake: three leaves at one instant.
    const strict = await startApi(stack.env.client, { env: { ...POLICY_ENV, GUARD_MAX_DESTRUCTIVE_PER_HOUR: '2' } });
    try {
      const res2 = await strict.call<{ summary: Record<string, unknown> }>('POST', '/v1/employees/batch?dryRun=true', {
        body: { employees: fresh },
      });
      expect(res2.body.summary.brakeWouldEngage).toBe(true);
    } finally {
      await strict.close();
    }
  });
});

describe('dry runs of requests to a running lifecycle', () => {
  it('PATCH plans a new leave date without taking it: no update in history, no directory call', async () => {
    const { record, userId } = await invitedEmployee();
    const before = await settledHistoryLength(record.employeeId);
    const since = Date.now();
    const leaveDate = dateIn(Date.now() + 40 * DAY);
    const res = await api.call<Plan>(`PATCH`, `/v1/employees/${record.employeeId}?dryRun=true`, {
      body: { leaveDate, title: 'Staff engineer' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, outcome: 'changed', stage: 'Invited', destructive: 2 });
    const deactivate = res.body.schedule.find((s) => s.action === 'deactivate');
    expect(Date.parse(deactivate!.at!)).toBe(endOfDay(leaveDate, 'UTC'));
    expect(res.body.schedule.map((s) => s.action)).toContain('sync-profile');
    const status = (await api.call('GET', `/v1/employees/${record.employeeId}`)).body;
    expect(status.leave).toBeUndefined();
    expect(status.employee?.title).toBe(record.title);
    expect(await historyLength(record.employeeId)).toBe(before);
    expect(touching(since, record.employeeId, userId)).toEqual([]);
  });

  it('an early leave plans the deactivation now, and leaves the account active', async () => {
    const { record, userId } = await invitedEmployee();
    const before = await settledHistoryLength(record.employeeId);
    const res = await api.call<Plan>('POST', `/v1/employees/${record.employeeId}/leave?dryRun=true`, { body: {} });
    expect(res.status).toBe(200);
    const first = res.body.projection[0]!;
    expect(first.action).toBe('deactivate');
    expect(Math.abs(Date.parse(first.at!) - Date.now())).toBeLessThan(10_000);
    expect(await historyLength(record.employeeId)).toBe(before);
    expect((await stack.directory.getUser(userId)).active).toBe(true);
  });

  it('a withdrawal plans the removal of the account; a refused request is refused alike', async () => {
    const record = joiner({ startDate: dateIn(Date.now() + 10 * DAY) });
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
    await eventually(
      async () => (await api.call('GET', `/v1/employees/${record.employeeId}`)).body,
      (s) => s.stage === 'Provisioned',
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const before = await settledHistoryLength(record.employeeId);
    const res = await api.call<Plan>('POST', `/v1/employees/${record.employeeId}/withdraw?dryRun=true`, {
      body: { note: 'offer declined' },
    });
    expect(res.status).toBe(200);
    expect(res.body.projection.map((s) => s.action)).toEqual(['deactivate']);
    expect(res.body.destructive).toBe(1);
    // A leave before the start date needs leaveBeforeStart: the dry run refuses it as the update would.
    const early = await api.call('PATCH', `/v1/employees/${record.employeeId}?dryRun=true`, {
      body: { leaveDate: dateIn(Date.now() + 5 * DAY) },
    });
    const real = await api.call('PATCH', `/v1/employees/${record.employeeId}`, {
      body: { leaveDate: dateIn(Date.now() + 5 * DAY) },
    });
    expect(early.status).toBe(400);
    expect([early.status, early.body.error]).toEqual([real.status, real.body.error]);
    expect(await historyLength(record.employeeId)).toBe(before);
    expect((await api.call('GET', `/v1/employees/${record.employeeId}`)).body.withdrawn).toBe(false);
  });

  it('a rehire of a leaver plans the reactivation; an unknown employee is a 404', async () => {
    const { record } = await invitedEmployee();
    expect((await api.call('POST', `/v1/employees/${record.employeeId}/leave`, { body: {} })).status).toBe(200);
    await eventually(
      async () => (await api.call('GET', `/v1/employees/${record.employeeId}`)).body,
      (s) => s.stage === 'Deactivated',
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const before = await settledHistoryLength(record.employeeId);
    const res = await api.call<Plan>('POST', `/v1/employees/${record.employeeId}/rehire?dryRun=true`, {
      body: { startDate: dateIn(Date.now() + 5 * DAY) },
    });
    expect(res.status).toBe(200);
    expect(res.body.schedule[0]?.action).toBe('reactivate');
    expect(await historyLength(record.employeeId)).toBe(before);
    const unknown = await api.call('POST', '/v1/employees/NOBODY-1/leave?dryRun=true', { body: {} });
    expect(unknown.status).toBe(404);
  });
});
