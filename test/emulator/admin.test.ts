import { RequestLog } from '../../emulator/request-log';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { call, createUser, userBody } from './support';
import { emulatorAdmin } from '../../emulator/admin-client';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());
beforeEach(async () => {
  expect((await emulatorAdmin(em, '/reset', { method: 'POST' })).status).toBe(204);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const admin = async (path: string, init?: RequestInit): Promise<{ status: number; body: any }> => {
  const res = await emulatorAdmin(em, path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe('the bearer token', () => {
  const endpoints: [string, string][] = [
    ['GET', '/users'],
    ['POST', '/users/1/claim'],
    ['GET', '/requests'],
    ['DELETE', '/requests'],
    ['GET', '/stats'],
    ['GET', '/faults'],
    ['PUT', '/faults'],
    ['DELETE', '/faults'],
    ['POST', '/reset'],
  ];

  it('guards every /_emulator endpoint: 401 without it or with another', async () => {
    await createUser(em, userBody(1));
    for (const [method, path] of endpoints) {
      for (const headers of [
        {},
        { authorization: 'Bearer not-the-token' },
        { authorization: `Basic ${em.token}` },
      ] as Record<string, string>[]) {
        const res = await fetch(`${em.url}/_emulator${path}`, { method, headers });
        expect({ method, path, status: res.status, challenge: res.headers.get('www-authenticate') }).toEqual({
          method,
          path,
          status: 401,
          challenge: 'Bearer realm="emulator"',
        });
      }
    }
    // Nothing was reset or changed by the refused requests.
    expect(em.store.list()).toHaveLength(1);
  });

  it('accepts any of the configured tokens, whatever their lengths, and nothing that merely starts like one', async () => {
    const other = await startEmulator({ port: 0, tokens: ['short-token', 'a-much-longer-second-token-0123456789'] });
    try {
      const status = async (token: string) =>
        (await fetch(`${other.url}/_emulator/stats`, { headers: { authorization: `Bearer ${token}` } })).status;
      expect(await status('short-token')).toBe(200);
      expect(await status('a-much-longer-second-token-0123456789')).toBe(200);
      expect(await status('short-toke')).toBe(401);
      expect(await status('short-token-')).toBe(401);
      expect(await status('a-much-longer-second-token')).toBe(401);
      const scim = await fetch(`${other.url}/Users`, {
        headers: { authorization: 'Bearer a-much-longer-second-token-0123456789', 'user-agent': 'test' },
      });
      expect(scim.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('GET /_emulator/users', () => {
  it('lists every user as a full resource', async () => {
    const a = await createUser(em, userBody(1));
    const b = await createUser(em, userBody(2));
    const res = await admin('/users');
    expect(res.status).toBe(200);
    expect(res.body.users).toEqual([a, b]);
  });
});

describe('request log', () => {
  it('records method, path, query, status, arrival time and duration of every SCIM request, but not admin calls', async () => {
    const before = Date.now();
    await call(em, 'GET', '/Users?count=1');
    await call(em, 'GET', '/Users/404');
    await admin('/users');
    const { body } = await admin('/requests');
    expect(body.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/Users', query: 'count=1', status: 200, kind: 'scim' }),
      expect.objectContaining({ method: 'GET', path: '/Users/404', status: 404, kind: 'scim' }),
    ]);
    for (const entry of body.requests) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 5);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(em.requests()).toEqual(body.requests);
  });

  it('never logs the Authorization header or request bodies', async () => {
    await call(em, 'POST', '/Users', userBody(1));
    const text = JSON.stringify((await admin('/requests')).body);
    expect(text).not.toContain(em.token);
    expect(text).not.toContain('employee1@example.com');
  });

  it('returns only the entries after a cursor', async () => {
    await call(em, 'GET', '/Users');
    const { cursor } = (await admin('/requests')).body;
    await call(em, 'GET', '/ServiceProviderConfig');
    const later = (await admin(`/requests?since=${cursor}`)).body;
    expect(later.requests.map((r: { path: string }) => r.path)).toEqual(['/ServiceProviderConfig']);
    expect(later.cursor).toBe(cursor + 1);
  });

  it('returns only the entries that arrived since an instant', async () => {
    await call(em, 'GET', '/Users');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    await call(em, 'GET', '/Schemas');
    const { body } = await admin(`/requests?since=${encodeURIComponent(since)}`);
    expect(body.requests.map((r: { path: string }) => r.path)).toEqual(['/Schemas']);
  });

  it('logs claim links as kind "claim"', async () => {
    await fetch(`${em.url}/claim/unknown`);
    expect(em.requests().at(-1)).toMatchObject({ path: '/claim/unknown', status: 404, kind: 'claim' });
  });

  it('is emptied by DELETE, with cursors still counting on', async () => {
    await call(em, 'GET', '/Users');
    const { cursor } = (await admin('/requests')).body;
    expect((await admin('/requests', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/requests')).body.requests).toEqual([]);
    await call(em, 'GET', '/Users');
    expect((await admin('/requests')).body.requests[0].seq).toBe(cursor + 1);
  });

  it('answers 400 for a since that is neither a cursor nor an instant', async () => {
    const res = await admin('/requests?since=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('since');
  });
});

describe('GET /_emulator/stats', () => {
  it('counts SCIM requests per second, per status, and the busiest one-second window', async () => {
    await Promise.all(Array.from({ length: 12 }, () => call(em, 'GET', '/Users')));
    await call(em, 'GET', '/Users/1');
    await fetch(`${em.url}/claim/x`);
    const { body } = await admin('/stats');
    expect(body).toMatchObject({ totalRequests: 13, byStatus: { 200: 12, 404: 1 } });
    expect(body.peakInAnyOneSecondWindow).toBe(13);
    expect(body.perSecond.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(13);
  });

  it('finds a peak that straddles two calendar seconds', () => {
    const log = new RequestLog();
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
    for (const ms of [100, 900, 950, 990, 1010, 1050, 1500, 2600])
      log.record({ method: 'GET', path: '/Users', status: 200, at: at(ms), durationMs: 1, kind: 'scim' });
    const stats = log.stats();
    expect(stats.peakPerCalendarSecond).toBe(4);
    expect(stats.peakInAnyOneSecondWindow).toBe(6);
    expect(stats.perSecond.map((s) => s.count)).toEqual([4, 3, 1]);
  });
});

describe('POST /_emulator/reset', () => {
  it('removes every user, the log and the faults; ids are still never reused', async () => {
    const before = await createUser(em, userBody(1));
    em.faults.set({ latency: { ms: 5 } });
    expect((await admin('/reset', { method: 'POST' })).status).toBe(204);
    expect((await admin('/users')).body.users).toEqual([]);
    expect(em.requests()).toEqual([]);
    expect(em.faults.get()).toEqual({});
    const after = await createUser(em, userBody(1));
    expect(Number(after.id)).toBeGreaterThan(Number(before.id));
  });
});

it('answers unknown admin paths with a JSON 404', async () => {
  const res = await admin('/nothing');
  expect(res.status).toBe(404);
  expect(res.body.error).toMatch(/nothing/);
});

describe('in-process seeding', () => {
  it('creates users validated like POST /Users and serves them over HTTP', async () => {
    const seeded = em.createUser(userBody(1, { title: 'Seeded' }));
    expect((await call(em, 'GET', `/Users/${seeded.id}`)).body).toEqual(seeded);
    expect(em.user(seeded.id)).toEqual(seeded);
    expect(em.user('1')).toBeUndefined();
    expect(() => em.createUser({ userName: 'no-schemas@example.com' })).toThrow(/schemas/);
  });
});
