import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { employeeOwner } from '../../codec';
import { freePort } from '../../scripts/lib/free-port';
import { testCodec, type TestCodec } from '../helpers/test-codec';
import { startApi, TOKENS, type RunningApi } from './support';

const UI = 'http://localhost:8233';
const json = (value: unknown) => {
  const payload = defaultPayloadConverter.toPayload(value);
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload.data!).toString('base64'),
  };
};
const valueOf = (payload: { metadata: Record<string, string>; data: string }) =>
  defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(payload.data, 'base64'),
  });

let codec: TestCodec;
let connection: Connection;
let api: RunningApi;
let devApi: RunningApi;

/** Ada's name, encrypted as the worker encrypts an employee's payload. */
async function encryptedFor(employeeId: string, value: unknown) {
  const [payload] = await codec.codec.encode([defaultPayloadConverter.toPayload(value)], {
    type: 'workflow',
    namespace: 'default',
    workflowId: `employee-${employeeId}`,
  });
  return {
    metadata: Object.fromEntries(
      Object.entries(payload!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload!.data!).toString('base64'),
  };
}

beforeAll(async () => {
  codec = await testCodec();
  // The codec needs no Temporal server: a client of a port where nothing listens.
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const client = new Client({ connection });
  api = await startApi(client, { env: { API_CODEC_ORIGINS: UI } });
  devApi = await startApi(client, { env: { API_TOKENS: '', API_CODEC_ORIGINS: UI } });
});

afterAll(async () => {
  await api?.close();
  await devApi?.close();
  await connection?.close();
});

const decode = (body: unknown, as: Parameters<RunningApi['call']>[2] = {}) =>
  api.call<{ payloads: { metadata: Record<string, string>; data: string }[] }>('POST', '/codec/decode', {
    body,
    ...as,
  });

describe('the codec server', () => {
  it("decodes an employee's payloads for an operator token, in the UI's protocol", async () => {
    const payload = await encryptedFor('C1', { givenName: 'Ada', familyName: 'Lovelace' });
    const reply = await decode({ payloads: [payload, json('plain stays plain')] }, { as: 'operator' });
    expect(reply.status).toBe(200);
    expect(reply.body.payloads.map(valueOf)).toEqual([
      { givenName: 'Ada', familyName: 'Lovelace' },
      'plain stays plain',
    ]);
  });

  it('refuses other roles (403) and callers without credentials (401)', async () => {
    const payload = await encryptedFor('C2', 'Grace');
    expect((await decode({ payloads: [payload] }, { as: 'hr' })).status).toBe(403);
    expect((await decode({ payloads: [payload] }, { as: 'manager' })).status).toBe(403);
    expect((await decode({ payloads: [payload] }, { as: 'none' })).status).toBe(401);
    expect((await decode({ payloads: [payload] }, { as: 'bad' })).status).toBe(401);
  });

  it('gives an operator a session cookie at /codec/session that the UI can send instead of a token', async () => {
    const session = await api.call('POST', '/codec/session', { as: 'none', body: { token: TOKENS.operator } });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tenure_codec=[^;]+; Path=\/codec; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKENS.operator);
    const payload = await encryptedFor('C3', 'Katherine');
    const reply = await decode({ payloads: [payload] }, { as: 'none', headers: { cookie: cookie.split(';')[0]! } });
    expect(reply.body.payloads.map(valueOf)).toEqual(['Katherine']);
  });

  it('opens no session for another role, an unknown token, or a forged cookie', async () => {
    expect((await api.call('POST', '/codec/session', { as: 'none', body: { token: TOKENS.hr } })).status).toBe(403);
    expect((await api.call('POST', '/codec/session', { as: 'none', body: { token: 'x'.repeat(40) } })).status).toBe(
      401,
    );
    const forged = `tenure_codec=1.${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`;
    expect((await decode({ payloads: [] }, { as: 'none', headers: { cookie: forged } })).status).toBe(401);
  });

  it('answers CORS preflights and answers for the UI origin only, with credentials allowed', async () => {
    const preflight = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-namespace');
    const other = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await decode(
      { payloads: [] },
      { as: 'operator', headers: { origin: UI, 'x-namespace': 'default' } },
    );
    expect(answer.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('answers the erased placeholder for an erased employee, and a later payload of a rehire normally', async () => {
    const before = await encryptedFor('C4', { email: 'c4@example.com' });
    await codec.keys.erase(employeeOwner('C4'));
    const after = await encryptedFor('C4', { email: 'c4-rehired@example.com' });
    const reply = await decode({ payloads: [before, after] }, { as: 'operator' });
    expect(reply.body.payloads.map(valueOf)).toEqual([
      expect.objectContaining({ erased: true, keyId: 'employee:C4#1' }),
      { email: 'c4-rehired@example.com' },
    ]);
    expect(JSON.stringify(reply.body)).not.toContain(Buffer.from('c4@example.com').toString('base64'));
  });

  it('returns payloads of keys it never had unchanged, and refuses tampered ones with a 400 naming the payload', async () => {
    const payload = await encryptedFor('C5', 'x');
    const foreign = {
      ...payload,
      metadata: { ...payload.metadata, 'encryption-key-id': Buffer.from('employee:ELSEWHERE#1').toString('base64') },
    };
    expect((await decode({ payloads: [foreign] }, { as: 'operator' })).body.payloads).toEqual([foreign]);
    const tampered = {
      ...payload,
      data: Buffer.from(Buffer.from(payload.data, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))).toString('base64'),
    };
    const reply = await decode({ payloads: [json('ok'), tampered] }, { as: 'operator' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        details: [
          { path: 'body.payloads.1', message: expect.stringMatching(/does not decrypt under data key employee:C5#1/) },
        ],
      },
    });
  });

  it('rejects a body that is not the Payloads message with a 400', async () => {
    expect((await decode({ payloads: [{ data: 'not base64!' }] }, { as: 'operator' })).status).toBe(400);
    expect((await decode({ nothing: true }, { as: 'operator' })).status).toBe(400);
  });

  it('encodes under the fleet key (the UI names no workflow), and decodes it back', async () => {
    const encoded = await api.call<{ payloads: { metadata: Record<string, string>; data: string }[] }>(
      'POST',
      '/codec/encode',
      {
        as: 'operator',
        body: { payloads: [json({ note: 'from the UI' })] },
      },
    );
    expect(Buffer.from(encoded.body.payloads[0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe('fleet#1');
    expect((await decode({ payloads: encoded.body.payloads }, { as: 'operator' })).body.payloads.map(valueOf)).toEqual([
      { note: 'from the UI' },
    ]);
  });

  it('with the development tokens (npm start), decodes for the UI without credentials', async () => {
    const payload = await encryptedFor('C6', 'Edsger');
    const reply = await devApi.call<{ payloads: { metadata: Record<string, string>; data: string }[] }>(
      'POST',
      '/codec/decode',
      { as: 'none', body: { payloads: [payload] } },
    );
    expect(reply.body.payloads.map(valueOf)).toEqual(['Edsger']);
  });

  it('serves the sign-in page', async () => {
    const page = await fetch(`${api.url}/codec/login`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Operator token');
  });
});
