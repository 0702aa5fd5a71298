import { createServer } from 'node:net';
import { ScimClient } from '../../../activities/scim/client';
import {
  isRetryable,
  ScimConflictError,
  ScimError,
  ScimNetworkError,
  ScimNotFoundError,
  ScimPreconditionFailedError,
  ScimRejectedError,
  ScimThrottledError,
  ScimUnavailableError,
  ScimUnexpectedResponseError,
  ScimUnsupportedError,
} from '../../../activities/scim/errors';
import { SCHEMAS } from '../../../activities/scim/schemas';
import { startScimFixtureServer, type ScimFixtureServer } from '../../helpers/scim-fixture-server';

const TOKEN = 'errors-token-5678';

function scimError(status: string | number, detail: string, scimType?: string) {
  return { schemas: [SCHEMAS.error], status, ...(scimType ? { scimType } : {}), detail };
}

/** The error a call rejects with; fails the test if it resolves. */
async function failure(call: Promise<unknown>): Promise<ScimError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let server: ScimFixtureServer;
let client: ScimClient;

beforeEach(async () => {
  server = await startScimFixtureServer();
  client = new ScimClient({ baseUrl: server.url, token: TOKEN, timeoutMs: 2000 });
});

afterEach(async () => {
  await server.close();
});

describe('error responses', () => {
  it('turns a 409 SCIM error into a conflict that keeps scimType and detail', async () => {
    server.reply({ status: 409, body: scimError('409', 'userName is taken', 'uniqueness') });
    const error = await failure(client.createUser({ externalId: 'E-1', userName: 'a@example.com', name: {} }));
    expect(error).toBeInstanceOf(ScimConflictError);
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status: 409, scimType: 'uniqueness', detail: 'userName is taken', method: 'POST' });
    expect(error).toMatchObject({ path: '/Users' });
    expect(error.message).toBe('SCIM POST /Users answered 409 uniqueness: userName is taken');
    expect(isRetryable(error)).toBe(false);
  });

  it('reads an error body whose status is a number', async () => {
    server.reply({ status: 400, body: scimError(400, 'bad filter', 'invalidFilter') });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter', detail: 'bad filter' });
    expect(error).not.toHaveProperty('body');
  });

  it('keeps the raw body of an error that is not SCIM-shaped', async () => {
    server.reply({ status: 401, headers: { 'Content-Type': 'text/plain' }, body: 'Unauthorized' });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status: 401, body: 'Unauthorized' });
    expect(error).not.toHaveProperty('scimType');
  });

  it('keeps the raw body of a JSON error in another format', async () => {
    server.reply({ status: 403, body: { error: { message: 'no permission', code: 190 } } });
    const error = await failure(client.getUser('1'));
    expect(error).toMatchObject({ status: 403, body: '{"error":{"message":"no permission","code":190}}' });
  });

  it('truncates a huge raw body', async () => {
    server.reply({ status: 400, headers: { 'Content-Type': 'text/html' }, body: 'x'.repeat(100_000) });
    const error = (await failure(client.getUser('1'))) as ScimRejectedError;
    expect(error.body!.length).toBeLessThan(2100);
  });

  it.each([
    [404, ScimNotFoundError],
    [412, ScimPreconditionFailedError],
  ])('turns a %i into its own rejection class', async (status, type) => {
    server.reply({ status, body: scimError(String(status), 'nope') });
    const error = await failure(client.deleteUser('1'));
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status, method: 'DELETE', path: '/Users/1' });
    expect(isRetryable(error)).toBe(false);
  });

  it('turns a 429 into a throttled error with Retry-After in seconds', async () => {
    server.reply({ status: 429, headers: { 'Retry-After': '7' }, body: scimError('429', 'slow down') });
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimThrottledError);
    expect(error).not.toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7000, detail: 'slow down' });
    expect(isRetryable(error)).toBe(true);
  });

  it('turns a 429 with an HTTP-date Retry-After into the time left until it', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 30_000);
    server.reply({ status: 429, headers: { 'Retry-After': at.toUTCString() } });
    const error = (await failure(client.ping())) as ScimThrottledError;
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('leaves retryAfterMs out of a 429 without Retry-After', async () => {
    server.reply({ status: 429 });
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimThrottledError);
    expect(error).not.toHaveProperty('retryAfterMs');
  });

  it.each([500, 502, 503, 504])('turns a %i into an unavailable error', async (status) => {
    server.reply({ status, headers: { 'Content-Type': 'text/html' }, body: '<h1>down</h1>' });
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimUnavailableError);
    expect(error).toMatchObject({ status, body: '<h1>down</h1>' });
    expect(isRetryable(error)).toBe(true);
  });

  it('keeps the Retry-After of a 503', async () => {
    server.reply({ status: 503, headers: { 'Retry-After': '120' } });
    const error = await failure(client.ping());
    expect(error).toMatchObject({ status: 503, retryAfterMs: 120_000 });
  });

  it('does not follow a redirect, and calls it unexpected', async () => {
    server.reply({ status: 307, headers: { Location: 'http://127.0.0.1:1/Users' } });
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimUnexpectedResponseError);
    expect(error).toMatchObject({ status: 307 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('unexpected successes', () => {
  it('refuses a 200 of another media type, like a proxy login page', async () => {
    server.reply({ headers: { 'Content-Type': 'text/html' }, body: '<html>sign in</html>' });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimUnexpectedResponseError);
    expect(error).toMatchObject({ status: 200, body: '<html>sign in</html>' });
    expect(isRetryable(error)).toBe(false);
  });

  it('refuses a 200 whose body is not JSON', async () => {
    server.reply({ headers: { 'Content-Type': 'application/scim+json' }, body: '{"id": ' });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimUnexpectedResponseError);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses a 200 that is JSON but not a User', async () => {
    server.reply({ body: { hello: 'world' } });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimUnexpectedResponseError);
    expect(error.message).toContain('no id');
  });

  it('accepts a JSON body without Content-Type', async () => {
    server.reply({ body: JSON.stringify({ id: '1', userName: 'a@example.com' }) });
    await expect(client.getUser('1')).resolves.toMatchObject({ id: '1' });
  });
});

describe('network failures', () => {
  it('turns a refused connection into a network error that keeps its cause', async () => {
    client = new ScimClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, token: TOKEN });
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: false, cancelled: false, method: 'GET', path: '/Users' });
    expect(error).not.toHaveProperty('status');
    // fetch's own error (another realm under Jest, so no instanceof), with the socket error as its cause.
    expect(error.cause).toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    expect(error.message).toContain('ECONNREFUSED');
    expect(isRetryable(error)).toBe(true);
  });

  it('turns a connection cut before the response into a network error', async () => {
    server.reply({ destroy: true });
    const error = await failure(client.setActive('1', false));
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: false, method: 'PATCH', path: '/Users/1' });
  });

  it('times out a server that does not answer, with timedOut set', async () => {
    client = new ScimClient({ baseUrl: server.url, token: TOKEN, timeoutMs: 100 });
    server.reply({ delayMs: 5000, body: {} });
    const started = Date.now();
    const error = await failure(client.ping());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: true, cancelled: false });
    expect(error.message).toContain('timed out after 100 ms');
    expect(isRetryable(error)).toBe(true);
  });

  it('stops when the caller cancels, with cancelled set', async () => {
    server.reply({ delayMs: 5000, body: {} });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.ping({ signal: controller.signal }));
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: false, cancelled: true });
  });

  it('sends nothing when the caller has already cancelled', async () => {
    const error = await failure(client.ping({ signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ cancelled: true });
    expect(server.requests).toHaveLength(0);
  });

  it('makes exactly one attempt per call, even for retryable failures', async () => {
    server.reply({ status: 503 });
    await failure(client.getUser('1'));
    expect(server.requests).toHaveLength(1);
  });
});

describe('isRetryable', () => {
  it('is false for errors that are not the client’s', () => {
    expect(isRetryable(new Error('x'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
    expect(isRetryable(new ScimUnsupportedError('x', { method: 'PATCH', path: '/Users/1' }))).toBe(false);
  });
});
