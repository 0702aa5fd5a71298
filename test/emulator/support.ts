/** Shared helpers for the emulator tests: a tiny SCIM client over real HTTP, and user bodies. */
import { type RunningEmulator } from '../../emulator/server';
import { CORE_USER, PATCH_OP } from '../../emulator/schemas';

export * from '../../emulator/schemas';

/** A response, with its body parsed when it is JSON. */
export interface Response {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** Sends one request to the emulator, with a valid token and User-Agent unless `headers` override them. */
export async function call(
  em: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const res = await fetch(`${em.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${em.token}`,
      'user-agent': 'tenure-emulator-tests',
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML page, an empty 204): callers look at `text`.
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** A minimal valid User body for employee `n`. */
export function userBody(n: number | string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [CORE_USER],
    userName: `employee${n}@example.com`,
    externalId: `E${n}`,
    name: { givenName: `Given${n}`, familyName: `Family${n}` },
    ...extra,
  };
}

/** Creates a user and returns the served resource; fails the test unless the answer is 201. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createUser(em: RunningEmulator, body: Record<string, unknown>): Promise<any> {
  const res = await call(em, 'POST', '/Users', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);

  return res.body;
}

/** A PatchOp body. */
export const patchOp = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Asserts an RFC 7644 §3.12 error body. */
export function expectScimError(res: Response, status: number, scimType?: string): void {
  expect({ status: res.status, contentType: res.headers.get('content-type') }).toEqual({
    status,
    contentType: 'application/scim+json; charset=utf-8',
  });
  expect(res.body).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),

    detail: expect.any(String),
  });
  if (scimType) expect((res.body as { scimType?: string }).scimType).toBe(scimType);
}
