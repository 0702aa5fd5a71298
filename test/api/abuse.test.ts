/**
 * The API under abuse, over real HTTP, with Temporal a port that never answers (a black hole) or
 * that nothing listens on: per-token rate limits, the request deadline, the receive deadline,
 * undeclared methods, over-long URLs and heads, the OpenAPI document's required bodies, the
 * batch's deadline and its stop when Temporal is unavailable, and the log line of every change.
 */
import { Client, Connection } from '@temporalio/client';
import { startBlackHole } from '../helpers/black-hole';
import { freePort } from '../../scripts/lib/free-port';
import { jsonLogSink } from '../helpers/json-log';
import { rawRequest } from '../helpers/raw-http';
import { joiner, startApi, TOKENS, type ApiBody, type RunningApi } from './support';

interface ApiAgainst {
  api: RunningApi;
  port: number;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** An API whose Temporal hangs (`black-hole`) or refuses connections (`closed`). */
async function apiAgainst(temporal: 'black-hole' | 'closed', env: NodeJS.ProcessEnv = {}): Promise<ApiAgainst> {
  const hole = temporal === 'black-hole' ? await startBlackHole() : undefined;
  const connection = Connection.lazy({ address: hole?.address ?? `127.0.0.1:${await freePort()}` });
  const { stream: logStream, lines: logs } = jsonLogSink();
  const api = await startApi(new Client({ connection }), {
    // Calls to a closed port are retried until their deadline: keep it short.
    env: { API_LOG_LEVEL: 'info', API_TEMPORAL_TIMEOUT_MS: '200', ...env },
    logStream,
  });
  return {
    api,
    port: Number(new URL(api.url).port),
    logs,
    async close() {
      await api.close();
      await connection.close();
      await hole?.close();
    },
  };
}

/** The API's one error shape, with this code. */
const errorShape = (code: string) => ({
  error: { code, message: expect.any(String), details: expect.any(Array) },
  requestId: expect.any(String),
});

describe('per-token rate limit', () => {
  let closed: ApiAgainst;
  beforeAll(async () => {
    closed = await apiAgainst('closed', { API_RATE_LIMIT_MAX: '3', API_RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => closed.close());

  it('answers 429 with Retry-After in the error shape once a token used its budget, and only for that token', async () => {
    // The manager may not start joiners: 403s, answered without Temporal, still count.
    for (let i = 0; i < 3; i++) {
      expect((await closed.api.call('POST', '/v1/employees', { as: 'manager', body: joiner() })).status).toBe(403);
    }
    const limited = await closed.api.call('POST', '/v1/employees', { as: 'manager', body: joiner() });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(errorShape('RATE_LIMITED'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another manager's token has its own budget.
    expect((await closed.api.call('POST', '/v1/employees', { as: 'otherManager', body: joiner() })).status).toBe(403);
    // Probes are not limited.
    expect((await closed.api.call('GET', '/healthz', { as: 'manager' })).status).toBe(200);
  });

  it('counts requests without a known token by client address', async () => {
    for (let i = 0; i < 3; i++) expect((await closed.api.call('GET', '/v1/employees', { as: 'bad' })).status).toBe(401);
    const limited = await closed.api.call('GET', '/v1/employees', { as: 'none' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(errorShape('RATE_LIMITED'));
  });
});

describe('deadlines', () => {
  let hole: ApiAgainst;
  beforeAll(async () => {
    hole = await apiAgainst('black-hole', {
      API_TEMPORAL_TIMEOUT_MS: '3000',
      API_REQUEST_TIMEOUT_MS: '600',
      API_BATCH_DEADLINE_MS: '700',
      API_BATCH_CONCURRENCY: '2',
    });
  });
  afterAll(() => hole.close());

  it('answers a request Temporal does not answer 503 TIMED_OUT at the request deadline, before the call deadline', async () => {
    const read = await hole.api.call('GET', '/v1/employees/E-HANGS');
    expect(read.status).toBe(503);
    // TEMPORAL_UNAVAILABLE would mean the Temporal call's deadline (3 s) came first.
    expect(read.body).toEqual(errorShape('TIMED_OUT'));
    const created = await hole.api.call('POST', '/v1/employees', { body: joiner() });
    expect(created.status).toBe(503);
    expect(created.body).toEqual(errorShape('TIMED_OUT'));
  });

  it('answers 408 in the error shape to a client that does not finish sending its request', async () => {
    const reply = await rawRequest(hole.port, [
      'POST /v1/employees HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n' +
        `authorization: Bearer ${TOKENS.hr}\r\n\r\n{"emp`,
    ]);
    expect(reply.status).toBe(408);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toEqual(errorShape('REQUEST_TIMEOUT'));
  });

  it('answers every item of a batch by its deadline: those in flight cut short, the others not started', async () => {
    const employees = Array.from({ length: 20 }, () => joiner());
    const batch = await hole.api.call('POST', '/v1/employees/batch', { body: { employees } });
    expect(batch.status).toBe(200);
    const results = batch.body.results!;
    expect(results.map((r) => r.index)).toEqual(employees.map((_, i) => i));
    expect(results.map((r) => r.employeeId)).toEqual(employees.map((e) => e.employeeId));
    // Two lanes: the first two items were in flight when the deadline came.
    expect(results.slice(0, 2).map((r) => [r.status, r.error?.code])).toEqual([
      [503, 'BATCH_DEADLINE_EXCEEDED'],
      [503, 'BATCH_DEADLINE_EXCEEDED'],
    ]);
    expect(new Set(results.slice(2).map((r) => `${r.status} ${r.error?.code} ${r.error?.message}`))).toEqual(
      new Set(["503 NOT_STARTED not started: the batch's deadline passed; send it again"]),
    );
    expect(batch.body.summary).toEqual({ created: 0, existing: 0, conflicts: 0, invalid: 0, failed: 20 });
  });
});

describe('a batch while Temporal is unavailable', () => {
  let closed: ApiAgainst;
  beforeAll(async () => {
    closed = await apiAgainst('closed', { API_BATCH_CONCURRENCY: '2' });
  });
  afterAll(() => closed.close());

  it('stops starting items once one finds Temporal unavailable, and still answers each item', async () => {
    const employees = [...Array.from({ length: 30 }, () => joiner()), { employeeId: 'bad id' }];
    const batch = await closed.api.call('POST', '/v1/employees/batch', { body: { employees } });
    expect(batch.status).toBe(200);
    const results = batch.body.results!;
    expect(results).toHaveLength(31);
    const tried = results.filter((r) => r.error?.code === 'TEMPORAL_UNAVAILABLE');
    const skipped = results.filter((r) => r.error?.code === 'NOT_STARTED');
    // Only what the two lanes had in hand when the first failure came back was tried.
    expect(tried.length).toBeGreaterThanOrEqual(1);
    expect(tried.length).toBeLessThanOrEqual(2);
    expect(skipped).toHaveLength(31 - tried.length);
    expect(skipped[0]!.error!.message).toBe('not started: Temporal was unavailable for an earlier item; send it again');
    expect(skipped.at(-1)).toMatchObject({ index: 30, employeeId: 'bad id', status: 503 });
    expect(closed.logs).toContainEqual(
      expect.objectContaining({ msg: 'batch stopped before its end', reason: 'unavailable', items: 31 }),
    );
  });
});

describe('methods, URLs and heads', () => {
  let closed: ApiAgainst;
  beforeAll(async () => {
    closed = await apiAgainst('closed');
  });
  afterAll(() => closed.close());

  it('answers an undeclared method on a known path 405 with Allow, and an unknown path 404', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/v1/employees', 'GET, HEAD, POST'],
      ['PUT', '/v1/employees/E1', 'GET, HEAD, PATCH'],
      ['GET', '/v1/employees/E1/leave', 'POST'],
      ['POST', '/v1/employees/E1/legal-hold', 'DELETE, PUT'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['OPTIONS', '/v1/employees/E1/retry', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await closed.api.call(method, path, { as: 'none' });
      expect({ method, path, status: res.status, allow: res.headers.get('allow') }).toEqual({
        method,
        path,
        status: 405,
        allow,
      });
      expect(res.body).toEqual(errorShape('METHOD_NOT_ALLOWED'));
    }
    const unknown = await closed.api.call('DELETE', '/v1/nothing', { as: 'none' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('allow')).toBeNull();
  });

  it('answers an over-long path segment, URL or request head in the error shape', async () => {
    const segment = await closed.api.call('GET', `/v1/employees/${'E'.repeat(101)}`);
    expect(segment.status).toBe(414);
    expect(segment.body).toEqual(errorShape('URI_TOO_LONG'));
    expect(segment.headers.get('x-request-id')).toBe(segment.body.requestId);

    const url = await closed.api.call('GET', `/v1/employees?department=${'d'.repeat(9000)}`);
    expect(url.status).toBe(414);
    expect(url.body).toEqual(errorShape('URI_TOO_LONG'));

    const head = await rawRequest(closed.port, [
      `GET /v1/employees?q=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`,
    ]);
    expect(head.status).toBe(431);
    expect(JSON.parse(head.body)).toEqual(errorShape('HEADERS_TOO_LARGE'));
    expect(head.headers['x-request-id']).toBe((JSON.parse(head.body) as ApiBody).requestId);
  });
});

describe('the OpenAPI document and the routes', () => {
  let closed: ApiAgainst;
  beforeAll(async () => {
    closed = await apiAgainst('closed');
  });
  afterAll(() => closed.close());

  it('marks a request body required exactly when the route refuses a request without one', async () => {
    type Operation = { requestBody?: { required?: boolean } };
    const doc = (await closed.api.call<{ paths: Record<string, Record<string, Operation>> }>('GET', '/openapi.json'))
      .body;
    const verdicts: { operation: string; documented: boolean; refused: boolean }[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.requestBody) continue;
        // Every employee route with a body is open to hr and, past validation, needs Temporal (a 503
        // here); the codec and the guard are for operators and need no Temporal (a 200 past validation:
        // the guard holds nothing here, so it signals no lifecycle).
        const codec = path.startsWith('/codec/') || path === '/v1/guard';
        const res = await closed.api.call(method.toUpperCase(), path.replace('{employeeId}', 'E-BODY'), {
          as: codec ? 'operator' : 'hr',
        });
        const refused = res.status === 400 && res.body.error?.details?.some((d) => d.path === 'body') === true;
        expect({ operation: `${method} ${path}`, status: refused ? 400 : res.status }).toEqual({
          operation: `${method} ${path}`,
          status: refused ? 400 : codec ? 200 : 503,
        });
        verdicts.push({ operation: `${method} ${path}`, documented: op.requestBody.required === true, refused });
      }
    }
    expect(verdicts.length).toBeGreaterThanOrEqual(10);
    expect(verdicts.filter((v) => v.documented !== v.refused)).toEqual([]);
    // Both kinds exist, so the comparison means something.
    expect(verdicts.some((v) => v.refused) && verdicts.some((v) => !v.refused)).toBe(true);
  });

  it('documents 429 on every authenticated operation', async () => {
    type Operation = { security?: unknown; responses: Record<string, unknown> };
    const doc = (await closed.api.call<{ paths: Record<string, Record<string, Operation>> }>('GET', '/openapi.json'))
      .body;
    const secured = Object.values(doc.paths).flatMap((methods) => Object.values(methods).filter((op) => op.security));
    expect(secured.length).toBeGreaterThanOrEqual(10);
    expect(secured.filter((op) => !op.responses['429'])).toEqual([]);
  });
});

describe('the log of changes', () => {
  let closed: ApiAgainst;
  beforeAll(async () => {
    closed = await apiAgainst('closed');
  });
  afterAll(() => closed.close());

  it('records the principal, the route and the request id of every change request, and no personal data', async () => {
    const record = joiner({ email: 'ada.secret@example.com', givenName: 'Adasecret' });
    await closed.api.call('POST', '/v1/employees', { body: record, headers: { 'x-request-id': 'change-0000001' } });
    await closed.api.call('POST', `/v1/employees/${record.employeeId}/leave`, {
      as: 'manager',
      headers: { 'x-request-id': 'change-0000002' },
    });
    await closed.api.call('DELETE', `/v1/employees/${record.employeeId}/legal-hold`, {
      as: 'bad',
      headers: { 'x-request-id': 'change-0000003' },
    });
    await closed.api.call('GET', '/v1/employees/E1', { headers: { 'x-request-id': 'read-00000001' } });
    const changes = closed.logs.filter((line) => line.msg === 'change request');
    expect(changes).toEqual([
      expect.objectContaining({
        requestId: 'change-0000001',
        principal: 'hr:hr-feed',
        method: 'POST',
        route: '/v1/employees',
        statusCode: 503,
      }),
      expect.objectContaining({
        requestId: 'change-0000002',
        principal: 'manager:test-manager',
        method: 'POST',
        route: '/v1/employees/:employeeId/leave',
        statusCode: 503,
      }),
      expect.objectContaining({
        requestId: 'change-0000003',
        principal: null,
        method: 'DELETE',
        route: '/v1/employees/:employeeId/legal-hold',
        statusCode: 401,
      }),
    ]);
    const text = JSON.stringify(closed.logs);
    for (const secret of ['ada.secret', 'Adasecret', TOKENS.hr, TOKENS.manager]) expect(text).not.toContain(secret);
  });
});
