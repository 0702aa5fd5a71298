import { startEmulator, type RunningEmulator } from '../../emulator/server';
import {
  ACCOUNT_STATUS,
  AUTH_METHOD,
  call,
  CORE_USER,
  createUser,
  ENTERPRISE_USER,
  expectScimError,
  START_TERM_DATES,
  userBody,
} from './support';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());
beforeEach(() => em.store.clear());

describe('POST /Users', () => {
  it('creates a user: 201, Location, server-assigned numeric id and meta, active by default', async () => {
    const res = await call(em, 'POST', '/Users', userBody(1, { id: 'client-id', meta: { version: 'W/"99"' } }));
    expect(res.status).toBe(201);
    const user = res.body;
    expect(user.id).toMatch(/^\d+$/);
    expect(user.id).not.toBe('client-id');
    expect(res.headers.get('location')).toBe(`${em.url}/Users/${user.id}`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(user).toMatchObject({
      schemas: expect.arrayContaining([CORE_USER]),
      userName: 'employee1@example.com',
      externalId: 'E1',
      name: { givenName: 'Given1', familyName: 'Family1' },
      active: true,
      meta: { resourceType: 'User', location: `${em.url}/Users/${user.id}`, version: 'W/"1"' },
    });
    expect(Date.parse(user.meta.created)).not.toBeNaN();
    expect(user.meta.lastModified).toBe(user.meta.created);
  });

  it('never reuses an id, even after a deletion', async () => {
    const first = await createUser(em, userBody(1));
    expect((await call(em, 'DELETE', `/Users/${first.id}`)).status).toBe(204);
    const second = await createUser(em, userBody(1));
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
  });

  it('answers 409 uniqueness for a userName that differs only in case', async () => {
    await createUser(em, userBody(1));
    const res = await call(em, 'POST', '/Users', userBody(2, { userName: 'EMPLOYEE1@Example.com' }));
    expectScimError(res, 409, 'uniqueness');
  });

  it('answers 409 uniqueness for a taken externalId', async () => {
    await createUser(em, userBody(1));
    expectScimError(await call(em, 'POST', '/Users', userBody(2, { externalId: 'E1' })), 409, 'uniqueness');
  });

  it('compares externalId case-exactly', async () => {
    await createUser(em, userBody(1));
    expect((await call(em, 'POST', '/Users', userBody(2, { externalId: 'e1' }))).status).toBe(201);
  });

  it('answers 400 invalidValue without a userName', async () => {
    expectScimError(await call(em, 'POST', '/Users', { schemas: [CORE_USER], externalId: 'x' }), 400, 'invalidValue');
  });

  it('answers 400 invalidSyntax when schemas lacks the core User schema', async () => {
    const body = { ...userBody(1), schemas: [ENTERPRISE_USER] };
    expectScimError(await call(em, 'POST', '/Users', body), 400, 'invalidSyntax');
    expectScimError(await call(em, 'POST', '/Users', { userName: 'a@b.c' }), 400, 'invalidSyntax');
  });

  it('answers 400 invalidSyntax for a body that is not an object', async () => {
    expectScimError(await call(em, 'POST', '/Users', [1, 2]), 400, 'invalidSyntax');
  });

  it('answers 400 invalidValue for a value of the wrong type', async () => {
    expectScimError(await call(em, 'POST', '/Users', userBody(1, { active: 5 })), 400, 'invalidValue');
    expectScimError(await call(em, 'POST', '/Users', userBody(1, { emails: 'a@b.c' })), 400, 'invalidValue');
    expectScimError(await call(em, 'POST', '/Users', userBody(1, { name: 'Ann' })), 400, 'invalidValue');
  });

  it('answers 400 invalidValue for two primary e-mails', async () => {
    const emails = [
      { value: 'a@x.com', primary: true },
      { value: 'b@x.com', primary: true },
    ];
    expectScimError(await call(em, 'POST', '/Users', userBody(1, { emails })), 400, 'invalidValue');
  });

  it('matches attribute names case-insensitively and serves them canonically', async () => {
    const user = await createUser(em, { schemas: [CORE_USER], USERNAME: 'ci@example.com', DisplayName: 'Ci' });
    expect(user).toMatchObject({ userName: 'ci@example.com', displayName: 'Ci' });
    expect(user.USERNAME).toBeUndefined();
  });

  it('ignores unknown attributes and never returns the password', async () => {
    const user = await createUser(em, userBody(1, { favouriteColour: 'blue', password: 'hunter2' }));
    expect(user.favouriteColour).toBeUndefined();
    expect(user.password).toBeUndefined();
  });

  it('stores every extension and lists its URN in schemas', async () => {
    const manager = await createUser(em, userBody('m'));
    const user = await createUser(
      em,
      userBody(1, {
        schemas: [CORE_USER, ENTERPRISE_USER, START_TERM_DATES, AUTH_METHOD],
        title: 'Engineer',
        locale: 'en_US',
        preferredLanguage: 'en_US',
        timezone: 'Europe/Paris',
        phoneNumbers: [{ type: 'work', value: '+33 1 23 45 67 89' }],
        addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
        [ENTERPRISE_USER]: {
          employeeNumber: '1',
          department: 'R&D',
          division: 'Tech',
          costCenter: 'CC1',
          organization: 'Acme',
          manager: { managerId: manager.id },
        },
        [START_TERM_DATES]: { startDate: 1767225600, termDate: 0 },
        [AUTH_METHOD]: { authMethod: 'sso' },
      }),
    );
    expect(user.schemas).toEqual([CORE_USER, ENTERPRISE_USER, START_TERM_DATES, ACCOUNT_STATUS, AUTH_METHOD]);
    expect(user[ENTERPRISE_USER]).toEqual({
      employeeNumber: '1',
      department: 'R&D',
      division: 'Tech',
      costCenter: 'CC1',
      organization: 'Acme',
      manager: { managerId: manager.id, value: manager.id, $ref: `${em.url}/Users/${manager.id}` },
    });
    expect(user[START_TERM_DATES]).toEqual({ startDate: 1767225600, termDate: 0 });
    expect(user[AUTH_METHOD]).toEqual({ authMethod: 'sso' });
    expect(user[ACCOUNT_STATUS]).toEqual({ invited: false, claimed: false });
    expect(user).toMatchObject({ title: 'Engineer', timezone: 'Europe/Paris', addresses: [{ locality: 'Paris' }] });
  });

  it("accepts the RFC's manager.value and a numeric managerId as the manager's id", async () => {
    const manager = await createUser(em, userBody('m'));
    const viaValue = await createUser(em, userBody(1, { [ENTERPRISE_USER]: { manager: { value: manager.id } } }));
    const viaNumber = await createUser(
      em,
      userBody(2, { [ENTERPRISE_USER]: { manager: { managerId: Number(manager.id) } } }),
    );
    expect(viaValue[ENTERPRISE_USER].manager.managerId).toBe(manager.id);
    expect(viaNumber[ENTERPRISE_USER].manager.managerId).toBe(manager.id);
  });

  it('answers 400 invalidValue for a manager that is not a user', async () => {
    const body = userBody(1, { [ENTERPRISE_USER]: { manager: { managerId: '999' } } });
    expectScimError(await call(em, 'POST', '/Users', body), 400, 'invalidValue');
  });

  it('accepts start and term dates as ISO strings and serves epoch seconds', async () => {
    const user = await createUser(em, userBody(1, { [START_TERM_DATES]: { startDate: '2026-01-01T00:00:00Z' } }));
    expect(user[START_TERM_DATES]).toEqual({ startDate: 1767225600 });
  });

  it('answers 400 invalidValue for an authMethod other than sso or password', async () => {
    const body = userBody(1, { [AUTH_METHOD]: { authMethod: 'magic' } });
    expectScimError(await call(em, 'POST', '/Users', body), 400, 'invalidValue');
  });

  it('ignores client-sent claim status: only invited is the client’s', async () => {
    const user = await createUser(
      em,
      userBody(1, { [ACCOUNT_STATUS]: { claimed: true, claimDate: 1, claimLink: 'http://evil/claim/x' } }),
    );
    expect(user[ACCOUNT_STATUS]).toEqual({ invited: false, claimed: false });
  });

  it('accepts booleans sent as "True"/"False" strings, as some clients send them', async () => {
    const user = await createUser(em, userBody(1, { active: 'False' }));
    expect(user.active).toBe(false);
  });
});

describe('GET /Users/{id}', () => {
  it('returns the user with its ETag', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'GET', `/Users/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
    expect(res.headers.get('etag')).toBe(created.meta.version);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'GET', `/Users/${created.id}`, undefined, { 'if-none-match': created.meta.version });
    expect(res.status).toBe(304);
  });

  it('answers 404 with a SCIM error for an unknown id', async () => {
    expectScimError(await call(em, 'GET', '/Users/123456'), 404);
    expectScimError(await call(em, 'GET', '/Users/not-a-number'), 404);
  });

  it('returns only the requested attributes, plus id and schemas', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'GET', `/Users/${created.id}?attributes=userName,name.givenName`);
    expect(res.body).toEqual({
      schemas: created.schemas,
      id: created.id,
      userName: created.userName,
      name: { givenName: 'Given1' },
    });
  });

  it('leaves out excludedAttributes but never the id', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'GET', `/Users/${created.id}?excludedAttributes=name,meta,id`);
    expect(res.body.name).toBeUndefined();
    expect(res.body.meta).toBeUndefined();
    expect(res.body.id).toBe(created.id);
    expect(res.body.userName).toBe(created.userName);
  });
});
