import { startEmulator, type RunningEmulator } from '../../emulator/server';
import {
  ACCOUNT_STATUS,
  call,
  createUser,
  ENTERPRISE_USER,
  expectScimError,
  patchOp,
  START_TERM_DATES,
  userBody,
} from './support';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());
beforeEach(() => em.store.clear());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let user: any;
beforeEach(async () => {
  user = await createUser(
    em,
    userBody(1, {
      title: 'Engineer',
      emails: [
        { type: 'work', value: 'work@example.com', primary: true },
        { type: 'home', value: 'home@example.com' },
      ],
      [ENTERPRISE_USER]: { department: 'R&D', costCenter: 'CC1' },
    }),
  );
});

const patch = (...ops: unknown[]) => call(em, 'PATCH', `/Users/${user.id}`, patchOp(...ops));

describe('PATCH replace', () => {
  it('replaces a simple attribute by path and returns 200 with the resource and a new version', async () => {
    const res = await patch({ op: 'replace', path: 'title', value: 'Manager' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, title: 'Manager', meta: { version: 'W/"2"' } });
  });

  it('deactivates with replace active=false (Workplace documented) and reactivates', async () => {
    expect((await patch({ op: 'replace', path: 'active', value: false })).body.active).toBe(false);
    expect((await call(em, 'GET', `/Users/${user.id}`)).body.active).toBe(false);
    expect((await patch({ op: 'Replace', path: 'active', value: 'True' })).body.active).toBe(true);
  });

  it('replaces an extension attribute addressed by its full URN path', async () => {
    const res = await patch({ op: 'replace', path: `${ENTERPRISE_USER}:department`, value: 'Sales' });
    expect(res.body[ENTERPRISE_USER]).toEqual({ department: 'Sales', costCenter: 'CC1' });
  });

  it('replaces without a path, merging a complex attribute and an extension keyed by its URN', async () => {
    const res = await patch({
      op: 'replace',
      value: { name: { givenName: 'Ann' }, [ENTERPRISE_USER]: { department: 'Sales' }, displayName: 'Ann F' },
    });
    expect(res.body.name).toEqual({ givenName: 'Ann', familyName: 'Family1' });
    expect(res.body[ENTERPRISE_USER]).toEqual({ department: 'Sales', costCenter: 'CC1' });
    expect(res.body.displayName).toBe('Ann F');
  });

  it('accepts path-style keys in a path-less value', async () => {
    const res = await patch({
      op: 'replace',
      value: { 'name.familyName': 'Smith', [`${ENTERPRISE_USER}:costCenter`]: 'CC9' },
    });
    expect(res.body.name.familyName).toBe('Smith');
    expect(res.body[ENTERPRISE_USER].costCenter).toBe('CC9');
  });

  it('replaces the sub-attribute of the values a value filter selects', async () => {
    const res = await patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' });
    expect(res.body.emails).toEqual([
      { type: 'work', value: 'new@example.com', primary: true },
      { type: 'home', value: 'home@example.com' },
    ]);
  });

  it('compares value-filter strings case-insensitively and handles colons in the compared value', async () => {
    await patch({ op: 'add', path: 'emails', value: [{ type: 'other', value: 'urn:x:y' }] });
    const res = await patch(
      { op: 'replace', path: 'emails[TYPE eq "WORK"].display', value: 'Work' },
      { op: 'replace', path: 'emails[value eq "urn:x:y"].type', value: 'home' },
    );
    expect(res.body.emails[0]).toMatchObject({ type: 'work', display: 'Work' });
    expect(res.body.emails[2]).toEqual({ type: 'home', value: 'urn:x:y' });
  });

  it('replaces a whole multi-valued attribute', async () => {
    const res = await patch({ op: 'replace', path: 'emails', value: [{ type: 'work', value: 'only@example.com' }] });
    expect(res.body.emails).toEqual([{ type: 'work', value: 'only@example.com' }]);
  });

  it('answers 400 noTarget when a replace filter matches nothing', async () => {
    expectScimError(await patch({ op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' }), 400, 'noTarget');
  });

  it('changes the manager through managerId or value', async () => {
    const manager = await createUser(em, userBody('m'));
    const viaValue = await patch({ op: 'replace', path: `${ENTERPRISE_USER}:manager.value`, value: manager.id });
    expect(viaValue.body[ENTERPRISE_USER].manager.managerId).toBe(manager.id);
    const other = await createUser(em, userBody('o'));
    const viaKey = await patch({ op: 'replace', path: `${ENTERPRISE_USER}:manager`, value: { managerId: other.id } });
    expect(viaKey.body[ENTERPRISE_USER].manager).toMatchObject({ managerId: other.id, value: other.id });
    expectScimError(
      await patch({ op: 'replace', path: `${ENTERPRISE_USER}:manager`, value: { managerId: '1' } }),
      400,
      'invalidValue',
    );
  });
});

describe('PATCH add', () => {
  it('appends to a multi-valued attribute without duplicating values', async () => {
    const phone = { type: 'mobile', value: '+1 555 0100' };
    await patch({ op: 'add', path: 'phoneNumbers', value: [phone] });
    const res = await patch({
      op: 'add',
      path: 'phoneNumbers',
      value: [phone, { type: 'work', value: '+1 555 0101' }],
    });
    expect(res.body.phoneNumbers).toEqual([phone, { type: 'work', value: '+1 555 0101' }]);
  });

  it('makes an added primary value the only primary one', async () => {
    const res = await patch({
      op: 'add',
      path: 'emails',
      value: [{ type: 'other', value: 'p@example.com', primary: true }],
    });
    expect(res.body.emails.filter((e: { primary?: boolean }) => e.primary)).toEqual([
      { type: 'other', value: 'p@example.com', primary: true },
    ]);
  });

  it('creates the value a filter describes when an add matches nothing', async () => {
    const res = await patch({ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0199' });
    expect(res.body.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0199' }]);
  });

  it('adds without a path, including a Workplace extension block', async () => {
    const res = await patch({ op: 'add', value: { nickName: 'Annie', [START_TERM_DATES]: { startDate: 1767225600 } } });
    expect(res.body.nickName).toBe('Annie');
    expect(res.body[START_TERM_DATES]).toEqual({ startDate: 1767225600 });
    expect(res.body.schemas).toContain(START_TERM_DATES);
  });

  it('invites through the account-status extension', async () => {
    const res = await patch({ op: 'add', path: `${ACCOUNT_STATUS}:invited`, value: true });
    expect(res.body[ACCOUNT_STATUS]).toMatchObject({ invited: true, claimed: false, inviteDate: expect.any(Number) });
    expect(res.body[ACCOUNT_STATUS].claimLink).toMatch(new RegExp(`^${em.url}/claim/`));
  });
});

describe('PATCH remove', () => {
  it('removes a simple attribute', async () => {
    const res = await patch({ op: 'remove', path: 'title' });
    expect(res.body.title).toBeUndefined();
  });

  it('removes an extension attribute, and the whole extension by its URN', async () => {
    const one = await patch({ op: 'remove', path: `${ENTERPRISE_USER}:department` });
    expect(one.body[ENTERPRISE_USER]).toEqual({ costCenter: 'CC1' });
    const all = await patch({ op: 'remove', path: ENTERPRISE_USER });
    expect(all.body[ENTERPRISE_USER]).toBeUndefined();
    expect(all.body.schemas).not.toContain(ENTERPRISE_USER);
  });

  it('removes the values a filter selects, and the attribute with the last one', async () => {
    const one = await patch({ op: 'remove', path: 'emails[type eq "home"]' });
    expect(one.body.emails).toEqual([{ type: 'work', value: 'work@example.com', primary: true }]);
    const none = await patch({ op: 'remove', path: 'emails[type eq "work"]' });
    expect(none.body.emails).toBeUndefined();
  });

  it('removes a sub-attribute', async () => {
    const res = await patch({ op: 'remove', path: 'name.givenName' });
    expect(res.body.name).toEqual({ familyName: 'Family1' });
  });

  it('answers 400 noTarget for a remove without a path', async () => {
    expectScimError(await patch({ op: 'remove' }), 400, 'noTarget');
  });

  it('answers 400 mutability when removing the required userName', async () => {
    expectScimError(await patch({ op: 'remove', path: 'userName' }), 400, 'mutability');
  });
});

describe('PATCH errors', () => {
  it('answers 400 mutability for read-only attributes', async () => {
    expectScimError(await patch({ op: 'replace', path: 'id', value: '1' }), 400, 'mutability');
    expectScimError(await patch({ op: 'replace', path: `${ACCOUNT_STATUS}:claimed`, value: true }), 400, 'mutability');
    expectScimError(
      await patch({ op: 'replace', path: 'meta.created', value: '2000-01-01T00:00:00Z' }),
      400,
      'mutability',
    );
  });

  it('answers 400 invalidPath for an unknown attribute or sub-attribute, or a filter on a single value', async () => {
    expectScimError(await patch({ op: 'replace', path: 'favouriteColour', value: 'x' }), 400, 'invalidPath');
    expectScimError(await patch({ op: 'replace', path: 'name.nickname', value: 'x' }), 400, 'invalidPath');
    expectScimError(await patch({ op: 'replace', path: 'title[value eq "x"]', value: 'x' }), 400, 'invalidPath');
  });

  it('answers 400 invalidFilter for a malformed value filter', async () => {
    expectScimError(await patch({ op: 'replace', path: 'emails[type eq].value', value: 'x' }), 400, 'invalidFilter');
  });

  it('answers 400 invalidValue for a value of the wrong type, and changes nothing', async () => {
    expectScimError(await patch({ op: 'replace', path: 'active', value: 'maybe' }), 400, 'invalidValue');
    expectScimError(await patch({ op: 'add', path: 'title' }), 400, 'invalidValue');
    expect((await call(em, 'GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  it('applies all operations or none', async () => {
    const res = await patch(
      { op: 'replace', path: 'title', value: 'Changed' },
      { op: 'replace', path: 'nope', value: 1 },
    );
    expectScimError(res, 400, 'invalidPath');
    expect((await call(em, 'GET', `/Users/${user.id}`)).body.title).toBe('Engineer');
  });

  it('answers 400 invalidSyntax without the PatchOp schema, without operations, or with an unknown op', async () => {
    expectScimError(
      await call(em, 'PATCH', `/Users/${user.id}`, { Operations: [{ op: 'remove', path: 'title' }] }),
      400,
      'invalidSyntax',
    );
    expectScimError(await call(em, 'PATCH', `/Users/${user.id}`, patchOp()), 400, 'invalidSyntax');
    expectScimError(await patch({ op: 'move', path: 'title' }), 400, 'invalidSyntax');
  });

  it('answers 409 when a patch takes another user’s userName', async () => {
    await createUser(em, userBody(2));
    expectScimError(
      await patch({ op: 'replace', path: 'userName', value: 'employee2@example.com' }),
      409,
      'uniqueness',
    );
  });

  it('answers 404 for an unknown user and 412 for a stale If-Match', async () => {
    expectScimError(await call(em, 'PATCH', '/Users/1', patchOp({ op: 'remove', path: 'title' })), 404);
    const res = await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'remove', path: 'title' }), {
      'if-match': 'W/"9"',
    });
    expectScimError(res, 412);
  });
});

it('checks If-Match before the patch itself: a stale version wins over an invalid operation', async () => {
  const res = await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'replace', path: 'nope', value: 1 }), {
    'if-match': 'W/"9"',
  });
  expectScimError(res, 412);
  const ok = await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'remove', path: 'title' }), {
    'if-match': '"1"',
  });
  expect(ok.status).toBe(200);
});
