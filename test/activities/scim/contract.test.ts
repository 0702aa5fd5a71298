/**
 * The SCIM client against the Workplace emulator, over real HTTP: every operation and every error
 * class, as the activities will meet them.
 */
import { ScimClient } from '../../../activities/scim/client';
import {
  isRetryable,
  ScimConflictError,
  ScimNetworkError,
  ScimNotFoundError,
  ScimPreconditionFailedError,
  ScimRejectedError,
  ScimThrottledError,
  ScimUnavailableError,
  ScimUnsupportedError,
  type ScimError,
} from '../../../activities/scim/errors';
import { toDirectoryUserInput, type DirectoryUser, type NewDirectoryUser } from '../../../activities/scim/model';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';

let emulator: RunningEmulator;
let client: ScimClient;
let serial = 0;

/** A joiner no other test uses. */
function joiner(overrides: Partial<NewDirectoryUser> = {}): NewDirectoryUser {
  serial += 1;
  return {
    externalId: `E-${serial}`,
    userName: `joiner${serial}@example.com`,
    name: { givenName: 'Grace', familyName: `Hopper ${serial}` },
    displayName: `Grace Hopper ${serial}`,
    title: 'Rear Admiral',
    locale: 'en_US',
    employeeNumber: `E-${serial}`,
    department: 'Navy',
    startDate: new Date('2025-09-01T08:00:00Z'),
    termDate: null,
    authMethod: 'password',
    ...overrides,
  };
}

/** The error a call rejects with; fails the test if it resolves. */
async function failure(call: Promise<unknown>): Promise<ScimError> {
  return call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: ScimError) => error,
  );
}

/** Claims an account the way an employee does: by opening the claim link. */
async function claim(user: DirectoryUser): Promise<void> {
  const link = user.accountStatus?.claimLink;
  if (!link) throw new Error(`user ${user.id} has no claim link`);
  const response = await fetch(link);
  await response.text();
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.faults.clear();
  client = new ScimClient({ baseUrl: emulator.url, token: emulator.token, timeoutMs: 2000 });
});

describe('provisioning', () => {
  it('creates a user and reads back every attribute the workplace profile writes', async () => {
    const input = joiner();
    const created = await client.createUser(input);
    expect(created).toMatchObject({
      externalId: input.externalId,
      userName: input.userName,
      active: true,
      name: input.name,
      displayName: input.displayName,
      title: input.title,
      locale: input.locale,
      employeeNumber: input.employeeNumber,
      department: input.department,
      startDate: input.startDate,
      termDate: null,
      authMethod: 'password',
      accountStatus: { invited: false, claimed: false },
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.meta?.version).toBeDefined();
    await expect(client.getUser(created.id)).resolves.toEqual(created);
  });

  it('stores the manager under Workplace’s managerId and reads it back', async () => {
    const manager = await client.createUser(joiner());
    const report = await client.createUser(joiner({ managerId: manager.id }));
    expect(report.managerId).toBe(manager.id);
    expect((await client.getUser(report.id)).managerId).toBe(manager.id);
  });

  it('answers a second create with the same externalId with a conflict', async () => {
    const input = joiner();
    await client.createUser(input);
    const error = await failure(client.createUser({ ...input, userName: `other-${input.userName}` }));
    expect(error).toBeInstanceOf(ScimConflictError);
    expect(error).toMatchObject({ status: 409, scimType: 'uniqueness' });
    expect(isRetryable(error)).toBe(false);
  });

  it('answers a second create with the same userName, in another case, with a conflict', async () => {
    const input = joiner();
    await client.createUser(input);
    const error = await failure(client.createUser(joiner({ userName: input.userName.toUpperCase() })));
    expect(error).toBeInstanceOf(ScimConflictError);
  });
});

describe('finding users', () => {
  it('finds by externalId a value holding quotes and backslashes', async () => {
    const tricky = 'E-"quoted"\\back\\slash\\';
    const created = await client.createUser(joiner({ externalId: tricky }));
    await expect(client.findByExternalId(tricky)).resolves.toMatchObject({ id: created.id, externalId: tricky });
    await expect(client.findByExternalId('E-"quoted"\\back\\slash')).resolves.toBeUndefined();
  });

  it('finds by userName, case-insensitively', async () => {
    const created = await client.createUser(joiner({ userName: `o"brien\\${serial}@example.com` }));
    await expect(client.findByUserName(created.userName)).resolves.toMatchObject({ id: created.id });
    await expect(client.findByUserName(created.userName.toUpperCase())).resolves.toMatchObject({ id: created.id });
  });

  it('answers undefined for an externalId nobody has', async () => {
    await expect(client.findByExternalId('E-nobody')).resolves.toBeUndefined();
    await expect(client.findByUserName('nobody@example.com')).resolves.toBeUndefined();
  });

  it('answers a get of an unknown id with not-found', async () => {
    const error = await failure(client.getUser('999999999'));
    expect(error).toBeInstanceOf(ScimNotFoundError);
    expect(error).toMatchObject({ status: 404, method: 'GET', path: '/Users/999999999' });
  });
});

describe('changing users', () => {
  it('replaces a user with a PUT of what was read, plus the change', async () => {
    const created = await client.createUser(joiner());
    const replaced = await client.replaceUser(created.id, {
      ...toDirectoryUserInput(created),
      title: 'Commodore',
      costCenter: 'CC-1',
    });
    const { meta: _before, ...expected } = created;
    expect(replaced).toMatchObject({ ...expected, title: 'Commodore', costCenter: 'CC-1' });
  });

  it('clears on PUT an attribute the replacement leaves out', async () => {
    const created = await client.createUser(joiner());
    const { title: _title, ...withoutTitle } = toDirectoryUserInput(created);
    const replaced = await client.replaceUser(created.id, withoutTitle);
    expect(replaced.title).toBeUndefined();
  });

  it('refuses a PUT with a stale version, and accepts the current one', async () => {
    const created = await client.createUser(joiner());
    const changed = await client.replaceUser(created.id, { ...toDirectoryUserInput(created), title: 'v2' });
    const error = await failure(
      client.replaceUser(
        created.id,
        { ...toDirectoryUserInput(created), title: 'v3' },
        { ifMatch: created.meta!.version },
      ),
    );
    expect(error).toBeInstanceOf(ScimPreconditionFailedError);
    await expect(
      client.replaceUser(
        created.id,
        { ...toDirectoryUserInput(changed), title: 'v3' },
        { ifMatch: changed.meta!.version },
      ),
    ).resolves.toMatchObject({ title: 'v3' });
  });

  it('patches with add, replace and remove operations', async () => {
    const created = await client.createUser(joiner());
    const patched = await client.patchUser(created.id, [
      { op: 'replace', path: 'displayName', value: 'Amazing Grace' },
      { op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter', value: 'CC-9' },
      { op: 'remove', path: 'title' },
    ]);
    expect(patched).toMatchObject({ displayName: 'Amazing Grace', costCenter: 'CC-9' });
    expect(patched?.title).toBeUndefined();
  });

  it('answers a patch the server cannot apply with a rejection', async () => {
    const created = await client.createUser(joiner());
    const error = await failure(client.patchUser(created.id, [{ op: 'replace', path: 'noSuchAttribute', value: 1 }]));
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error.status).toBe(400);
    expect((error as ScimRejectedError).scimType).toBe('invalidPath');
    expect((error as ScimRejectedError).detail).toMatch(/noSuchAttribute/);
    expect(error.message).toContain((error as ScimRejectedError).detail!);
  });

  it('deactivates and reactivates, the same way whatever the current state', async () => {
    const created = await client.createUser(joiner());
    await expect(client.setActive(created.id, false)).resolves.toMatchObject({ active: false });
    await expect(client.setActive(created.id, false)).resolves.toMatchObject({ active: false });
    expect((await client.getUser(created.id)).active).toBe(false);
    await expect(client.setActive(created.id, true)).resolves.toMatchObject({ active: true });
  });
});

describe('invite and claim', () => {
  it('invites, then reads the claim once the employee opened the link', async () => {
    const created = await client.createUser(joiner());
    const invited = await client.inviteUser(created.id);
    expect(invited?.accountStatus).toMatchObject({ invited: true, claimed: false });
    expect(invited?.accountStatus?.inviteDate).toBeInstanceOf(Date);
    await claim(invited!);
    const claimed = await client.getUser(created.id);
    expect(claimed.accountStatus).toMatchObject({ invited: true, claimed: true });
    expect(claimed.accountStatus?.claimDate).toBeInstanceOf(Date);
  });

  it('invites on create', async () => {
    const created = await client.createUser(joiner({ invited: true }));
    expect(created.accountStatus).toMatchObject({ invited: true, claimed: false });
    expect(created.accountStatus?.claimLink).toMatch(/^http/);
  });
});

describe('deleting users', () => {
  it('deletes a never-claimed user, after which it is not found', async () => {
    const created = await client.createUser(joiner());
    await client.deleteUser(created.id);
    await expect(failure(client.getUser(created.id))).resolves.toBeInstanceOf(ScimNotFoundError);
    await expect(failure(client.deleteUser(created.id))).resolves.toBeInstanceOf(ScimNotFoundError);
  });

  it('refuses to delete a claimed account with precondition-failed, active or not', async () => {
    const created = await client.createUser(joiner({ invited: true }));
    await claim(created);
    const error = await failure(client.deleteUser(created.id));
    expect(error).toBeInstanceOf(ScimPreconditionFailedError);
    expect(error).toMatchObject({ status: 412, method: 'DELETE' });
    expect(isRetryable(error)).toBe(false);
    await client.setActive(created.id, false);
    await expect(failure(client.deleteUser(created.id))).resolves.toBeInstanceOf(ScimPreconditionFailedError);
  });
});

describe('listing users', () => {
  it('lists every user across several pages', async () => {
    for (let i = 0; i < 7; i++) await client.createUser(joiner());
    const expected = new Set(emulator.store.list().map((user) => user.id));
    expect(expected.size).toBeGreaterThanOrEqual(7);
    const before = emulator.requests().length;

    const seen: string[] = [];
    for await (const user of client.listAllUsers({ pageSize: 3 })) seen.push(user.id);

    expect(new Set(seen)).toEqual(expected);
    expect(seen).toHaveLength(expected.size);
    const pages = emulator.requests().slice(before);
    expect(pages).toHaveLength(Math.ceil(expected.size / 3));
  });

  it('reads one page with totalResults', async () => {
    await client.createUser(joiner());
    const page = await client.listUsers({ startIndex: 1, count: 1 });
    expect(page.resources).toHaveLength(1);
    expect(page.totalResults).toBe(emulator.store.list().length);
    expect(page.startIndex).toBe(1);
  });

  it('pings', async () => {
    const before = emulator.requests().length;
    await client.ping();
    expect(emulator.requests().slice(before)).toEqual([expect.objectContaining({ method: 'GET', status: 200 })]);
  });
});

describe('failures', () => {
  it('answers a bad token with a 401 rejection', async () => {
    const stranger = new ScimClient({ baseUrl: emulator.url, token: 'not-the-token' });
    const error = await failure(stranger.ping());
    expect(error).toBeInstanceOf(ScimRejectedError);
    expect(error).toMatchObject({ status: 401 });
    expect(isRetryable(error)).toBe(false);
  });

  it('turns the rate limit into a throttled error with Retry-After', async () => {
    emulator.faults.set({ rateLimit: { requestsPerSecond: 1, retryAfterSeconds: 3 } });
    await client.ping();
    const error = await failure(client.ping());
    expect(error).toBeInstanceOf(ScimThrottledError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000 });
    expect(isRetryable(error)).toBe(true);
  });

  it('turns an outage into an unavailable error with Retry-After', async () => {
    emulator.faults.set({ outage: { durationMs: 60_000 } });
    const error = (await failure(client.ping())) as ScimUnavailableError;
    expect(error).toBeInstanceOf(ScimUnavailableError);
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(isRetryable(error)).toBe(true);
  });

  it('turns injected server errors into unavailable errors', async () => {
    emulator.faults.set({ errorRate: { rate: 1, statuses: [502] } });
    const error = await failure(client.getUser('1'));
    expect(error).toBeInstanceOf(ScimUnavailableError);
    expect(error.status).toBe(502);
  });

  it('times out a slow server with a network error marked timedOut', async () => {
    emulator.faults.set({ latency: { ms: 1000 } });
    const impatient = new ScimClient({ baseUrl: emulator.url, token: emulator.token, timeoutMs: 150 });
    const error = await failure(impatient.ping());
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: true });
    expect(isRetryable(error)).toBe(true);
  });

  it('reports a dropped response as a network error although the write was applied', async () => {
    emulator.faults.set({ dropResponse: { next: 1, methods: ['POST'] } });
    const input = joiner();
    const error = await failure(client.createUser(input));
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ timedOut: false, method: 'POST' });
    expect(isRetryable(error)).toBe(true);
    // What the provisioning activity's retry meets: the account exists, a second create conflicts.
    await expect(client.findByExternalId(input.externalId)).resolves.toMatchObject({ userName: input.userName });
    await expect(failure(client.createUser(input))).resolves.toBeInstanceOf(ScimConflictError);
  });
});

describe('the scim2 profile against the same directory', () => {
  let plain: ScimClient;

  beforeEach(() => {
    plain = new ScimClient({ baseUrl: emulator.url, token: emulator.token, profile: 'scim2' });
  });

  it('creates and reads users with manager.value and no account status', async () => {
    const manager = await plain.createUser(joiner());
    const { startDate: _s, termDate: _t, authMethod: _a, ...input } = joiner({ managerId: manager.id });
    const created = await plain.createUser(input);
    expect(created).toMatchObject({ externalId: input.externalId, managerId: manager.id });
    expect(created.accountStatus).toBeUndefined();
    await expect(plain.findByExternalId(input.externalId)).resolves.toMatchObject({ id: created.id });
  });

  it('deactivates with the short active path', async () => {
    const created = await plain.createUser(joiner());
    await expect(plain.setActive(created.id, false)).resolves.toMatchObject({ active: false });
  });

  it('cannot invite', async () => {
    const created = await plain.createUser(joiner());
    await expect(failure(plain.inviteUser(created.id))).resolves.toBeInstanceOf(ScimUnsupportedError);
    expect((await client.getUser(created.id)).accountStatus?.invited).toBe(false);
  });
});
