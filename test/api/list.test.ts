/**
 * `GET /v1/employees` over real HTTP: filters become visibility queries on the custom search
 * attributes of a real dev server; pages come with signed cursors; managers see their reports only.
 */
import { CORE_USER } from '../../emulator/schemas';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn, nextEmployeeId } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, MANAGER_ID, startApi, type As, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;

// Apostrophes and an ampersand: the value must reach visibility as a literal, not as query syntax.
// (Double quotes and backslashes are escaped too, but the dev server's SQLite visibility never
// matches a value holding them by equality: see the list route's notes.)
const DEPARTMENT = `O'Brien's R&D ${nextEmployeeId('L')}`;
const now = Date.now();
const e = {
  provisioned: joiner({ department: DEPARTMENT, managerEmployeeId: MANAGER_ID, leaveDate: dateIn(now + 40 * DAY) }),
  later: joiner({ department: DEPARTMENT, managerEmployeeId: 'M-OTHER', startDate: dateIn(now + 20 * DAY) }),
  invited: joiner({ department: DEPARTMENT, managerEmployeeId: MANAGER_ID, startDate: dateIn(now - 2 * DAY) }),
  held: joiner({ department: DEPARTMENT }),
  stuck: joiner({ department: DEPARTMENT }),
};
const ALL = Object.values(e).map((r) => r.employeeId);

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, reminderInterval: '1 hour' } });
  api = await startApi(stack.env.client);
  stack.emulator.createUser({
    schemas: [CORE_USER],
    userName: e.stuck.email,
    externalId: `OTHER-${e.stuck.employeeId}`,
    name: { givenName: 'Seeded', familyName: 'Account' },
  });
  for (const record of Object.values(e))
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
  expect(
    (await api.call('PUT', `/v1/employees/${e.held.employeeId}/legal-hold`, { body: { reason: 'case 7' } })).status,
  ).toBe(200);
  // Settled: every employee in the stage the tests expect, as visibility sees it.
  await listed(`department=${encodeURIComponent(DEPARTMENT)}&stage=Provisioned`, 3);
  await listed(`department=${encodeURIComponent(DEPARTMENT)}&stage=Invited`, 1);
  await listed(`department=${encodeURIComponent(DEPARTMENT)}&needsAttention=true`, 1);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const list = (query: string, as: As = 'hr') => api.call('GET', `/v1/employees?${query}`, { as });

/** The employee ids a query lists, once visibility shows `count` of them. */
async function listed(query: string, count: number, as: As = 'hr'): Promise<string[]> {
  const res = await eventually(
    () => list(query, as),
    (r) => r.status === 200 && r.body.items!.length === count,
    { timeoutMs: 15_000, intervalMs: 200 },
  );
  return res.body.items!.map((item) => item.employeeId).sort();
}

const ids = (...records: { employeeId: string }[]) => records.map((r) => r.employeeId).sort();
const dept = `department=${encodeURIComponent(DEPARTMENT)}`;

describe('GET /v1/employees', () => {
  it('filters by stage, one or several', async () => {
    expect(await listed(`${dept}&stage=Provisioned`, 3)).toEqual(ids(e.provisioned, e.later, e.held));
    expect(await listed(`${dept}&stage=Invited,Provisioning`, 2)).toEqual(ids(e.invited, e.stuck));
  });

  it('filters by manager', async () => {
    expect(await listed(`${dept}&manager=${MANAGER_ID}`, 2)).toEqual(ids(e.provisioned, e.invited));
  });

  it('filters by start-date and leave-date ranges', async () => {
    expect(await listed(`${dept}&startFrom=${dateIn(now + 15 * DAY)}`, 1)).toEqual(ids(e.later));
    expect(await listed(`${dept}&startBefore=${new Date(now).toISOString()}`, 1)).toEqual(ids(e.invited));
    const leave = `leaveFrom=${dateIn(now + 40 * DAY)}&leaveBefore=${dateIn(now + 42 * DAY)}`;
    expect(await listed(`${dept}&${leave}`, 1)).toEqual(ids(e.provisioned));
  });

  it('filters by needsAttention and legalHold', async () => {
    expect(await listed(`${dept}&needsAttention=true`, 1)).toEqual(ids(e.stuck));
    expect(await listed(`${dept}&legalHold=true`, 1)).toEqual(ids(e.held));
    expect(await listed(`${dept}&legalHold=false&needsAttention=false`, 3)).toEqual(
      ids(e.provisioned, e.later, e.invited),
    );
  });

  it('lists the search attributes of each employee', async () => {
    const res = await list(`${dept}&stage=Provisioned&manager=${MANAGER_ID}`);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        employeeId: e.provisioned.employeeId,
        stage: 'Provisioned',
        department: DEPARTMENT,
        managerEmployeeId: MANAGER_ID,
        startsAt: `${e.provisioned.startDate}T00:00:00.000Z`,
        leaveAt: `${dateIn(now + 41 * DAY)}T00:00:00.000Z`,
        legalHold: false,
        needsAttention: false,
        run: expect.objectContaining({ executionStatus: 'RUNNING', source: 'visibility' }),
      }),
    ]);
  });

  it('takes a value that looks like query syntax as a literal', async () => {
    const sneaky = encodeURIComponent('x" OR WorkflowType = "employeeLifecycleWorkflow');
    const res = await list(`department=${sneaky}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('pages with an opaque cursor until every employee was listed once', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const res = await list(`${dept}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items!.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items!.map((item) => item.employeeId));
      cursor = res.body.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([...ALL].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses a forged cursor, and a cursor under other filters, with 400', async () => {
    const first = await list(`${dept}&limit=1`);
    const cursor = first.body.nextCursor!;
    expect(cursor).toBeTruthy();
    const forged = Buffer.from(JSON.stringify({ v: 1, t: 'Z2FyYmFnZQ', m: 'AAAA' })).toString('base64url');
    for (const bad of [forged, 'not-a-cursor', cursor.slice(0, -2)]) {
      const res = await list(`${dept}&limit=1&cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'INVALID_CURSOR',
        details: [{ path: 'query.cursor', message: 'invalid cursor' }],
      });
    }
    expect((await list(`${dept}&limit=1&stage=Invited&cursor=${cursor}`)).status).toBe(400);
    expect((await list(`${dept}&limit=1&cursor=${cursor}`)).status).toBe(200);
  });

  it('restricts a manager to their direct reports', async () => {
    expect(await listed(dept, 2, 'manager')).toEqual(ids(e.provisioned, e.invited));
    expect(await listed(`${dept}&manager=${MANAGER_ID}`, 2, 'manager')).toEqual(ids(e.provisioned, e.invited));
    expect((await list(`${dept}&manager=M-OTHER`, 'manager')).status).toBe(403);
    expect(await listed(dept, 1, 'otherManager')).toEqual(ids(e.later));
  });

  it('refuses bad filters with 400 and the parameter path', async () => {
    const cases: [string, string, string][] = [
      ['stage=Sleeping', 'query.stage', 'must be stages among'],
      ['limit=501', 'query.limit', 'must be at most 500'],
      ['limit=0', 'query.limit', 'must be at least 1'],
      ['startFrom=2026-02-30', 'query.startFrom', 'must be a YYYY-MM-DD date or an ISO-8601 instant'],
      ['legalHold=yes', 'query.legalHold', ''],
      ['colour=blue', 'query.colour', "unknown field 'colour'"],
    ];
    for (const [query, path, message] of cases) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.error?.details).toEqual([
        expect.objectContaining({ path, message: expect.stringContaining(message) }),
      ]);
    }
  });
});
