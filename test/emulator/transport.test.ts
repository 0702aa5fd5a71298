import { request } from 'node:http';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { call, expectScimError, userBody } from './support';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0, tokens: ['first-token', 'second-token'] });
});
afterAll(() => em.close());

/** A raw request without any default header (fetch always adds a User-Agent). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${em.url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('authentication', () => {
  it('answers 401 with a SCIM error and a Bearer challenge when the token is missing', async () => {
    const res = await call(em, 'GET', '/Users', undefined, { authorization: '' });
    expectScimError(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 for a token it does not accept', async () => {
    expectScimError(await call(em, 'GET', '/Users', undefined, { authorization: 'Bearer wrong' }), 401);
  });

  it('answers 401 for a non-Bearer scheme', async () => {
    expectScimError(await call(em, 'GET', '/Users', undefined, { authorization: 'Basic Zmlyc3QtdG9rZW4=' }), 401);
  });

  it('accepts every configured token, and exposes the first one', async () => {
    expect(em.token).toBe('first-token');
    expect((await call(em, 'GET', '/Users', undefined, { authorization: 'Bearer second-token' })).status).toBe(200);
  });

  it('guards the discovery endpoints too', async () => {
    expectScimError(await call(em, 'GET', '/ServiceProviderConfig', undefined, { authorization: '' }), 401);
  });
});

describe('User-Agent', () => {
  it('answers 400 with a SCIM error saying User-Agent is required when the header is absent', async () => {
    const res = await rawGet('/Users', { authorization: 'Bearer first-token' });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { status: string; detail: string };
    expect(body.status).toBe('400');
    expect(body.detail).toMatch(/User-Agent.*required/i);
  });

  it('treats a blank User-Agent as absent', async () => {
    const res = await rawGet('/Users', { authorization: 'Bearer first-token', 'user-agent': '  ' });
    expect(res.status).toBe(400);
  });

  it('serves the request once a User-Agent is present', async () => {
    const res = await rawGet('/Users', { authorization: 'Bearer first-token', 'user-agent': 'curl/8' });
    expect(res.status).toBe(200);
  });
});

describe('media types and errors', () => {
  it('answers with application/scim+json', async () => {
    const res = await call(em, 'GET', '/Users');
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });

  it('accepts request bodies sent as application/json', async () => {
    const res = await call(em, 'POST', '/Users', userBody('json'), { 'content-type': 'application/json' });
    expect(res.status).toBe(201);
  });

  it('accepts application/scim+json with a charset parameter', async () => {
    const res = await call(em, 'POST', '/Users', userBody('charset'), {
      'content-type': 'application/scim+json; charset=utf-8',
    });
    expect(res.status).toBe(201);
  });

  it('answers 400 invalidSyntax for a body that is not JSON', async () => {
    expectScimError(await call(em, 'POST', '/Users', '{"schemas": [', {}), 400, 'invalidSyntax');
  });

  it('answers 415 with a SCIM error for another media type', async () => {
    expectScimError(await call(em, 'POST', '/Users', 'userName=x', { 'content-type': 'text/plain' }), 415);
  });

  it('answers unknown paths with a SCIM 404', async () => {
    expectScimError(await call(em, 'GET', '/Nothing/here'), 404);
  });

  it('answers /Groups with a SCIM 404: Workplace offers no groups here', async () => {
    expectScimError(await call(em, 'GET', '/Groups'), 404);
    expectScimError(await call(em, 'POST', '/Groups', { schemas: [] }), 404);
  });

  it('answers /Bulk and /Me with a SCIM 501', async () => {
    expectScimError(await call(em, 'POST', '/Bulk', { schemas: [] }), 501);
    expectScimError(await call(em, 'GET', '/Me'), 501);
  });
});
