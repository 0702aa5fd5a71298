/**
 * Role-shaped answers, over real HTTP: every route the OpenAPI document declares under /v1, called by
 * each role about an own report, someone else's report and a former report; every answer a manager
 * gets is scanned for fields outside the manager's view (and for the report's personal data).
 */
import { changeProfileUpdate, employeeWorkflowId } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, MANAGER_ID, startApi, type As, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;
const own = joiner({ managerEmployeeId: MANAGER_ID, givenName: 'Ownreportia' });
const others = joiner({ managerEmployeeId: 'M-OTHER', givenName: 'Otherreportia' });
const former = joiner({ managerEmployeeId: MANAGER_ID, givenName: 'Formerreportia' });

/** The fields a manager may see, at each level of an answer. */
const MANAGER_VIEW = new Set([
  'employeeId',
  'stage',
  'startDate',
  'startsAt',
  'leave',
  'legalHold',
  'needsAttention',
  'next',
  'run',
]);
const MANAGER_LEAVE = new Set(['at', 'date', 'reason']);
const MANAGER_NEXT = new Set(['action', 'at', 'blockedBy']);
const SUMMARY = new Set([
  'employeeId',
  'stage',
  'department',
  'managerEmployeeId',
  'startsAt',
  'leaveAt',
  'legalHold',
  'needsAttention',
  'startedAt',
  'closedAt',
  'run',
]);

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, inviteOffset: '9h' } });
  api = await startApi(stack.env.client);
  for (const record of [own, others, former]) {
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
  }
  // The former report moved to another manager: visibility must show it before the test starts.
  await stack.env.client.workflow
    .getHandle(employeeWorkflowId(former.employeeId))
    .executeUpdate(changeProfileUpdate, { args: [{ changes: { managerEmployeeId: 'M-ELSEWHERE' } }] });
  await eventually(
    async () => (await api.call('GET', `/v1/employees?manager=${MANAGER_ID}&limit=50`, { as: 'manager' })).body.items,
    (items) =>
      Boolean(items?.some((i) => i.employeeId === own.employeeId)) &&
      !items?.some((i) => i.employeeId === former.employeeId),
    { timeoutMs: 15_000, intervalMs: 200 },
  );
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

interface Operation {
  method: string;
  path: string;
}

/** Fields outside the manager's view in a single-employee answer; names anywhere in any answer. */
function leaks(body: unknown): string[] {
  const text = JSON.stringify(body);
  const out = [own, others, former]
    .flatMap((r) => [r.givenName, r.email])
    .filter((needle) => text.toLowerCase().includes(needle.toLowerCase()))
    .map((needle) => `personal data: ${needle}`);
  if (!body || typeof body !== 'object' || 'error' in body) return out;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.items)) {
    for (const item of record.items as Record<string, unknown>[])
      for (const key of Object.keys(item)) if (!SUMMARY.has(key)) out.push(`list item field ${key}`);
    return out;
  }
  for (const key of Object.keys(record)) if (!MANAGER_VIEW.has(key)) out.push(`field ${key}`);
  for (const key of Object.keys((record.leave as object | undefined) ?? {}))
    if (!MANAGER_LEAVE.has(key)) out.push(`leave.${key}`);
  for (const key of Object.keys((record.next as object | undefined) ?? {}))
    if (!MANAGER_NEXT.has(key)) out.push(`next.${key}`);
  return out;
}

describe("a manager's answers", () => {
  it('carry nothing outside the manager view on any route, for an own, another and a former report', async () => {
    const doc = (await api.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json')).body;
    const operations: Operation[] = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    expect(operations.length).toBeGreaterThanOrEqual(12);

    const seen: string[] = [];
    const problems: string[] = [];
    for (const subject of [own, others, former]) {
      for (const op of operations) {
        // HR and operators read (their view is the whole status; what they may change is the
        // authorisation matrix's, auth.test.ts); the manager is sent every route.
        const roles: As[] = op.method === 'GET' ? ['manager', 'hr', 'operator'] : ['manager'];
        for (const as of roles) {
          const path = op.path.replace('{employeeId}', subject.employeeId);
          // An early leave is the last thing a test may do to a report: sent once, at the end, below.
          if (path.endsWith('/leave')) continue;
          const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
          const res = await api.call(op.method, path, { as, ...(body ? { body } : {}) });
          if (as !== 'manager') continue;
          seen.push(`${op.method} ${op.path} ${subject.givenName} → ${res.status}`);
          for (const leak of leaks(res.body)) problems.push(`${op.method} ${path} (${res.status}): ${leak}`);
          // Someone else's report, and a former one, are not the manager's: never a 2xx.
          if (subject !== own && op.path.includes('{employeeId}')) {
            expect({ path, status: res.status }).toEqual({ path, status: 403 });
          }
        }
      }
    }
    // The manager's own early leave of their report: answered with the manager's view.
    const leave = await api.call('POST', `/v1/employees/${own.employeeId}/leave`, { as: 'manager', body: {} });
    expect(leave.status).toBe(200);
    problems.push(...leaks(leave.body).map((l) => `POST leave: ${l}`));
    const read = await api.call('GET', `/v1/employees/${own.employeeId}`, { as: 'manager' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ employeeId: own.employeeId, stage: expect.any(String) });

    expect(problems).toEqual([]);
    expect(seen.length).toBeGreaterThan(30);
  });

  it('never contain a claim link: not for HR, an operator or a manager', async () => {
    for (const as of ['hr', 'operator', 'manager'] as As[]) {
      const res = await api.call('GET', `/v1/employees/${own.employeeId}`, { as });
      expect(JSON.stringify(res.body)).not.toMatch(/claim(Link|Token)|\/claim\//);
    }
  });
});
