import { FaultInjector } from '../../emulator/faults';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { call, createUser, expectScimError, userBody } from './support';
import { emulatorAdmin } from '../../emulator/admin-client';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());
beforeEach(async () => {
  await emulatorAdmin(em, '/reset', { method: 'POST' });
});

const putFaults = (body: unknown) =>
  emulatorAdmin(em, '/faults', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

describe('latency', () => {
  it('delays every SCIM request by the configured time, and the log says so', async () => {
    expect((await putFaults({ latency: { ms: 150 } })).status).toBe(200);
    const [res, elapsed] = await timed(() => call(em, 'GET', '/Users'));
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(em.requests().at(-1)).toMatchObject({ status: 200, faultApplied: 'latency', delayedMs: 150 });
    expect(em.requests().at(-1)!.durationMs).toBeGreaterThanOrEqual(145);
  });

  it('stops delaying once cleared', async () => {
    em.faults.set({ latency: { ms: 300 } });
    expect((await emulatorAdmin(em, '/faults', { method: 'DELETE' })).status).toBe(204);
    const [, elapsed] = await timed(() => call(em, 'GET', '/Users'));
    expect(elapsed).toBeLessThan(250);
  });

  it('keeps each delay within ms ± jitterMs', () => {
    const randoms = [0, 1, 0.5];
    const injector = new FaultInjector(Date.now, () => randoms.shift() ?? 0.5);
    injector.set({ latency: { ms: 100, jitterMs: 40 } });
    expect([injector.decide('GET'), injector.decide('GET'), injector.decide('GET')].map((d) => d.delayMs)).toEqual([
      60, 140, 100,
    ]);
  });
});

describe('error rate', () => {
  it('answers every SCIM request with 500 or 503 and a SCIM error body at rate 1.0, without applying it', async () => {
    em.faults.set({ errorRate: { rate: 1 } });
    for (let i = 0; i < 6; i++) {
      const res = await call(em, 'POST', '/Users', userBody(i));
      expect([500, 503]).toContain(res.status);
      expectScimError(res, res.status);
    }
    expect(em.store.list()).toHaveLength(0);
    expect(em.requests().every((r) => r.faultApplied === 'error')).toBe(true);
  });

  it('uses only the configured statuses', async () => {
    em.faults.set({ errorRate: { rate: 1, statuses: [503] } });
    for (let i = 0; i < 4; i++) expect((await call(em, 'GET', '/Users')).status).toBe(503);
  });

  it('never fails at rate 0', async () => {
    em.faults.set({ errorRate: { rate: 0 } });
    for (let i = 0; i < 4; i++) expect((await call(em, 'GET', '/Users')).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After in seconds above the limit, and serves again after a second', async () => {
    em.faults.set({ rateLimit: { requestsPerSecond: 5 } });
    const statuses: number[] = [];
    let throttled: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await call(em, 'GET', '/Users');
      statuses.push(res.status);
      if (res.status === 429) throttled = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expectScimError(throttled!, 429);
    expect(throttled!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await call(em, 'GET', '/Users')).status).toBe(200);
  });

  it('counts a sliding one-second window and advises the wait until a slot frees', () => {
    let now = 10_000;
    const injector = new FaultInjector(() => now);
    injector.set({ rateLimit: { requestsPerSecond: 2 } });
    expect(injector.decide('GET').reject).toBeUndefined();
    now += 600;
    expect(injector.decide('GET').reject).toBeUndefined();
    now += 300;
    expect(injector.decide('GET').reject).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    now += 150; // the first request is now more than a second old
    expect(injector.decide('GET').reject).toBeUndefined();
    expect(injector.decide('GET').reject).toMatchObject({ status: 429 });
  });

  it('uses a fixed Retry-After when one is configured', async () => {
    em.faults.set({ rateLimit: { requestsPerSecond: 1, retryAfterSeconds: 7 } });
    await call(em, 'GET', '/Users');
    expect((await call(em, 'GET', '/Users')).headers.get('retry-after')).toBe('7');
  });
});

describe('outage', () => {
  it('answers 503 with Retry-After during the window, then recovers by itself', async () => {
    expect((await putFaults({ outage: { durationMs: 400 } })).status).toBe(200);
    const during = await call(em, 'GET', '/Users');
    expectScimError(during, 503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(em.requests().at(-1)?.faultApplied).toBe('outage');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await call(em, 'GET', '/Users')).status).toBe(200);
    expect((await (await emulatorAdmin(em, '/faults')).json()) as object).toEqual({});
  });

  it('takes an end instant, and shows it in the active faults', async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    await putFaults({ outage: { until } });
    expect((await call(em, 'GET', '/Users')).status).toBe(503);
    expect(await (await emulatorAdmin(em, '/faults')).json()).toEqual({ outage: { until } });
  });

  it('does not affect the admin endpoints', async () => {
    em.faults.set({ outage: { durationMs: 60_000 }, errorRate: { rate: 1 } });
    expect((await emulatorAdmin(em, '/users')).status).toBe(200);
    expect((await emulatorAdmin(em, '/requests')).status).toBe(200);
  });
});

describe('drop response', () => {
  it('applies a create but closes the connection without answering', async () => {
    em.faults.set({ dropResponse: { next: 1, methods: ['POST'] } });
    // The client sees a network error: the socket closed before any response.
    await expect(call(em, 'POST', '/Users', userBody(1))).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'UND_ERR_SOCKET' },
    });
    expect(em.store.findByExternalId('E1')).toBeDefined();
    expect(em.requests().at(-1)).toMatchObject({ method: 'POST', status: 201, faultApplied: 'dropResponse' });
    // The retry learns that the first attempt succeeded.
    expectScimError(await call(em, 'POST', '/Users', userBody(1)), 409, 'uniqueness');
  });

  it('drops only the next N matching requests, leaving other methods alone', async () => {
    const user = await createUser(em, userBody(1));
    em.faults.set({ dropResponse: { next: 2, methods: ['PATCH'] } });
    expect((await call(em, 'GET', `/Users/${user.id}`)).status).toBe(200);
    const op = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'T' }],
    };
    await expect(call(em, 'PATCH', `/Users/${user.id}`, op)).rejects.toThrow('fetch failed');
    await expect(call(em, 'PATCH', `/Users/${user.id}`, op)).rejects.toThrow('fetch failed');
    expect((await call(em, 'PATCH', `/Users/${user.id}`, op)).status).toBe(200);
    expect(em.store.get(user.id)!.version).toBe(4);
    expect(em.faults.get()).toEqual({});
  });

  it('drops every matching response at rate 1', async () => {
    em.faults.set({ dropResponse: { rate: 1 } });
    await expect(call(em, 'GET', '/Users')).rejects.toThrow('fetch failed');
    await expect(call(em, 'GET', '/Users')).rejects.toThrow('fetch failed');
  });
});

describe('PUT /_emulator/faults validation', () => {
  it.each([
    ['an error rate above 1', { errorRate: { rate: 2 } }, 'errorRate.rate'],
    ['a negative latency', { latency: { ms: -1 } }, 'latency.ms'],
    ['a zero rate limit', { rateLimit: { requestsPerSecond: 0 } }, 'rateLimit.requestsPerSecond'],
    ['an unknown fault', { chaos: true }, '(root)'],
    ['an outage end that is not an instant', { outage: { until: 'tomorrow' } }, 'outage.until'],
    ['both rate and next for dropResponse', { dropResponse: { rate: 0.5, next: 1 } }, 'dropResponse'],
    ['an unknown method', { dropResponse: { next: 1, methods: ['FETCH'] } }, 'dropResponse.methods.0'],
  ])('answers 400 naming the field for %s, and keeps the previous faults', async (_label, body, path) => {
    em.faults.set({ latency: { ms: 1 } });
    const res = await putFaults(body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(error.error).toMatch(/fault/);
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(em.faults.get()).toEqual({ latency: { ms: 1, jitterMs: 0 } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await emulatorAdmin(em, '/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/JSON/);
  });
});

describe('request log under client timeouts', () => {
  it('logs a request whose client gave up before the delayed answer, with status 499', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      emulator.faults.set({ latency: { ms: 1500 } });
      const aborted = await fetch(`${emulator.url}/Users?count=1`, {
        headers: { authorization: `Bearer ${emulator.token}`, 'user-agent': 'test' },
        signal: AbortSignal.timeout(200),
      }).then(
        () => 'answered',
        () => 'aborted',
      );
      expect(aborted).toBe('aborted');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(emulator.requests()).toEqual([expect.objectContaining({ method: 'GET', path: '/Users', status: 499 })]);
    } finally {
      await emulator.close();
    }
  });
});
