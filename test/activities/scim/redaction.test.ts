import { inspect } from 'node:util';
import { ScimClient } from '../../../activities/scim/client';
import { ScimError } from '../../../activities/scim/errors';
import { SCHEMAS } from '../../../activities/scim/schemas';
import { startScimFixtureServer, type FixtureReply, type ScimFixtureServer } from '../../helpers/scim-fixture-server';

const TOKEN = 'tok-9f8e7d6c5b4a-SECRET';

/** Every way the client can show itself or an error: what a log line or a stored failure might hold. */
function renderings(value: unknown): string[] {
  return [
    String(value),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Infinity, showHidden: true }),
    value instanceof Error ? `${value.message}\n${value.stack}` : '',
  ];
}

let server: ScimFixtureServer;
let logged: unknown[];
let client: ScimClient;

beforeEach(async () => {
  server = await startScimFixtureServer();
  logged = [];
  client = new ScimClient({
    baseUrl: server.url,
    token: TOKEN,
    timeoutMs: 200,
    logger: { debug: (message, meta) => logged.push({ message, meta }) },
  });
});

afterEach(async () => {
  await server.close();
});

describe('the access token', () => {
  it('is sent to the server', async () => {
    server.reply({ body: { totalResults: 0 } });
    await client.ping();
    // The guard against a test that passes because the token was never used at all.
    expect(server.lastRequest().headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('does not appear when the client is printed, serialised or inspected', () => {
    for (const text of renderings(client)) expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(client)).toContain(server.url);
  });

  const failures: [string, FixtureReply][] = [
    ['a rejection', { status: 401, body: { schemas: [SCHEMAS.error], status: '401', detail: 'bad token' } }],
    ['a throttle', { status: 429, headers: { 'Retry-After': '1' } }],
    ['an outage', { status: 503, headers: { 'Content-Type': 'text/plain' }, body: 'down' }],
    ['an unexpected response', { headers: { 'Content-Type': 'text/html' }, body: '<html></html>' }],
    ['a reset connection', { destroy: true }],
    ['a timeout', { delayMs: 2000, body: {} }],
  ];

  it.each(failures)('does not appear in %s error, its cause, or the log', async (_what, reply) => {
    server.reply(reply);
    const error = await client.getUser('1').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ScimError);
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    expect(logged.length).toBeGreaterThan(0);
    expect(inspect(logged, { depth: Infinity })).not.toContain(TOKEN);
  });

  it('does not appear in the error for a token that cannot be sent as a header', () => {
    const bad = `${TOKEN}\r\nX-Injected: 1`;
    let thrown: unknown;
    try {
      new ScimClient({ baseUrl: server.url, token: bad });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    for (const text of renderings(thrown)) expect(text).not.toContain(TOKEN);
  });
});
