/**
 * Property: whatever a caller sends, the API never answers 5xx. Requests are generated from the
 * API's own OpenAPI document — every operation, valid and broken bodies, path parameters, query
 * strings, tokens, content types and request ids — and sent over real HTTP to the API on a real
 * dev server and worker. Bounded: a few hundred requests, well under a minute.
 */
import fc from 'fast-check';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { FAST_POLICY, joiner, MANAGER_ID, startApi, TOKENS, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;
const known = joiner({ managerEmployeeId: MANAGER_ID });

interface Operation {
  method: string;
  path: string;
  query: { name: string; example: unknown }[];
  body?: unknown;
}

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, inviteOffset: '9h', reminderInterval: '1 hour' } });
  api = await startApi(stack.env.client);
  expect((await api.call('POST', '/v1/employees', { body: known })).status).toBe(201);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; schema?: { example?: unknown } }[];
        requestBody?: { content: Record<string, { example?: unknown }> };
      }
    >
  >;
};

function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, example: p.schema?.example })),
      body: op.requestBody?.content['application/json']?.example,
    })),
  );
}

/** Every path to a value inside a JSON document (`[]` is the root). */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy;
}

const printable = (max: number) =>
  fc.string({ maxLength: max, unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~é✓'.split('')) });
/** Header values: printable ASCII only (anything else cannot be sent in an HTTP header). */
const headerText = (max: number) =>
  fc.string({ maxLength: max, unit: fc.constantFrom(...' -./09:;=AZ_az{}~\'"'.split('')) });
const employeeIds = fc.oneof(
  fc.constant(known.employeeId),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
  fc.string({ maxLength: 80 }),
);

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

function bodies(example: unknown): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({ kind: 'json', value });
  const variants: fc.Arbitrary<Body>[] = [
    fc.constant<Body>({ kind: 'none' }),
    fc.jsonValue().map(json),
    printable(200).map((text): Body => ({ kind: 'raw', text })),
  ];
  if (example !== undefined) {
    const paths = pathsOf(example);
    variants.push(
      fc.constant(json(example)),
      // A fresh employee id: the valid request starts someone new.
      fc
        .stringMatching(/^PB-[A-Za-z0-9]{1,20}$/)
        .map((id) =>
          json(
            example && typeof example === 'object' && 'employeeId' in example
              ? { ...example, employeeId: id }
              : example,
          ),
        ),
      fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([path, value]) => json(setAt(example, path, value))),
      fc.constantFrom(...paths).map((path) => json(setAt(example, path, undefined, true))),
      fc.tuple(printable(20), fc.jsonValue()).map(([key, value]) => json({ ...(example as object), [key]: value })),
    );
  }
  return fc.oneof(...variants);
}

function requests(op: Operation) {
  const query = fc.record(
    Object.fromEntries(
      op.query.map((q) => [
        q.name,
        fc.option(
          fc.oneof(
            fc.constant(String(q.example)),
            printable(30),
            fc.integer({ min: -10, max: 10_000 }).map(String),
            fc.constantFrom('true', 'false', 'Invited,Active', '2026-02-30', '2026-03-01T00:00:00Z', ''),
          ),
          { nil: undefined },
        ),
      ]),
    ),
  );
  return fc.record({
    op: fc.constant(op),
    employeeId: employeeIds,
    query,
    extraQuery: fc.option(fc.tuple(printable(10), printable(10)), { nil: undefined }),
    body: bodies(op.body),
    // Mostly authorised, so that most requests reach validation and the handlers.
    auth: fc.oneof(
      { arbitrary: fc.constant('hr'), weight: 8 },
      { arbitrary: fc.constantFrom('operator', 'manager'), weight: 3 },
      { arbitrary: fc.constantFrom('none', 'bad', 'Basic abc', 'Bearer'), weight: 1 },
    ),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', undefined),
    requestId: fc.option(headerText(140), { nil: undefined }),
  });
}

type Request = ReturnType<typeof requests> extends fc.Arbitrary<infer R> ? R : never;

async function send(request: Request): Promise<{ status: number; text: string }> {
  const { op } = request;
  const path = op.path.replace('{employeeId}', encodeURIComponent(request.employeeId));
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) if (value !== undefined) params.append(name, value);
  if (request.extraQuery) params.append(...request.extraQuery);
  const headers: Record<string, string> = {};
  const { auth } = request;
  if (auth === 'hr' || auth === 'operator' || auth === 'manager') headers.authorization = `Bearer ${TOKENS[auth]}`;
  else if (auth === 'bad') headers.authorization = `Bearer ${'z'.repeat(40)}`;
  else if (auth !== 'none') headers.authorization = auth;
  if (request.requestId !== undefined) headers['x-request-id'] = request.requestId;
  let body: string | undefined;
  if (request.body.kind !== 'none' && op.method !== 'GET') {
    body = request.body.kind === 'raw' ? request.body.text : JSON.stringify(request.body.value);
    if (request.contentType) headers['content-type'] = request.contentType;
  }
  const response = await fetch(`${api.url}${path}${params.size ? `?${params.toString()}` : ''}`, {
    method: op.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return { status: response.status, text: await response.text() };
}

it('never answers 5xx to requests generated from the OpenAPI document', async () => {
  const doc = (await api.call<Doc>('GET', '/openapi.json')).body;
  const operations = operationsOf(doc);
  // 23 of /v1 and operations (the guard's two, the ledger verification, three reports and the imports included), 4 of /codec
  expect(operations.length).toBe(27);
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.oneof(...operations.map(requests)), async (request) => {
      const { status, text } = await send(request);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) throw new Error(`${request.op.method} ${request.op.path} answered ${status}: ${text}`);
      // Every refusal comes in the one error shape.
      if (status >= 400)
        expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String) }, requestId: expect.any(String) });
    }),
    { numRuns: 600, interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false },
  );
  // The generator reached the handlers, not just the validation: some requests were accepted.
  const accepted = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
  expect(accepted).toBeGreaterThan(10);
});

it("accepts the document's own request examples (they pass validation)", async () => {
  const doc = (await api.call<Doc>('GET', '/openapi.json')).body;
  const withBodies = operationsOf(doc).filter((op) => op.body !== undefined);
  // 12 of /v1, 3 of /codec (decode, encode, session)
  expect(withBodies.length).toBe(15);
  // The early leave last: it deactivates the employee.
  withBodies.sort((a, b) => Number(a.path.endsWith('/leave')) - Number(b.path.endsWith('/leave')));
  // A fresh employee: the property above may have done anything to the known one.
  const fresh = joiner();
  expect((await api.call('POST', '/v1/employees', { body: fresh })).status).toBe(201);
  const refused: string[] = [];
  for (const op of withBodies) {
    const example = op.body as Record<string, unknown>;
    const body = op.path === '/v1/employees' ? { ...example, employeeId: `EX-${Date.now()}` } : example;
    const res = await api.call(op.method, op.path.replace('{employeeId}', fresh.employeeId), { body });
    if (op.path === '/v1/employees') expect(res.status).toBe(201);
    if (res.status === 400 || res.status >= 500) refused.push(`${op.method} ${op.path}: ${JSON.stringify(res.body)}`);
  }
  expect(refused).toEqual([]);
});
