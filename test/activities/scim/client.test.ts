import { ScimClient } from '../../../activities/scim/client';
import { ScimUnexpectedResponseError, ScimUnsupportedError } from '../../../activities/scim/errors';
import { DEFAULT_USER_AGENT } from '../../../activities/scim/http';
import type { NewDirectoryUser } from '../../../activities/scim/model';
import { SCHEMAS } from '../../../activities/scim/schemas';
import { startScimFixtureServer, type ScimFixtureServer } from '../../helpers/scim-fixture-server';

const TOKEN = 'fixture-token-1234';

function wireUser(id: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [SCHEMAS.user],
    id,
    userName: `user${id}@example.com`,
    externalId: `E-${id}`,
    active: true,
    ...extra,
  };
}

function listResponse(resources: unknown[], totalResults = resources.length, startIndex = 1) {
  return {
    schemas: [SCHEMAS.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

const newUser: NewDirectoryUser = {
  externalId: 'E-1',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
};

let server: ScimFixtureServer;
let client: ScimClient;

beforeEach(async () => {
  server = await startScimFixtureServer();
  client = new ScimClient({ baseUrl: server.url, token: TOKEN });
});

afterEach(async () => {
  await server.close();
});

describe('requests', () => {
  it('sends the bearer token, the default User-Agent and the SCIM media types', async () => {
    server.reply({ status: 201, body: wireUser('1') });
    await client.createUser(newUser);
    const { headers } = server.lastRequest();
    expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^Tenure\/\d+\.\d+\.\d+ \(\+scim\)$/);
    expect(headers['content-type']).toBe('application/scim+json');
    expect(headers.accept).toBe('application/scim+json, application/json');
  });

  it('sends a configured User-Agent', async () => {
    client = new ScimClient({ baseUrl: server.url, token: TOKEN, userAgent: 'Acme-HR/2.0' });
    server.reply({ body: listResponse([]) });
    await client.ping();
    expect(server.lastRequest().headers['user-agent']).toBe('Acme-HR/2.0');
  });

  it('sends no Content-Type on a request without a body', async () => {
    server.reply({ body: wireUser('1') });
    await client.getUser('1');
    expect(server.lastRequest().headers['content-type']).toBeUndefined();
  });

  it.each(['', '/', '//'])('puts Users directly under the base URL, with trailing slashes %j or not', async (tail) => {
    client = new ScimClient({ baseUrl: `${server.url}/scim/v2${tail}`, token: TOKEN });
    server.reply({ body: wireUser('1') });
    await client.getUser('1');
    expect(server.lastRequest().url).toBe('/scim/v2/Users/1');
  });

  it.each(['ftp://scim.example.com', 'scim.example.com', 'https://scim.example.com/?tenant=1'])(
    'refuses the base URL %s',
    (baseUrl) => {
      expect(() => new ScimClient({ baseUrl, token: TOKEN })).toThrow(TypeError);
    },
  );

  it('refuses a timeout setTimeout cannot keep', () => {
    expect(() => new ScimClient({ baseUrl: server.url, token: TOKEN, timeoutMs: 2 ** 31 })).toThrow(TypeError);
    expect(() => new ScimClient({ baseUrl: server.url, token: TOKEN, timeoutMs: 0 })).toThrow(TypeError);
  });

  it('percent-encodes the user id in the path', async () => {
    server.reply({ body: wireUser('a/b c') });
    await client.getUser('a/b c');
    expect(server.lastRequest().url).toBe('/Users/a%2Fb%20c');
  });

  it('sends If-Match when a version is given', async () => {
    server.reply({ status: 204 });
    await client.deleteUser('1', { ifMatch: 'W/"3"' });
    expect(server.lastRequest().headers['if-match']).toBe('W/"3"');
  });

  it('accepts application/json responses as well as application/scim+json', async () => {
    server.reply({
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(wireUser('1')),
    });
    await expect(client.getUser('1')).resolves.toMatchObject({ id: '1' });
  });
});

describe('finding users', () => {
  it('filters on externalId with the value quoted, escaped and percent-encoded', async () => {
    server.reply({ body: listResponse([wireUser('1', { externalId: 'E "1" \\ x' })]) });
    const user = await client.findByExternalId('E "1" \\ x');
    expect(user?.id).toBe('1');
    const request = server.lastRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/Users');
    expect(request.query.get('filter')).toBe('externalId eq "E \\"1\\" \\\\ x"');
    // Spaces as %20, not the form encoding's "+", which not every server decodes.
    expect(request.url).toBe('/Users?filter=externalId%20eq%20%22E%20%5C%221%5C%22%20%5C%5C%20x%22');
  });

  it('finds by userName, which RFC 7643 compares case-insensitively', async () => {
    server.reply({ body: listResponse([wireUser('2', { userName: 'Ada@Example.com' })]) });
    const user = await client.findByUserName('ada@example.com');
    expect(user?.id).toBe('2');
    expect(server.lastRequest().query.get('filter')).toBe('userName eq "ada@example.com"');
  });

  it('answers undefined when nothing matches, whether Resources is empty or left out', async () => {
    server.reply({ body: listResponse([]) });
    await expect(client.findByExternalId('E-404')).resolves.toBeUndefined();
    server.reply({ body: { schemas: [SCHEMAS.listResponse], totalResults: 0 } });
    await expect(client.findByExternalId('E-404')).resolves.toBeUndefined();
  });

  it('does not hand back another user when the server ignores the filter', async () => {
    server.reply({ body: listResponse([wireUser('1'), wireUser('2')]) });
    await expect(client.findByExternalId('E-3')).resolves.toBeUndefined();
    await expect(client.findByExternalId('E-2')).resolves.toMatchObject({ id: '2' });
  });

  it('compares externalId case-exactly', async () => {
    server.reply({ body: listResponse([wireUser('1', { externalId: 'e-1' })]) });
    await expect(client.findByExternalId('E-1')).resolves.toBeUndefined();
  });

  it('fails when two users share the externalId', async () => {
    server.reply({ body: listResponse([wireUser('1'), wireUser('9', { externalId: 'E-1' })]) });
    await expect(client.findByExternalId('E-1')).rejects.toBeInstanceOf(ScimUnexpectedResponseError);
  });

  it('fails on a list response without totalResults', async () => {
    server.reply({ body: { Resources: [wireUser('1')] } });
    await expect(client.findByExternalId('E-1')).rejects.toBeInstanceOf(ScimUnexpectedResponseError);
  });
});

describe('reading and writing users', () => {
  it('gets a user by id', async () => {
    server.reply({ body: wireUser('7', { name: { givenName: 'Ada' } }) });
    const user = await client.getUser('7');
    expect(user).toMatchObject({ id: '7', userName: 'user7@example.com', name: { givenName: 'Ada' } });
    expect(server.lastRequest()).toMatchObject({ method: 'GET', path: '/Users/7' });
  });

  it('creates a user with a POST of the profile resource and reads back the 201 body', async () => {
    server.reply({ status: 201, body: wireUser('11', { userName: 'ada@example.com', externalId: 'E-1' }) });
    const created = await client.createUser({ ...newUser, invited: true });
    expect(created).toMatchObject({ id: '11', userName: 'ada@example.com' });
    const request = server.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/Users' });
    expect(JSON.parse(request.body)).toEqual({
      schemas: [SCHEMAS.user, SCHEMAS.workplaceAccountStatus],
      externalId: 'E-1',
      userName: 'ada@example.com',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      [SCHEMAS.workplaceAccountStatus]: { invited: true },
    });
  });

  it('replaces a user with a PUT', async () => {
    server.reply({ body: wireUser('11', { title: 'CTO' }) });
    const replaced = await client.replaceUser('11', { ...newUser, title: 'CTO' });
    expect(replaced.title).toBe('CTO');
    const request = server.lastRequest();
    expect(request).toMatchObject({ method: 'PUT', path: '/Users/11' });
    expect(JSON.parse(request.body)).toMatchObject({ userName: 'ada@example.com', title: 'CTO' });
  });

  it('patches with a PatchOp body and reads the returned user', async () => {
    server.reply({ body: wireUser('11', { displayName: 'Ada L.' }) });
    const operations = [{ op: 'replace' as const, path: 'displayName', value: 'Ada L.' }];
    const patched = await client.patchUser('11', operations);
    expect(patched?.displayName).toBe('Ada L.');
    expect(server.lastRequest()).toMatchObject({ method: 'PATCH', path: '/Users/11' });
    expect(JSON.parse(server.lastRequest().body)).toEqual({ schemas: [SCHEMAS.patchOp], Operations: operations });
  });

  it('answers undefined for a PATCH answered 204 No Content', async () => {
    server.reply({ status: 204 });
    await expect(client.patchUser('11', [{ op: 'remove', path: 'title' }])).resolves.toBeUndefined();
  });

  it('deactivates with a PATCH replace of active on its full URN path (workplace)', async () => {
    server.reply({ body: wireUser('11', { active: false }) });
    await expect(client.setActive('11', false)).resolves.toMatchObject({ active: false });
    expect(JSON.parse(server.lastRequest().body)).toEqual({
      schemas: [SCHEMAS.patchOp],
      Operations: [{ op: 'replace', path: `${SCHEMAS.user}:active`, value: false }],
    });
  });

  it('reactivates with a PATCH replace of the short active path (scim2)', async () => {
    client = new ScimClient({ baseUrl: server.url, token: TOKEN, profile: 'scim2' });
    server.reply({ status: 204 });
    await client.setActive('11', true);
    expect(JSON.parse(server.lastRequest().body)).toMatchObject({
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
  });

  it('invites with a PATCH replace of accountstatusdetails.invited (workplace)', async () => {
    server.reply({ body: wireUser('11') });
    await client.inviteUser('11');
    expect(JSON.parse(server.lastRequest().body)).toMatchObject({
      Operations: [{ op: 'replace', path: `${SCHEMAS.workplaceAccountStatus}:invited`, value: true }],
    });
  });

  it('refuses to invite through the scim2 profile without sending anything', async () => {
    client = new ScimClient({ baseUrl: server.url, token: TOKEN, profile: 'scim2' });
    expect(client.capabilities.accountStatus).toBe(false);
    await expect(client.inviteUser('11')).rejects.toBeInstanceOf(ScimUnsupportedError);
    await expect(client.createUser({ ...newUser, invited: true })).rejects.toBeInstanceOf(ScimUnsupportedError);
    expect(server.requests).toHaveLength(0);
  });

  it('deletes a user', async () => {
    server.reply({ status: 204 });
    await expect(client.deleteUser('11')).resolves.toBeUndefined();
    expect(server.lastRequest()).toMatchObject({ method: 'DELETE', path: '/Users/11' });
  });

  it('fails when a create answers without the created resource', async () => {
    server.reply({ status: 201 });
    await expect(client.createUser(newUser)).rejects.toBeInstanceOf(ScimUnexpectedResponseError);
  });
});

describe('listing users', () => {
  it('asks one page with a 1-based startIndex and count', async () => {
    server.reply({ body: listResponse([wireUser('1'), wireUser('2')], 5, 1) });
    const page = await client.listUsers({ count: 2 });
    expect(page).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 });
    expect(page.resources.map((user) => user.id)).toEqual(['1', '2']);
    expect(server.lastRequest().url).toBe('/Users?startIndex=1&count=2');
  });

  it('pages through every user until totalResults, advancing by what each page held', async () => {
    const all = Array.from({ length: 7 }, (_, i) => wireUser(String(i + 1)));
    // A server that returns at most 2 users a page, whatever count asks for.
    server.reply((request) => {
      const start = Number(request.query.get('startIndex'));
      return { body: listResponse(all.slice(start - 1, start + 1), all.length, start) };
    });
    const ids: string[] = [];
    for await (const user of client.listAllUsers({ pageSize: 3 })) ids.push(user.id);
    expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(server.requests.map((request) => request.query.get('startIndex'))).toEqual(['1', '3', '5', '7']);
    expect(server.requests.every((request) => request.query.get('count') === '3')).toBe(true);
  });

  it('stops at an empty page even if totalResults says there are more', async () => {
    server.reply((request) =>
      request.query.get('startIndex') === '1'
        ? { body: listResponse([wireUser('1')], 1000) }
        : { body: listResponse([], 1000) },
    );
    const ids: string[] = [];
    for await (const user of client.listAllUsers()) ids.push(user.id);
    expect(ids).toEqual(['1']);
    expect(server.requests).toHaveLength(2);
  });

  it('makes one request for an empty directory', async () => {
    server.reply({ body: { schemas: [SCHEMAS.listResponse], totalResults: 0, Resources: [] } });
    const ids: string[] = [];
    for await (const user of client.listAllUsers()) ids.push(user.id);
    expect(ids).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('pings with the cheapest authenticated call', async () => {
    server.reply({ body: listResponse([wireUser('1')], 40) });
    await client.ping();
    expect(server.lastRequest()).toMatchObject({ method: 'GET', url: '/Users?count=1' });
  });
});
