/**
 * The brake under crashes: many leaves due at the same instant, the worker SIGKILLed while their
 * permits are being claimed and restarted, and still exactly the limit goes through, each employee
 * claimed once — the permits live in the Tenure store, shared with the worker process, and a
 * replayed or retried claim finds its own slot. Sizes from `TENURE_FAULTS_SCALE`.
 */
import { isAlive, startedPids } from '../../scripts/lib/child-process';
import { mapBounded } from '../../api/lifecycle/map-bounded';
import { joiner } from '../api/support';
import { eventually } from '../helpers/eventually';
import { faultScale } from '../helpers/fault-scale';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startProcessStack, type ProcessStack } from '../helpers/process-stack';
import { testCodec } from '../helpers/test-codec';

const scale = faultScale();
jest.setTimeout(scale.testTimeoutMs);

/**
 * Leaves due at once, and the hourly limit (the daily share of so few accounts is below it): the
 * issue's 1,000 at the default limit of 50 at full scale, 30 at a limit of 10 in `npm test`.
 */
const LEAVERS = scale.name === 'full' ? 1_000 : 30;
const LIMIT = scale.name === 'full' ? 50 : 10;

let stack: ProcessStack | undefined;

beforeAll(async () => {
  stack = await startProcessStack(
    { reminderInterval: '1 hour', maxReminders: 2 },
    { GUARD_MAX_DESTRUCTIVE_PER_HOUR: String(LIMIT), LIFECYCLE_RETENTION: '30 days' },
  );
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe(`the brake with the worker SIGKILLed amid the claims (${LEAVERS} leaves due at once, limit ${LIMIT})`, () => {
  it('lets exactly the limit through, once each, and holds the rest', async () => {
    const { api, worker, emulator } = stack!;
    const records = Array.from({ length: LEAVERS }, () => joiner({ startDate: dateIn(Date.now() - 2 * DAY) }));
    for (let i = 0; i < records.length; i += 25) {
      const res = await api.call('POST', '/v1/employees/batch', { body: { employees: records.slice(i, i + 25) } });
      expect(res.status).toBe(200);
    }
    const ids = records.map((r) => r.employeeId);
    const invited = async () => {
      const seen = new Set<string>();
      let cursor: string | null | undefined;
      do {
        const query = `stage=Invited&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = (await api.call('GET', `/v1/employees?${query}`, { as: 'operator' })).body;
        for (const item of page.items ?? []) seen.add(item.employeeId);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    await eventually(invited, (seen) => ids.every((id) => seen.has(id)), {
      timeoutMs: scale.settleTimeoutMs,
      intervalMs: 1_000,
    });

    // Every leave at the same instant, far enough ahead for all the requests to land (8 at a time,
    // as an HR feed sends them; one that Temporal answered too slowly is sent again: the same leave).
    const due = Date.now() + 10_000 + LEAVERS * 100;
    const leaveAt = new Date(due).toISOString();
    const statuses = await mapBounded(ids, 8, async (id) => {
      let status = 0;
      for (let attempt = 0; attempt < 3 && status !== 200; attempt++) {
        status = (await api.call('PATCH', `/v1/employees/${id}`, { body: { leaveAt } })).status;
      }
      return status;
    });
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(Date.now()).toBeLessThan(due);
    // Killed amid the claims, twice: a claim written but not answered is claimed again on replay.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 150));
    await worker.kill('SIGKILL');
    await worker.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await worker.kill('SIGKILL');
    await worker.start();

    const { store } = await testCodec();
    const settled = await eventually(
      async () => ({
        counts: await store.guardPermits.counts(Date.now()),
        rows: await store.sql.all<{ employee_id: string; state: string }>(
          'SELECT employee_id, state FROM guard_permits',
        ),
      }),
      (s) => s.rows.length === LEAVERS && s.counts.held + s.counts.hour === LEAVERS,
      { timeoutMs: scale.settleTimeoutMs, intervalMs: 1_000 },
    );
    expect(settled.counts).toEqual({ held: LEAVERS - LIMIT, hour: LIMIT, day: LIMIT });
    // One permit per employee: no claim counted twice across the kills.
    expect(new Set(settled.rows.map((r) => r.employee_id)).size).toBe(LEAVERS);
    const granted = settled.rows.filter((r) => r.state === 'granted').map((r) => r.employee_id);

    // The directory agrees: exactly the granted ones were deactivated, and stay so; the held ones are active.
    const deactivated = await eventually(
      async () =>
        ids.filter((id) => {
          const stored = emulator.store.findByExternalId(id);
          return stored !== undefined && emulator.user(stored.id)?.active === false;
        }),
      (list) => list.length >= LIMIT,
      { timeoutMs: scale.settleTimeoutMs, intervalMs: 1_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(deactivated.sort()).toEqual([...granted].sort());
    const held = (await api.call<{ held: { employeeId: string }[] }>('GET', '/v1/guard', { as: 'operator' })).body.held;
    expect(held).toHaveLength(LEAVERS - LIMIT);
  });

  it('leaves no process behind', async () => {
    await stack!.close();
    expect(startedPids().filter(isAlive)).toEqual([]);
  });
});
