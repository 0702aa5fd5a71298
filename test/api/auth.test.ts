/**
 * Who may do what, over real HTTP: the 401/403 matrix of every route group for each kind of caller
 * (hr, operator, the manager of the employee, another manager, no token, a bad token).
 */
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, MANAGER_ID, startApi, TOKENS, type As, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;
const report = joiner({ managerEmployeeId: MANAGER_ID });

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, inviteOffset: '9h' } });
  api = await startApi(stack.env.client);
  expect((await api.call('POST', '/v1/employees', { body: report })).status).toBe(201);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

type Verdict = 'allowed' | 403;
interface RouteCase {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /** what each authenticated caller gets; `manager` is the employee's own manager */
  expect: Record<'hr' | 'operator' | 'manager' | 'otherManager', Verdict>;
}

const id = () => report.employeeId;
const ROUTES: RouteCase[] = [
  {
    name: 'start a joiner',
    method: 'POST',
    path: () => '/v1/employees',
    body: () => joiner(),
    expect: { hr: 'allowed', operator: 403, manager: 403, otherManager: 403 },
  },
  {
    name: 'batch',
    method: 'POST',
    path: () => '/v1/employees/batch',
    body: () => ({ employees: [joiner()] }),
    expect: { hr: 'allowed', operator: 403, manager: 403, otherManager: 403 },
  },
  {
    name: 'list',
    method: 'GET',
    path: () => '/v1/employees?limit=1',
    expect: { hr: 'allowed', operator: 'allowed', manager: 'allowed', otherManager: 'allowed' },
  },
  {
    name: 'read one',
    method: 'GET',
    path: () => `/v1/employees/${id()}`,
    expect: { hr: 'allowed', operator: 'allowed', manager: 'allowed', otherManager: 403 },
  },
  {
    name: 'mover',
    method: 'PATCH',
    path: () => `/v1/employees/${id()}`,
    body: () => ({ costCenter: `CC-${Date.now()}` }),
    expect: { hr: 'allowed', operator: 403, manager: 403, otherManager: 403 },
  },
  {
    name: 'rehire',
    method: 'POST',
    path: () => `/v1/employees/${id()}/rehire`,
    body: () => ({ startDate: '2030-01-01' }),
    expect: { hr: 'allowed', operator: 403, manager: 403, otherManager: 403 },
  },
  {
    name: 'withdraw',
    method: 'POST',
    path: () => `/v1/employees/NOBODY-AUTH/withdraw`,
    expect: { hr: 'allowed', operator: 403, manager: 403, otherManager: 403 },
  },
  {
    name: 'place legal hold',
    method: 'PUT',
    path: () => `/v1/employees/${id()}/legal-hold`,
    body: () => ({ reason: 'audit' }),
    expect: { hr: 'allowed', operator: 'allowed', manager: 403, otherManager: 403 },
  },
  {
    name: 'release legal hold',
    method: 'DELETE',
    path: () => `/v1/employees/${id()}/legal-hold`,
    expect: { hr: 'allowed', operator: 'allowed', manager: 403, otherManager: 403 },
  },
  {
    name: 'confirm deletion',
    method: 'POST',
    path: () => `/v1/employees/${id()}/deletion-confirmed`,
    expect: { hr: 'allowed', operator: 'allowed', manager: 403, otherManager: 403 },
  },
  {
    name: 'retry',
    method: 'POST',
    path: () => `/v1/employees/${id()}/retry`,
    expect: { hr: 'allowed', operator: 'allowed', manager: 403, otherManager: 403 },
  },
  // Last: it deactivates the report.
  {
    name: 'early leave',
    method: 'POST',
    path: () => `/v1/employees/${id()}/leave`,
    body: () => ({ leaveAt: '2030-01-01T00:00:00Z' }),
    expect: { hr: 'allowed', operator: 403, manager: 'allowed', otherManager: 403 },
  },
];

describe('the authorisation matrix', () => {
  it.each(ROUTES)('$name: 401 without a token or with a bad one', async (route) => {
    for (const as of ['none', 'bad'] as As[]) {
      const res = await api.call(route.method, route.path(), { as, body: route.body?.() });
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toBe(
        as === 'none' ? 'Bearer realm="tenure"' : 'Bearer realm="tenure", error="invalid_token"',
      );
    }
  });

  it.each(ROUTES)('$name: each role gets what it may', async (route) => {
    for (const as of ['otherManager', 'operator', 'manager', 'hr'] as const) {
      const res = await api.call(route.method, route.path(), { as, body: route.body?.() });
      if (route.expect[as] === 403) {
        expect({ as, status: res.status, code: res.body.error?.code }).toEqual({ as, status: 403, code: 'FORBIDDEN' });
      } else {
        // Allowed: past the auth check, and answered (a business 4xx such as 409 or 422 is fine).
        expect({ as, authorised: ![401, 403].includes(res.status), answered: res.status < 500 }).toEqual({
          as,
          authorised: true,
          answered: true,
        });
      }
    }
  });

  it("tells a manager that someone else's report is not theirs, and hides whether an id exists", async () => {
    const other = await api.call('GET', `/v1/employees/${id()}`, { as: 'otherManager' });
    expect(other.body.error?.message).toBe(`employee ${id()} is not a direct report of M-OTHER`);
    const unknown = await api.call('GET', '/v1/employees/NOBODY-AUTH', { as: 'manager' });
    expect(unknown.status).toBe(403);
    const mine = await api.call('GET', `/v1/employees/${id()}`, { as: 'manager' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ employeeId: id(), stage: expect.any(String) });
    // The manager's view: no record, contact data, timeline or errors.
    expect(mine.body.employee).toBeUndefined();
    expect(mine.body.timeline).toBeUndefined();
  });

  it('accepts only the Bearer scheme with an exact token', async () => {
    const send = (authorization: string) =>
      fetch(`${api.url}/v1/employees?limit=1`, { headers: { authorization } }).then((r) => r.status);
    expect(await send(`Bearer ${TOKENS.hr}`)).toBe(200);
    expect(await send(`bearer ${TOKENS.hr}`)).toBe(200);
    expect(await send(`Basic ${Buffer.from(`hr:${TOKENS.hr}`).toString('base64')}`)).toBe(401);
    expect(await send(`Bearer ${TOKENS.hr}x`)).toBe(401);
    expect(await send(`Bearer ${TOKENS.hr.slice(0, -1)}`)).toBe(401);
    expect(await send(`Bearer ${TOKENS.hr} extra`)).toBe(401);
  });

  it('leaves health, readiness, metrics and the documentation open', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) {
      const res = await fetch(`${api.url}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });
});
