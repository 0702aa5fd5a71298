/**
 * Snapshot imports on the real stack with the brake at 3 an hour: the active employees a snapshot
 * misses become leavers, the brake holds those past its limit like any bulk leave, a second run
 * changes nothing, someone who has not started is left alone, and a leaver comes back as a rehire.
 */
import type { LifecyclePolicy } from '../../workflows/contract';
import { guardReads } from '../api/guard-reads';
import { FAST_POLICY, startApi, type RunningApi } from '../api/support';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { fileWith, runCli, tenureCsv } from './support';

const POLICY: LifecyclePolicy = { ...FAST_POLICY, reminderInterval: '1 hour', retention: '30 days' };
const PER_HOUR = 3;

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({
    policy: POLICY,
    guard: { maxPerHour: PER_HOUR, maxShare: 0.05, activeAccounts: async () => 10 },
  });
  api = await startApi(stack.env.client, {
    env: { GUARD_MAX_DESTRUCTIVE_PER_HOUR: String(PER_HOUR), API_RATE_LIMIT_MAX: '0' },
  });
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const { status, statusWhen, guard } = guardReads(() => api);

const started = dateIn(Date.now() - 2 * DAY);
const row = (id: string, startDate = started) => [
  id,
  `${id.toLowerCase()}@example.com`,
  'A',
  'B',
  'Ops',
  'UTC',
  startDate,
  '',
];

describe('snapshot imports', () => {
  it('makes leavers of the active employees a snapshot misses; the brake holds those past its limit', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `SNAP-${i + 1}`);
    const future = row('SNAP-F', dateIn(Date.now() + 10 * DAY));
    const hired = await runCli(api.url, [fileWith(tenureCsv([...ids.map((id) => row(id)), future]))]);
    expect(hired.summary).toMatchObject({ joiners: 9, applied: 9, ok: true });
    for (const id of ids) await statusWhen(id, (s) => s.stage === 'Invited');

    // The snapshot names two of them: the six others leave, the one not started yet is left alone.
    const snapshot = fileWith(tenureCsv([row('SNAP-1'), row('SNAP-2')]));
    const leaveAt = new Date(Date.now() + 3_000).toISOString();
    const dry = await runCli(api.url, [snapshot, '--snapshot', '--leave-at', leaveAt, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.summary).toMatchObject({
      mode: 'snapshot',
      unchanged: 2,
      leavers: 6,
      kept: 1,
      applied: 6,
      destructive: 12,
    });
    const leavers = dry.rows.filter((r) => r.kind === 'leaver');
    expect(leavers.map((r) => r.employeeId).sort()).toEqual(ids.slice(2));
    for (const leaver of leavers) {
      expect(leaver).toMatchObject({
        leave: 'set',
        request: { method: 'PATCH', path: `/v1/employees/${leaver.employeeId}` },
      });
      expect(leaver.plan!.projection.find((s) => s.action === 'deactivate')!.at).toBe(leaveAt);
    }
    expect(dry.rows.find((r) => r.kind === 'kept')).toMatchObject({
      employeeId: 'SNAP-F',
      note: expect.stringMatching(/starts on/),
    });
    expect((await status('SNAP-3')).employee!.leaveAt).toBeUndefined();

    const applied = await runCli(api.url, [snapshot, '--snapshot', '--leave-at', leaveAt]);
    expect(applied.code).toBe(0);
    expect(applied.summary).toMatchObject({ leavers: 6, applied: 6, failed: 0 });
    const held = await eventually(guard, (g) => g.held.length === 6 - PER_HOUR, { timeoutMs: 30_000 });
    expect(held.counted.lastHour).toBe(PER_HOUR);
    const heldIds = held.held.map((h) => h.employeeId);
    for (const id of ids.slice(2).filter((id) => !heldIds.includes(id))) {
      expect((await statusWhen(id, (s) => s.stage === 'Deactivated')).stage).toBe('Deactivated');
    }
    for (const id of heldIds) expect((await status(id)).stage).toBe('Invited');
    expect((await status('SNAP-F')).stage).not.toBe('Deactivated');

    // The same snapshot again: every leave is in force (or held), nothing is sent.
    const again = await runCli(api.url, [snapshot, '--snapshot', '--leave-at', leaveAt]);
    expect(again.code).toBe(0);
    expect(again.summary).toMatchObject({ leavers: 0, applied: 0, unchanged: 2 + 6 - PER_HOUR });
  });

  it('rehires a leaver whose row comes back with a new start date, on the same account', async () => {
    const id = 'SNAP-R';
    await runCli(api.url, [fileWith(tenureCsv([row(id)]))]);
    await statusWhen(id, (s) => s.stage === 'Invited');
    const leave = await api.call('POST', `/v1/employees/${id}/leave`, { body: {} });
    expect(leave.status).toBe(200);
    const left = await statusWhen(id, (s) => s.stage === 'Deactivated');
    const back = dateIn(Date.now() + 20 * DAY);
    const run = await runCli(api.url, [fileWith(tenureCsv([row(id, back)]))]);
    expect(run.code).toBe(0);
    expect(run.rows[0]).toMatchObject({
      kind: 'rehire',
      request: { path: `/v1/employees/${id}/rehire` },
      result: { outcome: 'applied' },
    });
    const rehired = await statusWhen(id, (s) => s.stage !== 'Deactivated');
    expect(rehired.employee!.startDate).toBe(back);
    expect(rehired.workplaceUserId).toBe(left.workplaceUserId);
  });
});
