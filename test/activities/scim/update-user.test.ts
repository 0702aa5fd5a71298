/** `updateUser`: a few attributes changed in one PATCH, without reading the user first. */
import { ScimClient } from '../../../activities/scim/client';
import { ScimUnsupportedError } from '../../../activities/scim/errors';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';

let emulator: RunningEmulator;
let workplace: ScimClient;
let scim2: ScimClient;
let serial = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  workplace = new ScimClient({ baseUrl: emulator.url, token: emulator.token, profile: 'workplace' });
  scim2 = new ScimClient({ baseUrl: emulator.url, token: emulator.token, profile: 'scim2' });
});
afterAll(() => emulator?.close());

async function joiner(client: ScimClient) {
  serial += 1;
  return client.createUser({
    externalId: `U-${serial}`,
    userName: `u${serial}@example.com`,
    name: { givenName: 'Katherine', familyName: 'Johnson' },
    displayName: 'Katherine Johnson',
    title: 'Mathematician',
    department: 'Flight Research',
    costCenter: 'CC-1',
    termDate: null,
  });
}

const requestsTo = (id: string) => emulator.requests().filter((r) => r.path === `/Users/${id}`);

describe('ScimClient.updateUser', () => {
  it('changes core, enterprise and Workplace attributes in one PATCH request', async () => {
    const manager = await joiner(workplace);
    const user = await joiner(workplace);
    const termDate = new Date('2027-07-31T15:00:00Z');
    const updated = await workplace.updateUser(user.id, {
      name: { givenName: 'Kate', familyName: 'Johnson' },
      displayName: 'Kate Johnson',
      department: 'Orbital Mechanics',
      managerId: manager.id,
      termDate,
      title: null,
    });
    expect(requestsTo(user.id).map((r) => r.method)).toEqual(['PATCH']);
    expect(updated).toMatchObject({
      name: { givenName: 'Kate', familyName: 'Johnson' },
      displayName: 'Kate Johnson',
      department: 'Orbital Mechanics',
      costCenter: 'CC-1',
      managerId: manager.id,
      termDate,
    });
    expect(updated!.title).toBeUndefined();
    expect(await workplace.getUser(user.id)).toMatchObject({ department: 'Orbital Mechanics', managerId: manager.id });
  });

  it('clears the termination date with Workplace’s 0 and removes the manager with null', async () => {
    const manager = await joiner(workplace);
    const user = await joiner(workplace);
    await workplace.updateUser(user.id, { managerId: manager.id, termDate: new Date('2027-01-01T00:00:00Z') });
    const cleared = await workplace.updateUser(user.id, { managerId: null, termDate: null });
    expect(cleared!.managerId).toBeUndefined();
    expect(cleared!.termDate).toBeNull();
  });

  it('invites through the Workplace profile and is idempotent when repeated', async () => {
    const user = await joiner(workplace);
    const first = await workplace.updateUser(user.id, { invited: true });
    const again = await workplace.updateUser(user.id, { invited: true });
    expect(first!.accountStatus).toMatchObject({ invited: true, claimed: false });
    expect(again!.accountStatus!.claimLink).toBe(first!.accountStatus!.claimLink);
  });

  it('leaves out Workplace-only attributes in the scim2 profile and refuses an invite without sending anything', async () => {
    const user = await joiner(scim2);
    const before = requestsTo(user.id).length;
    await expect(scim2.updateUser(user.id, { invited: true })).rejects.toBeInstanceOf(ScimUnsupportedError);
    expect(requestsTo(user.id).length).toBe(before);
    const updated = await scim2.updateUser(user.id, {
      department: 'Research',
      termDate: new Date('2027-01-01T00:00:00Z'),
    });
    expect(updated!.department).toBe('Research');
    expect(emulator.user(user.id)).not.toHaveProperty(
      ['urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User', 'termDate'],
      1798761600,
    );
  });

  it('writes the operations with full attribute paths, as Workplace documents', () => {
    expect(workplace.profile.patchOperations({ active: false, department: 'X', phoneNumbers: null })).toEqual([
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:active', value: false },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'X' },
      { op: 'remove', path: 'urn:ietf:params:scim:schemas:core:2.0:User:phoneNumbers' },
    ]);
    expect(scim2.profile.patchOperations({ active: false, managerId: '7' })).toEqual([
      { op: 'replace', path: 'active', value: false },
      {
        op: 'replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
        value: { value: '7' },
      },
    ]);
  });
});
