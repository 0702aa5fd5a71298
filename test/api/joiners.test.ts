/**
 * Joiners through the API over real HTTP: a real dev server (told to continue runs as new after a
 * few events, so that idempotency is proven across continue-as-new), a real worker, the emulator.
 */
import {
  DepartmentKey,
  RequestDigestKey,
  EmployeeIdKey,
  employeeWorkflowId,
  LifecycleStageKey,
  ManagerEmployeeIdKey,
} from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { createEagerContinueAsNewEnv, FAST_POLICY, joiner, MANAGER_ID, startApi, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  const env = await createEagerContinueAsNewEnv(30);
  stack = await startRealStack({ env, policy: { ...FAST_POLICY, inviteOffset: '9h' } });
  api = await startApi(stack.env.client);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
  await stack?.env.teardown();
});

const describeRun = (employeeId: string) =>
  stack.env.client.workflow.getHandle(employeeWorkflowId(employeeId)).describe();

describe('POST /v1/employees', () => {
  it('starts a joiner: 201 with the status, a Location, search attributes (a keyed request digest among them) and a summary for the Temporal UI', async () => {
    const record = joiner({ managerEmployeeId: MANAGER_ID, department: 'Research' });
    const res = await api.call('POST', '/v1/employees', { body: record });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/employees/${record.employeeId}`);
    expect(res.body).toMatchObject({
      employeeId: record.employeeId,
      stage: 'Provisioning',
      employee: record,
      cycle: 1,
    });

    const description = await describeRun(record.employeeId);
    expect(description.type).toBe('employeeLifecycleWorkflow');
    expect(description.taskQueue).toBe('tenure');
    expect(description.typedSearchAttributes.get(EmployeeIdKey)).toBe(record.employeeId);
    expect(description.typedSearchAttributes.get(DepartmentKey)).toBe('Research');
    expect(description.typedSearchAttributes.get(ManagerEmployeeIdKey)).toBe(MANAGER_ID);
    expect(description.typedSearchAttributes.get(LifecycleStageKey)).toBeDefined();
    expect(description.typedSearchAttributes.get(RequestDigestKey)).toMatch(/^test:[0-9a-f]{64}$/);
    // No names: the Temporal UI shows the summary without the codec.
    expect(await description.staticSummary()).toBe(`${record.employeeId} · Research`);
  });

  it('answers 200 with the employee when the same joiner is sent again', async () => {
    const record = joiner();
    const first = await api.call('POST', '/v1/employees', { body: record });
    const again = await api.call('POST', '/v1/employees', { body: { ...record } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.employeeId).toBe(record.employeeId);
    expect(again.body.employee).toEqual(record);
    expect(again.body.run).toMatchObject({
      workflowId: employeeWorkflowId(record.employeeId),
      executionStatus: 'RUNNING',
    });
  });

  it('answers 409 naming the differing fields when another record is sent for a running employee', async () => {
    const record = joiner();
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
    const res = await api.call('POST', '/v1/employees', { body: { ...record, title: 'CEO', givenName: 'Augusta' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'EMPLOYEE_EXISTS',
      message: `employee ${record.employeeId} exists with a different record: change it with PATCH /v1/employees/${record.employeeId}`,
      details: [
        { path: 'body.givenName', message: 'differs from the record in force' },
        { path: 'body.title', message: 'differs from the record in force' },
      ],
    });
  });

  it('still recognises the original request, and the record in force, after movers made the run continue as new', async () => {
    const record = joiner();
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
    const firstRun = (await describeRun(record.employeeId)).runId;
    // Each mover adds history; the server suggests continue-as-new after 30 events.
    let title = 0;
    await eventually(
      async () => {
        const res = await api.call('PATCH', `/v1/employees/${record.employeeId}`, { body: { title: `T${++title}` } });
        expect(res.status).toBe(200);
        return (await describeRun(record.employeeId)).runId;
      },
      (runId) => runId !== firstRun,
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const original = await api.call('POST', '/v1/employees', { body: record });
    expect(original.status).toBe(200);
    expect(original.body.employee?.title).toBe(`T${title}`);
    const inForce = await api.call('POST', '/v1/employees', { body: { ...record, title: `T${title}` } });
    expect(inForce.status).toBe(200);
    const other = await api.call('POST', '/v1/employees', { body: { ...record, title: 'Something else' } });
    expect(other.status).toBe(409);
  });

  it('accepts a leave before the start date only when the request says so', async () => {
    const record = joiner({ startDate: dateIn(Date.now() + 20 * DAY), leaveDate: dateIn(Date.now() + 5 * DAY) });
    const refused = await api.call('POST', '/v1/employees', { body: record });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toEqual([
      {
        path: 'body.leaveDate',
        message: `the leave date is before the start date ${record.startDate} (set leaveBeforeStart: true if intended)`,
      },
    ]);
    const accepted = await api.call('POST', '/v1/employees', { body: { ...record, leaveBeforeStart: true } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.employee).toEqual(record);
  });
});

describe('POST /v1/employees/batch', () => {
  it('starts the valid items and reports each bad one with its index and field path', async () => {
    const existing = joiner();
    const conflicting = joiner();
    await api.call('POST', '/v1/employees', { body: existing });
    await api.call('POST', '/v1/employees', { body: conflicting });
    const fresh = [joiner(), joiner()];
    const res = await api.call('POST', '/v1/employees/batch', {
      body: {
        employees: [
          fresh[0],
          { ...joiner(), timeZone: 'Mars/Olympus_Mons' },
          existing,
          { ...conflicting, department: 'Finance' },
          { ...joiner(), startDate: '2026-02-30', shoeSize: 44 },
          'not an employee',
          fresh[1],
          // Was a 500 for the whole batch: a bad zone beside a leave to compare with the start date.
          { ...joiner(), timeZone: 'Mars/Olympus', leaveAt: 'garbage' },
          { ...joiner(), leaveDate: '9999-12-31' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const results = res.body.results!;
    expect(results.map((r) => r.status)).toEqual([201, 400, 200, 409, 400, 400, 201, 400, 400]);
    expect(results[7]!.error?.details.map((d) => d.path)).toEqual([
      'body.employees[7].timeZone',
      'body.employees[7].leaveAt',
    ]);
    expect(results[8]!.error?.details.map((d) => d.path)).toEqual(['body.employees[8].leaveDate']);
    expect(results[1]!.error?.details).toEqual([
      { path: 'body.employees[1].timeZone', message: 'must be an IANA time zone such as Europe/Berlin' },
    ]);
    expect(results[3]!.error).toMatchObject({
      code: 'EMPLOYEE_EXISTS',
      details: [{ path: 'body.department', message: 'differs from the record in force' }],
    });
    expect(results[4]!.error?.details).toEqual([
      {
        path: 'body.employees[4].startDate',
        message: 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31',
      },
      { path: 'body.employees[4].shoeSize', message: "unknown field 'shoeSize'" },
    ]);
    expect(results[5]!.error?.details[0]?.path).toBe('body.employees[5]');
    expect(res.body.summary).toEqual({ created: 2, existing: 1, conflicts: 1, invalid: 5, failed: 0 });
    for (const record of fresh) {
      expect((await api.call('GET', `/v1/employees/${record.employeeId}`)).body.employee).toEqual(record);
    }
  });

  it('starts an employee given twice in one batch once', async () => {
    const record = joiner();
    const res = await api.call('POST', '/v1/employees/batch', { body: { employees: [record, record, record] } });
    expect(res.body.results!.map((r) => r.status).sort()).toEqual([200, 200, 201]);
  });

  it('starts 150 joiners in one request', async () => {
    const employees = Array.from({ length: 150 }, () => joiner({ startDate: dateIn(Date.now() + 30 * DAY) }));
    const res = await api.call('POST', '/v1/employees/batch', { body: { employees } });
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ created: 150, existing: 0, conflicts: 0, invalid: 0, failed: 0 });
    // Every accepted joiner runs: all of them reach Provisioned (and no activity is left in flight).
    const ids = employees.map((e) => JSON.stringify(e.employeeId)).join(', ');
    const query = `LifecycleStage = "Provisioned" AND EmployeeId IN (${ids})`;
    await eventually(
      async () => (await stack.env.client.workflow.count(query)).count,
      (count) => count === 150,
      { timeoutMs: 45_000, intervalMs: 500 },
    );
  });

  it('refuses a batch of more than 1000 joiners with 400', async () => {
    const employees = Array.from({ length: 1001 }, (_, i) => ({ ...joiner({ employeeId: `BIG-${i}` }) }));
    const res = await api.call('POST', '/v1/employees/batch', { body: { employees } });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual([
      { path: 'body.employees', message: 'must hold at most 1000 employees: split the batch' },
    ]);
    expect((await api.call('GET', '/v1/employees/BIG-0')).status).toBe(404);
  });
});
