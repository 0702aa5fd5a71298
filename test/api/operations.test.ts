/**
 * The API as operators run it, over real HTTP: health and readiness (against a real dev server and
 * against a closed port), Prometheus metrics, request ids, log redaction, the OpenAPI document,
 * body limits, and a graceful shutdown that lets in-flight requests finish.
 */
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { eventually } from '../helpers/eventually';
import { freePort } from '../../scripts/lib/free-port';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, startApi, TOKENS, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, inviteOffset: '9h' } });
  api = await startApi(stack.env.client, { env: { API_LOG_LEVEL: 'info' }, logStream });
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

/** An API whose Temporal is a port nothing listens on. */
async function apiWithoutTemporal(): Promise<{ api: RunningApi; close(): Promise<void> }> {
  const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const client = new Client({ connection });
  const unreachable = await startApi(client, { env: { API_READY_TIMEOUT_MS: '500', API_TEMPORAL_TIMEOUT_MS: '1000' } });
  return {
    api: unreachable,
    async close() {
      await unreachable.close();
      await connection.close();
    },
  };
}

describe('health and readiness', () => {
  it('answers /healthz and /readyz with 200 when Temporal is reachable', async () => {
    expect(await api.call('GET', '/healthz', { as: 'none' })).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api.call('GET', '/readyz', { as: 'none' })).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers /readyz with 503 (and stays alive) when Temporal is not reachable', async () => {
    const down = await apiWithoutTemporal();
    try {
      const started = Date.now();
      const ready = await down.api.call('GET', '/readyz', { as: 'none' });
      expect(ready.status).toBe(503);
      expect(ready.body.error?.code).toBe('TEMPORAL_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await down.api.call('GET', '/healthz', { as: 'none' })).status).toBe(200);
      const read = await down.api.call('GET', '/v1/employees/E1');
      expect(read.status).toBe(503);
      const created = await down.api.call('POST', '/v1/employees', { body: joiner() });
      expect(created.status).toBe(503);
      const metrics = await down.api.call<string>('GET', '/metrics', { as: 'none' });
      expect(metrics.body).toMatch(/tenure_api_temporal_errors_total\{operation="ready",kind="unavailable"\} 1/);
    } finally {
      await down.close();
    }
  });
});

describe('metrics', () => {
  it('exposes request counts and latencies by route pattern and status in the Prometheus format', async () => {
    await api.call('GET', '/v1/employees/UNKNOWN-M');
    await api.call('GET', '/v1/employees/UNKNOWN-M');
    const res = await api.call<string>('GET', '/metrics', { as: 'none' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('# TYPE tenure_api_requests_total counter');
    expect(res.body).toMatch(
      /tenure_api_requests_total\{method="GET",route="\/v1\/employees\/:employeeId",status="404"\} 2/,
    );
    expect(res.body).toMatch(
      /tenure_api_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/v1\/employees\/:employeeId",status="404"\} \d/,
    );
    expect(res.body).toMatch(/tenure_api_temporal_errors_total\{operation="describe",kind="not-found"\} \d/);
    expect(res.body).not.toContain('UNKNOWN-M');
  });
});

describe('request ids', () => {
  it("echoes a well-formed caller's request id and replaces a malformed one", async () => {
    const given = await api.call('GET', '/v1/employees/NOBODY-R', {
      headers: { 'x-request-id': 'hr-feed-2026-01-15.42' },
    });
    expect(given.headers.get('x-request-id')).toBe('hr-feed-2026-01-15.42');
    expect(given.body.requestId).toBe('hr-feed-2026-01-15.42');
    const malformed = await api.call('GET', '/healthz', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await api.call('GET', '/v1/employees/NOBODY-R', { as: 'none' });
    expect(none.body.requestId).toBe(none.headers.get('x-request-id'));
  });
});

describe('logs', () => {
  it('carry the request id on every line and never a token or personal data', async () => {
    logLines.length = 0;
    const record = joiner({ email: 'grace.secret@example.com', givenName: 'Gracesecret', familyName: 'Hoppersecret' });
    const id = 'log-test-request-0001';
    await api.call('POST', '/v1/employees', { body: record, headers: { 'x-request-id': id } });
    await api.call('POST', '/v1/employees', { body: { ...record, title: 'changed' }, headers: { 'x-request-id': id } });
    await api.call('POST', '/v1/employees', {
      body: { ...record, email: 'not-an-email grace.secret@example.com' },
      headers: { 'x-request-id': id },
    });
    await api.call('GET', '/v1/employees', { as: 'bad', headers: { 'x-request-id': id } });
    await api.call('PATCH', `/v1/employees/${record.employeeId}`, {
      body: { givenName: 'Gracesecret' },
      headers: { 'x-request-id': id },
    });
    // Whatever a log call is handed, the configured paths are censored.
    api.server.log.info(
      { employee: record, email: record.email, req: { headers: { authorization: `Bearer ${TOKENS.hr}` } } },
      'redaction probe',
    );

    const text = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(5);
    for (const secret of [TOKENS.hr, 'x'.repeat(40), 'grace.secret', 'Gracesecret', 'Hoppersecret']) {
      expect(text).not.toContain(secret);
    }
    expect(logLines.find((line) => line.includes('redaction probe'))).toContain('"email":"[redacted]"');
    const requestLines = logLines.map((line) => JSON.parse(line) as { requestId?: string; msg: string });
    expect(requestLines.filter((l) => l.requestId === id).map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed', 'request refused']),
    );
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const doc = await api.call<object>('GET', '/openapi.json', { as: 'none' });
    // The validator is an ES module: run it in its own Node process.
    const script = `
      import { Validator } from '@seriousme/openapi-schema-validator';
      const doc = JSON.parse(await new Response(process.stdin).text());
      const result = await new Validator().validate(doc);
      process.stdout.write(JSON.stringify(result));`;
    const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd() });
    run.child.stdin!.end(JSON.stringify(doc.body));
    const { stdout } = await run;
    expect(JSON.parse(stdout)).toEqual({ valid: true });
  });

  it('documents every route with request and response examples', async () => {
    type Media = { example?: unknown; examples?: unknown };
    type Operation = {
      requestBody?: { content: Record<string, Media> };
      responses: Record<string, { content?: Record<string, Media> }>;
      parameters?: { name: string; schema?: { example?: unknown; examples?: unknown } }[];
    };
    const doc = (await api.call<{ paths: Record<string, Record<string, Operation>> }>('GET', '/openapi.json')).body;
    const missing: string[] = [];
    const hasExample = (m: { example?: unknown; examples?: unknown } | undefined) =>
      m !== undefined && (m.example !== undefined || m.examples !== undefined);
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        for (const media of Object.values(op.requestBody?.content ?? {}))
          if (!hasExample(media)) missing.push(`${where} body`);
        for (const [code, response] of Object.entries(op.responses)) {
          for (const media of Object.values(response.content ?? {}))
            if (!hasExample(media)) missing.push(`${where} ${code}`);
        }
        for (const parameter of op.parameters ?? [])
          if (!hasExample(parameter.schema)) missing.push(`${where} ${parameter.name}`);
      }
    }
    // 23 of /v1 and operations (the guard's two, the ledger verification, three reports and the imports included), 4 of /codec (decode, encode, session opened and ended)
    expect(operations).toBe(27);
    expect(missing).toEqual([]);
  });

  it('is served as Swagger UI at /docs', async () => {
    const res = await fetch(`${api.url}/docs`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});

describe('bad requests', () => {
  it('answers an unknown route, a bad body encoding and an oversized body in the one error shape', async () => {
    const unknown = await api.call('GET', '/v2/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: { code: 'NOT_FOUND' },
      requestId: unknown.headers.get('x-request-id'),
    });
    const broken = await api.call('POST', '/v1/employees', { rawBody: '{"employeeId": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error?.code).toBe('VALIDATION_FAILED');
    const form = await api.call('POST', '/v1/employees', {
      rawBody: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await api.call('POST', '/v1/employees', { body: { ...joiner(), title: 'x'.repeat(70 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('shutdown', () => {
  it('lets an in-flight request finish before the server closes', async () => {
    const draining = await startApi(stack.env.client, { env: { API_BATCH_CONCURRENCY: '1' } });
    const employees = Array.from({ length: 15 }, () => joiner());
    const inFlight = draining.call('POST', '/v1/employees/batch', { body: { employees } });
    // In flight once its first employee has started (one at a time: the rest are still to come);
    // a fixed pause let a loaded machine close the server before the request had even connected.
    await eventually(
      () =>
        stack.env.client.workflow
          .getHandle(`employee-${employees[0]!.employeeId}`)
          .describe()
          .then(
            () => true,
            () => false,
          ),
      (started) => started,
    );
    const closing = draining.close();
    const res = await inFlight;
    await closing;
    expect(res.status).toBe(200);
    expect(res.body.summary?.created).toBe(15);
    await expect(fetch(`${draining.url}/healthz`)).rejects.toThrow();
    const ids = employees.map((e) => JSON.stringify(e.employeeId)).join(', ');
    await eventually(
      async () =>
        (await stack.env.client.workflow.count(`LifecycleStage = "Provisioned" AND EmployeeId IN (${ids})`)).count,
      (count) => count === 15,
    );
  });
});
