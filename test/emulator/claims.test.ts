import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { ACCOUNT_STATUS, call, createUser, expectScimError, patchOp, userBody } from './support';
import { emulatorAdmin } from '../../emulator/admin-client';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ port: 0 });
});
afterAll(() => em.close());
beforeEach(() => em.store.clear());

const invitedUser = (n: number) => createUser(em, userBody(n, { [ACCOUNT_STATUS]: { invited: true } }));
const open = (link: string) => fetch(link);

describe('invitations', () => {
  it('records the invite date and mints a claim link and access code when invited on create', async () => {
    const before = Math.floor(Date.now() / 1000);
    const user = await invitedUser(1);
    const status = user[ACCOUNT_STATUS];
    expect(status).toMatchObject({ invited: true, claimed: false, accessCode: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    expect(status.inviteDate).toBeGreaterThanOrEqual(before);
    expect(status.inviteDate).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(status.claimLink).toMatch(new RegExp(`^${em.url}/claim/[A-Za-z0-9_-]{20,}$`));
  });

  it('gives each invitation its own link', async () => {
    const a = await invitedUser(1);
    const b = await invitedUser(2);
    expect(a[ACCOUNT_STATUS].claimLink).not.toBe(b[ACCOUNT_STATUS].claimLink);
  });

  it('keeps the same link when invited: true is sent again', async () => {
    const user = await invitedUser(1);
    const res = await call(
      em,
      'PATCH',
      `/Users/${user.id}`,
      patchOp({ op: 'replace', path: `${ACCOUNT_STATUS}:invited`, value: true }),
    );
    expect(res.body[ACCOUNT_STATUS].claimLink).toBe(user[ACCOUNT_STATUS].claimLink);
  });

  it('mints claim links under publicUrl when one is configured', async () => {
    const pub = await startEmulator({ port: 0, publicUrl: 'https://workplace.example.test/' });
    try {
      const user = await createUser(pub, userBody(1, { [ACCOUNT_STATUS]: { invited: true } }));
      expect(user[ACCOUNT_STATUS].claimLink).toMatch(/^https:\/\/workplace\.example\.test\/claim\//);
      expect(user.meta.location).toBe(`https://workplace.example.test/Users/${user.id}`);
    } finally {
      await pub.close();
    }
  });
});

describe('claim links', () => {
  it('claims the account when the link is opened, answering an HTML page', async () => {
    const user = await invitedUser(1);
    const res = await open(user[ACCOUNT_STATUS].claimLink);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/claimed/i);
    const status = (await call(em, 'GET', `/Users/${user.id}`)).body[ACCOUNT_STATUS];
    expect(status).toMatchObject({ claimed: true, claimDate: expect.any(Number) });
    expect(status.claimDate).toBeGreaterThanOrEqual(status.inviteDate);
  });

  it('is idempotent: a second opening changes nothing', async () => {
    const user = await invitedUser(1);
    await open(user[ACCOUNT_STATUS].claimLink);
    const first = (await call(em, 'GET', `/Users/${user.id}`)).body;
    const again = await open(user[ACCOUNT_STATUS].claimLink);
    expect(again.status).toBe(200);
    expect((await call(em, 'GET', `/Users/${user.id}`)).body).toEqual(first);
  });

  it('answers 404 for an unknown token', async () => {
    const res = await open(`${em.url}/claim/not-a-token`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 409 and does not claim a deactivated account', async () => {
    const user = await invitedUser(1);
    await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
    expect((await open(user[ACCOUNT_STATUS].claimLink)).status).toBe(409);
    expect((await call(em, 'GET', `/Users/${user.id}`)).body[ACCOUNT_STATUS].claimed).toBe(false);
  });

  it('needs no token and is not subject to SCIM faults', async () => {
    const user = await invitedUser(1);
    em.faults.set({ outage: { durationMs: 60_000 } });
    try {
      expect((await open(user[ACCOUNT_STATUS].claimLink)).status).toBe(200);
    } finally {
      em.faults.clear();
    }
  });
});

describe('claiming through the admin endpoint', () => {
  it('claims an invited account', async () => {
    const user = await invitedUser(1);
    const res = await emulatorAdmin(em, `/users/${user.id}/claim`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: string; user: Record<string, { claimed: boolean }> };
    expect(body.result).toBe('claimed');
    expect(body.user[ACCOUNT_STATUS]!.claimed).toBe(true);
  });

  it('refuses a never-invited account with 409, and an unknown one with 404', async () => {
    const user = await createUser(em, userBody(1));
    expect((await emulatorAdmin(em, `/users/${user.id}/claim`, { method: 'POST' })).status).toBe(409);
    expect((await call(em, 'GET', `/Users/${user.id}`)).body[ACCOUNT_STATUS].claimed).toBe(false);
    expect((await emulatorAdmin(em, '/users/1/claim', { method: 'POST' })).status).toBe(404);
  });
});

describe('DELETE /Users/{id}', () => {
  it('deletes a never-claimed account: 204, then 404', async () => {
    const user = await invitedUser(1);
    const res = await call(em, 'DELETE', `/Users/${user.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectScimError(await call(em, 'GET', `/Users/${user.id}`), 404);
    expectScimError(await call(em, 'DELETE', `/Users/${user.id}`), 404);
  });

  it('answers 412 for a claimed account, active or deactivated, and keeps it', async () => {
    const user = await invitedUser(1);
    await open(user[ACCOUNT_STATUS].claimLink);
    expectScimError(await call(em, 'DELETE', `/Users/${user.id}`), 412);
    await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
    expectScimError(await call(em, 'DELETE', `/Users/${user.id}`), 412);
    expect((await call(em, 'GET', `/Users/${user.id}`)).status).toBe(200);
  });

  it('lets an administrator (the Admin Panel, outside SCIM) delete a claimed account once it is deactivated', async () => {
    const user = await invitedUser(1);
    await open(user[ACCOUNT_STATUS].claimLink);
    expect(() => em.store.deleteAsAdministrator(String(user.id))).toThrow(/deactivate the account before deleting it/);
    await call(em, 'PATCH', `/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
    em.store.deleteAsAdministrator(String(user.id));
    expectScimError(await call(em, 'GET', `/Users/${user.id}`), 404);
  });

  it('invalidates the claim link of a deleted account', async () => {
    const user = await invitedUser(1);
    await call(em, 'DELETE', `/Users/${user.id}`);
    expect((await open(user[ACCOUNT_STATUS].claimLink)).status).toBe(404);
  });

  it('honours If-Match', async () => {
    const user = await createUser(em, userBody(1));
    expectScimError(await call(em, 'DELETE', `/Users/${user.id}`, undefined, { 'if-match': 'W/"5"' }), 412);
    expect((await call(em, 'DELETE', `/Users/${user.id}`, undefined, { 'if-match': user.meta.version })).status).toBe(
      204,
    );
  });
});
