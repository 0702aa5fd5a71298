/**
 * Drift detection through the API on the real stack (worker and API processes, the dev server,
 * the emulator), on SQLite and on PostgreSQL: the reconciliation Schedule, triggered, pages through
 * the directory and finds an orphan, a re-enabled leaver (deactivated again, with a ledger row), a
 * missing account, attribute drift (the lifecycle writes its profile again), and leaves a
 * protected account alone;
 * `GET /v1/reports/reconciliation` shows the run and the drift gauge counts what stays open.
 */
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { ensureReconcileSchedule } from '../../schedules/reconcile';
import { RECONCILE_SCHEDULE_ID } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { startEvidenceStack, type EvidenceStack } from '../helpers/evidence-stack';
import { dateIn, DAY, nextEmployeeId } from '../helpers/lifecycle';
import { describeEachStore } from '../helpers/store-drivers';
import type { ApiBody } from './support';

jest.setTimeout(240_000);

interface Run {
  id: string;
  summary: Record<string, number>;
  findings: { class: string; userId?: string; employeeId?: string; action: string; detail: string }[];
}

describeEachStore('drift detection through the API', (site) => {
  let stack: EvidenceStack;
  const ids = {
    leaver: nextEmployeeId('REENABLED'),
    missing: nextEmployeeId('MISSING'),
    mover: nextEmployeeId('DRIFT'),
    protectedLeaver: nextEmployeeId('BREAKGLASS'),
  };
  beforeAll(async () => {
    stack = await startEvidenceStack(site(), { RECONCILE_PROTECTED: ids.protectedLeaver });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
  });

  const stageOf = async (id: string) => (await stack.caller.call('GET', `/v1/employees/${id}`)).body;
  const until = (id: string, done: (s: ApiBody) => boolean) =>
    eventually(() => stageOf(id), done, { timeoutMs: 60_000, intervalMs: 250 });

  it('finds and fixes drift on a schedule, and reports the latest run', async () => {
    const { caller, emulator } = stack;
    expect((await caller.call('GET', '/v1/reports/reconciliation', { as: 'operator' })).status).toBe(404);
    for (const id of Object.values(ids)) {
      const body = {
        employeeId: id,
        email: `${id.toLowerCase()}@example.com`,
        givenName: 'Zorvath',
        familyName: 'Quenby',
        department: 'Support',
        timeZone: 'UTC',
        startDate: dateIn(Date.now() - DAY),
      };
      expect((await caller.call('POST', '/v1/employees', { body })).status).toBe(201);
    }
    for (const id of Object.values(ids)) await until(id, (s) => s.stage === 'Invited');
    for (const id of [ids.leaver, ids.protectedLeaver]) {
      expect((await caller.call('POST', `/v1/employees/${id}/leave`, { body: {} })).status).toBe(200);
      await until(id, (s) => (s.timeline ?? []).some((e) => e.event === 'read-back-confirmed'));
    }
    // Behind Tenure's back: both leavers turned on again, one account deleted by hand, a
    // department changed in the directory, and an account nobody asked for.
    const { store } = emulator;
    const user = (id: string) => store.findByExternalId(id)!;
    for (const id of [ids.leaver, ids.protectedLeaver]) {
      store.replace(user(id).id, { attributes: { ...user(id).attributes, active: true } });
    }
    store.delete(user(ids.missing).id);
    const moved = user(ids.mover);
    store.replace(moved.id, {
      attributes: {
        ...moved.attributes,
        [ENTERPRISE]: { ...(moved.attributes[ENTERPRISE] as object), department: 'Sales' },
      },
    });
    const ghost = emulator.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `ghost.${Date.now()}@example.com`,
      name: { givenName: 'Nobody', familyName: 'Owns' },
      active: true,
    });

    await ensureReconcileSchedule(stack.client, '0 3 * * *');
    const schedule = stack.client.schedule.getHandle(RECONCILE_SCHEDULE_ID);
    await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const run = await eventually(
      async () => (await caller.call<Run>('GET', '/v1/reports/reconciliation', { as: 'hr' })).body,
      (body) => Array.isArray(body.findings),
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const of = (employeeId: string) => run.findings.filter((f) => f.employeeId === employeeId);
    expect(of(ids.leaver)).toEqual([expect.objectContaining({ class: 're-enabled-leaver', action: 'deactivated' })]);
    expect(of(ids.protectedLeaver)).toEqual([
      expect.objectContaining({ class: 're-enabled-leaver', action: 'protected' }),
    ]);
    expect(of(ids.missing)).toEqual([expect.objectContaining({ class: 'missing', action: 'reported' })]);
    expect(of(ids.mover)).toEqual([expect.objectContaining({ class: 'attribute-drift', action: 'resynced' })]);
    expect(run.findings.filter((f) => f.userId === ghost.id)).toEqual([
      expect.objectContaining({ class: 'orphan', action: 'reported' }),
    ]);
    expect(run.summary).toMatchObject({ reEnabledLeaver: 2, missing: 1, attributeDrift: 1, fixed: 2 });
    expect(run.summary.accounts).toBe(store.list().length);
    expect(JSON.stringify(run)).not.toMatch(/Zorvath|Quenby|Nobody|@example\.com/);

    // The re-enabled leaver is off again, with a ledger row; the protected one was left alone.
    expect(user(ids.leaver).attributes.active).toBe(false);
    expect(user(ids.protectedLeaver).attributes.active).toBe(true);
    expect(await stack.store.ledger.find({ employeeIds: [ids.leaver], actions: ['reconcile:deactivate'] })).toEqual([
      expect.objectContaining({ actor: 'tenure:reconciler', outcome: 'deactivated', resourceId: user(ids.leaver).id }),
    ]);
    // The drifted profile is written again by the employee's own lifecycle: the department is back.
    await until(ids.mover, (s) => (s.timeline ?? []).some((e) => e.event === 'drift-corrected'));
    await eventually(
      async () => (user(ids.mover).attributes[ENTERPRISE] as { department?: string }).department,
      (department) => department === 'Support',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const metrics = await caller.call<string>('GET', '/metrics');
    expect(metrics.body).toMatch(new RegExp(`^tenure_directory_drift_open ${run.summary.open}$`, 'm'));
    expect((await caller.call('GET', '/v1/reports/reconciliation', { as: 'manager' })).status).toBe(403);
  });
});

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
