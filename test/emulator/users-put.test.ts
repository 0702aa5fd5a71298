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

const fullUser = (n: number) =>
  userBody(n, {
    title: 'Engineer',
    emails: [{ type: 'work', value: `employee${n}@example.com`, primary: true }],
    [ENTERPRISE_USER]: { department: 'R&D' },
    [START_TERM_DATES]: { startDate: 1767225600 },
    [AUTH_METHOD]: { authMethod: 'password' },
  });

describe('PUT /Users/{id}', () => {
  it('replaces the user: 200, a new version, and the attributes sent', async () => {
    const created = await createUser(em, fullUser(1));
    const res = await call(em, 'PUT', `/Users/${created.id}`, userBody(1, { title: 'Manager' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, title: 'Manager', meta: { version: 'W/"2"' } });
    expect(res.headers.get('etag')).toBe('W/"2"');
    expect(res.body.meta.created).toBe(created.meta.created);
  });

  it("deactivates from Meta's partial body (schemas + active), clearing omitted profile attributes but keeping userName and the Workplace extensions", async () => {
    const created = await createUser(em, fullUser(1));
    const res = await call(em, 'PUT', `/Users/${created.id}`, { schemas: [CORE_USER], active: false });
    expect(res.status).toBe(200);
    const user = res.body;
    expect(user).toMatchObject({ id: created.id, userName: created.userName, active: false });
    expect(user[START_TERM_DATES]).toEqual({ startDate: 1767225600 });
    expect(user[AUTH_METHOD]).toEqual({ authMethod: 'password' });
    // RFC 7644 §3.5.1: whatever else was omitted is cleared.
    for (const cleared of ['title', 'emails', 'name', 'externalId', ENTERPRISE_USER])
      expect(user[cleared]).toBeUndefined();
  });

  it('keeps active as it was when a PUT omits it', async () => {
    const created = await createUser(em, fullUser(1));
    await call(em, 'PUT', `/Users/${created.id}`, { schemas: [CORE_USER], active: false });
    const res = await call(em, 'PUT', `/Users/${created.id}`, userBody(1));
    expect(res.body.active).toBe(false);
  });

  it('reactivates with active: true', async () => {
    const created = await createUser(em, userBody(1, { active: false }));
    expect((await call(em, 'PUT', `/Users/${created.id}`, { schemas: [CORE_USER], active: true })).body.active).toBe(
      true,
    );
  });

  it('clears a Workplace extension that is sent empty', async () => {
    const created = await createUser(em, fullUser(1));
    const res = await call(em, 'PUT', `/Users/${created.id}`, { ...userBody(1), [START_TERM_DATES]: {} });
    expect(res.body[START_TERM_DATES]).toBeUndefined();
    expect(res.body.schemas).not.toContain(START_TERM_DATES);
  });

  it('ignores read-only attributes in the body', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'PUT', `/Users/${created.id}`, {
      ...userBody(1),
      id: '1',
      meta: { created: '2000-01-01T00:00:00Z' },
      [ACCOUNT_STATUS]: { claimed: true },
    });
    expect(res.body).toMatchObject({ id: created.id, meta: { created: created.meta.created } });
    expect(res.body[ACCOUNT_STATUS].claimed).toBe(false);
  });

  it('answers 409 uniqueness when the new userName or externalId belongs to another user', async () => {
    await createUser(em, userBody(1));
    const other = await createUser(em, userBody(2));
    expectScimError(
      await call(em, 'PUT', `/Users/${other.id}`, userBody(2, { userName: 'Employee1@example.com' })),
      409,
      'uniqueness',
    );
    expectScimError(await call(em, 'PUT', `/Users/${other.id}`, userBody(2, { externalId: 'E1' })), 409, 'uniqueness');
  });

  it('lets a user keep its own userName in another case', async () => {
    const created = await createUser(em, userBody(1));
    const res = await call(em, 'PUT', `/Users/${created.id}`, userBody(1, { userName: 'EMPLOYEE1@example.com' }));
    expect(res.body.userName).toBe('EMPLOYEE1@example.com');
  });

  it('answers 404 for an unknown user and 400 for a body without the core schema', async () => {
    expectScimError(await call(em, 'PUT', '/Users/42', userBody(1)), 404);
    const created = await createUser(em, userBody(1));
    expectScimError(await call(em, 'PUT', `/Users/${created.id}`, { active: false }), 400, 'invalidSyntax');
  });

  it('honours If-Match: 412 on a stale version, 200 on the current one', async () => {
    const created = await createUser(em, userBody(1));
    expectScimError(await call(em, 'PUT', `/Users/${created.id}`, userBody(1), { 'if-match': 'W/"7"' }), 412);
    const res = await call(em, 'PUT', `/Users/${created.id}`, userBody(1), { 'if-match': created.meta.version });
    expect(res.status).toBe(200);
  });

  it('invites on invited: true, and an invitation cannot be withdrawn', async () => {
    const created = await createUser(em, userBody(1));
    const invited = await call(em, 'PUT', `/Users/${created.id}`, {
      ...userBody(1),
      [ACCOUNT_STATUS]: { invited: true },
    });
    expect(invited.body[ACCOUNT_STATUS]).toMatchObject({
      invited: true,
      claimed: false,
      claimLink: expect.any(String),
    });
    const again = await call(em, 'PUT', `/Users/${created.id}`, {
      ...userBody(1),
      [ACCOUNT_STATUS]: { invited: false },
    });
    expect(again.body[ACCOUNT_STATUS]).toEqual(invited.body[ACCOUNT_STATUS]);
  });

  it('changes the manager and rejects one that does not exist', async () => {
    const m1 = await createUser(em, userBody('m1'));
    const user = await createUser(em, userBody(1, { [ENTERPRISE_USER]: { manager: { managerId: m1.id } } }));
    const m2 = await createUser(em, userBody('m2'));
    const res = await call(
      em,
      'PUT',
      `/Users/${user.id}`,
      userBody(1, { [ENTERPRISE_USER]: { manager: { value: m2.id } } }),
    );
    expect(res.body[ENTERPRISE_USER].manager.managerId).toBe(m2.id);
    const bad = userBody(1, { [ENTERPRISE_USER]: { manager: { managerId: '12345' } } });
    expectScimError(await call(em, 'PUT', `/Users/${user.id}`, bad), 400, 'invalidValue');
  });
});

it('keeps accepting changes to a user whose manager has since been deleted', async () => {
  em.store.clear();
  const manager = await createUser(em, userBody('m'));
  const user = await createUser(em, userBody(1, { [ENTERPRISE_USER]: { manager: { managerId: manager.id } } }));
  expect((await call(em, 'DELETE', `/Users/${manager.id}`)).status).toBe(204);
  const res = await call(em, 'PATCH', `/Users/${user.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'title', value: 'Lead' }],
  });
  expect(res.status).toBe(200);
  expect(res.body[ENTERPRISE_USER].manager.managerId).toBe(manager.id);
});
