/**
 * The blast-radius brake on the real stack (dev server, worker, emulator, the Tenure store on
 * SQLite, the API over HTTP): a bad batch of leaves is caught past the limit, inspected, partly
 * released and the rest rejected; an HR security termination is never held but counts.
 */
import { GuardStateKey, type LifecyclePolicy } from '../../workflows/contract';
import { guardReads } from '../api/guard-reads';
import { FAST_POLICY, joiner, startApi, type RunningApi } from '../api/support';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';

const POLICY: LifecyclePolicy = { ...FAST_POLICY, reminderInterval: '1 hour', retention: '30 days' };
const PER_HOUR = 3;

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  // 10 active accounts: 5 % of them is less than the hourly limit, which is then the daily one too.
  stack = await startRealStack({
    policy: POLICY,
    guard: { maxPerHour: PER_HOUR, maxShare: 0.05, activeAccounts: async () => 10 },
  });
  api = await startApi(stack.env.client, { env: { GUARD_MAX_DESTRUCTIVE_PER_HOUR: String(PER_HOUR) } });
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const { status, statusWhen, guard } = guardReads(() => api);

async function invitedEmployees(n: number): Promise<string[]> {
  const records = Array.from({ length: n }, () => joiner({ startDate: dateIn(Date.now() - 2 * DAY) }));
  const res = await api.call('POST', '/v1/employees/batch', { body: { employees: records } });
  expect(res.status).toBe(200);
  const ids = records.map((r) => r.employeeId);
  for (const id of ids) await statusWhen(id, (s) => s.stage === 'Invited');
  return ids;
}

const active = async (id: string) => (await stack.directory.getUser((await status(id)).workplaceUserId!)).active;

describe('the blast-radius brake', () => {
  it('catches a bad batch of leaves past the limit; operators inspect it, release some and reject the rest', async () => {
    const ids = await invitedEmployees(8);
    // The bad export: every employee leaves in a few seconds.
    const leaveAt = new Date(Date.now() + 3_000).toISOString();
    for (const id of ids) {
      expect((await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt } })).status).toBe(200);
    }
    const caught = await eventually(guard, (g) => g.held.length === 8 - PER_HOUR, { timeoutMs: 30_000 });
    expect(caught.engaged).toBe(true);
    expect(caught.counted.lastHour).toBe(PER_HOUR);
    const heldIds = caught.held.map((h) => h.employeeId);
    // One e-mail to the operators for the engagement, not one per held action.
    const alerts = await eventually(
      async () => stack.sink.messages().filter((m) => m.headers['x-tenure-notification'] === 'guard-engaged'),
      (list) => list.length >= 1,
      { timeoutMs: 10_000 },
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toEqual(['it-operators@localhost']);
    expect(alerts[0]!.subject).toMatch(/holding deactivations/);
    const passed = ids.filter((id) => !heldIds.includes(id));
    expect(passed).toHaveLength(PER_HOUR);
    for (const id of passed) expect((await statusWhen(id, (s) => s.stage === 'Deactivated')).stage).toBe('Deactivated');
    for (const id of heldIds) {
      const s = await status(id);
      expect(s.stage).toBe('Invited');
      expect(s.timeline?.some((e) => e.event === 'held-by-guard')).toBe(true);
      expect(await active(id)).toBe(true);
    }

    // Findable: in the API's list, and by the search attribute in the Temporal UI.
    const listed = await eventually(
      async () => (await api.call('GET', '/v1/employees?heldByGuard=true', { as: 'operator' })).body,
      (b) => (b.items ?? []).length === heldIds.length,
      { timeoutMs: 15_000 },
    );
    expect(listed.items!.map((i) => i.employeeId).sort()).toEqual([...heldIds].sort());
    const { count } = await stack.env.client.workflow.count(`${GuardStateKey.name} = 'held'`);
    expect(count).toBe(heldIds.length);

    // Two are released by employee id: they go ahead (and count).
    const release = await api.call('POST', '/v1/guard', {
      as: 'operator',
      body: { decision: 'release', employeeIds: heldIds.slice(0, 2), note: 'confirmed with HR' },
    });
    expect(release.status).toBe(200);
    for (const id of heldIds.slice(0, 2)) await statusWhen(id, (s) => s.stage === 'Deactivated');
    // The rest are rejected: NeedsAttention, guard-rejected, the accounts untouched.
    const reject = await api.call('POST', '/v1/guard', {
      as: 'operator',
      body: { decision: 'reject', all: true, note: 'bad HR export' },
    });
    expect(reject.status).toBe(200);
    for (const id of heldIds.slice(2)) {
      const s = await statusWhen(id, (x) => x.needsAttention === true);
      expect([s.stage, s.needsAttentionReason]).toEqual(['Invited', 'guard-rejected']);
      expect(await active(id)).toBe(true);
    }
    const after = await guard();
    expect(after.engaged).toBe(false);
    expect(after.counted.lastHour).toBe(PER_HOUR + 2);
    expect(after.decisions.map((d) => [d.principal, d.decision, d.slots.length, d.note])).toEqual([
      ['operator:ops-desk', 'rejected', 3, 'bad HR export'],
      ['operator:ops-desk', 'released', 2, 'confirmed with HR'],
    ]);
    await eventually(
      async () => (await stack.env.client.workflow.count(`${GuardStateKey.name} = 'held'`)).count,
      (n) => n === 0,
      { timeoutMs: 15_000 },
    );

    // An operator's retry of a rejected one claims again — and the limit is still spent: held again.
    const retried = heldIds[2]!;
    expect((await api.call('POST', `/v1/employees/${retried}/retry`, { as: 'operator', body: {} })).status).toBe(200);
    const again = await eventually(guard, (g) => g.held.some((h) => h.employeeId === retried), { timeoutMs: 15_000 });
    expect(again.held.find((h) => h.employeeId === retried)?.slot).toMatch(/:deactivate:1$/);
    await api.call('POST', '/v1/guard', { as: 'operator', body: { decision: 'reject', all: true } });
  });

  it('never holds an immediate leave HR asks for, even while engaged, but counts it', async () => {
    const [scheduled, urgent] = await invitedEmployees(2);
    const before = (await guard()).counted.lastHour;
    expect(before).toBeGreaterThanOrEqual(PER_HOUR);
    // A scheduled leave past the limit is held: the brake engages.
    const leaveAt = new Date(Date.now() + 2_000).toISOString();
    await api.call('PATCH', `/v1/employees/${scheduled}`, { body: { leaveAt } });
    await eventually(guard, (g) => g.engaged, { timeoutMs: 20_000 });
    // HR's security termination goes through at once.
    expect((await api.call('POST', `/v1/employees/${urgent}/leave`, { body: {} })).status).toBe(200);
    await statusWhen(urgent!, (s) => s.stage === 'Deactivated');
    expect(await active(urgent!)).toBe(false);
    expect((await guard()).counted.lastHour).toBe(before + 1);
    expect((await status(scheduled!)).stage).toBe('Invited');
    await api.call('POST', '/v1/guard', { as: 'operator', body: { decision: 'reject', all: true } });
  });

  it('gives a held action back when its leave is removed, so that it no longer keeps the brake engaged', async () => {
    const [id] = await invitedEmployees(1);
    const leaveAt = new Date(Date.now() + 1_000).toISOString();
    await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt } });
    await eventually(guard, (g) => g.held.some((h) => h.employeeId === id), { timeoutMs: 20_000 });
    expect((await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt: null } })).status).toBe(200);
    const after = await eventually(guard, (g) => !g.held.some((h) => h.employeeId === id), { timeoutMs: 20_000 });
    expect(after.engaged).toBe(false);
    const s = await statusWhen(id!, (x) => x.timeline?.at(-1)?.event === 'released-by-guard');
    expect(s.timeline?.at(-1)?.detail).toMatch(/no longer due/);
    await eventually(
      async () => (await stack.env.client.workflow.count(`${GuardStateKey.name} = 'held'`)).count,
      (n) => n === 0,
      { timeoutMs: 15_000 },
    );
  });

  it('lets only operators decide, and refuses a decision that names nothing or two things', async () => {
    expect((await api.call('POST', '/v1/guard', { as: 'hr', body: { decision: 'release', all: true } })).status).toBe(
      403,
    );
    const both = await api.call('POST', '/v1/guard', {
      as: 'operator',
      body: { decision: 'release', all: true, employeeIds: ['E1'] },
    });
    expect(both.status).toBe(400);
    expect((await api.call('POST', '/v1/guard', { as: 'operator', body: { decision: 'release' } })).status).toBe(400);
    expect((await api.call('GET', '/v1/guard', { as: 'manager' })).status).toBe(403);
  });
});
