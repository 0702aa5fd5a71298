import { startEmulator, type RunningEmulator } from '../../emulator/server';
import {
  ACCOUNT_STATUS,
  AUTH_METHOD,
  call,
  CORE_USER,
  ENTERPRISE_USER,
  expectScimError,
  LIST_RESPONSE,
  START_TERM_DATES,
} from './support';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());

describe('GET /ServiceProviderConfig', () => {
  it('advertises what the emulator implements: patch, filter with maxResults, etag; no bulk, sort or password change', async () => {
    const res = await call(em, 'GET', '/ServiceProviderConfig');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
  });

  it('answers 403 to a filter, as RFC 7644 §4 says', async () => {
    expectScimError(await call(em, 'GET', '/ServiceProviderConfig?filter=x%20eq%20%22y%22'), 403);
  });
});

describe('GET /ResourceTypes', () => {
  it('lists the User resource type with its four extensions', async () => {
    const res = await call(em, 'GET', '/ResourceTypes');
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1 });
    const [user] = res.body.Resources;
    expect(user).toMatchObject({ id: 'User', name: 'User', endpoint: '/Users', schema: CORE_USER });
    expect(user.schemaExtensions.map((e: { schema: string }) => e.schema)).toEqual([
      ENTERPRISE_USER,
      START_TERM_DATES,
      ACCOUNT_STATUS,
      AUTH_METHOD,
    ]);
    expect((await call(em, 'GET', '/ResourceTypes/User')).body).toEqual(user);
    expectScimError(await call(em, 'GET', '/ResourceTypes/Group'), 404);
  });
});

describe('GET /Schemas', () => {
  it('serves the core and extension schemas, with mutability matching what the server enforces', async () => {
    const res = await call(em, 'GET', '/Schemas');
    expect(res.body.Resources.map((s: { id: string }) => s.id)).toEqual([
      CORE_USER,
      ENTERPRISE_USER,
      START_TERM_DATES,
      ACCOUNT_STATUS,
      AUTH_METHOD,
    ]);
    const status = (await call(em, 'GET', `/Schemas/${ACCOUNT_STATUS}`)).body;
    const mutability = Object.fromEntries(
      status.attributes.map((a: { name: string; mutability: string }) => [a.name, a.mutability]),
    );
    expect(mutability).toEqual({
      invited: 'readWrite',
      inviteDate: 'readOnly',
      claimed: 'readOnly',
      claimDate: 'readOnly',
      claimLink: 'readOnly',
      accessCode: 'readOnly',
    });
    const core = (await call(em, 'GET', `/Schemas/${CORE_USER}`)).body;
    expect(core.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({
      required: true,
      uniqueness: 'server',
      caseExact: false,
    });
    expectScimError(await call(em, 'GET', '/Schemas/urn:nope'), 404);
  });
});
