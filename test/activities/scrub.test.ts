/**
 * The scrub of a claimed account (Workplace refuses to delete it through the API): Tenure's real
 * `scrubWorkplaceUser` over real HTTP against the emulator removes every personal value the
 * directory lets it change, and the account is left inactive for an operator to delete.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDirectoryActivities } from '../../activities/directory-activities';
import { ScimClient } from '../../activities/scim';
import { CORE_USER, ENTERPRISE_USER } from '../../emulator/schemas';
import { startEmulator, type RunningEmulator } from '../../emulator/server';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

describe('scrubWorkplaceUser', () => {
  it('removes every personal value Workplace lets Tenure change, over real HTTP, and leaves the account inactive', async () => {
    const manager = emulator.createUser({
      schemas: [CORE_USER],
      userName: 'boss.x@example.com',
      externalId: 'M-SCRUB',
    });
    const user = emulator.createUser({
      schemas: [CORE_USER, ENTERPRISE_USER],
      userName: 'wilhelmina.scrubbs@example.com',
      externalId: 'E-SCRUB-1',
      name: { givenName: 'Wilhelmina', familyName: 'Scrubbs', formatted: 'Wilhelmina Scrubbs' },
      displayName: 'Wilhelmina Scrubbs',
      title: 'Principal Cartographer',
      locale: 'de_DE',
      preferredLanguage: 'de_DE',
      timezone: 'Europe/Berlin',
      phoneNumbers: [{ value: '+49 30 5550199', type: 'mobile' }],
      addresses: [{ streetAddress: '7 Kartenweg', locality: 'Berlin', type: 'home' }],
      emails: [
        { value: 'wilhelmina.scrubbs@example.com', type: 'work', primary: true },
        { value: 'willi.private@example.org', type: 'home' },
      ],
      [ENTERPRISE_USER]: {
        department: 'Maps',
        costCenter: 'CC-CARTO-7',
        manager: { managerId: manager.id },
      },
    });
    const directory = new ScimClient({
      baseUrl: emulator.url,
      token: emulator.token,
      profile: 'workplace',
      timeoutMs: 5_000,
    });
    // What the scrub records in the audit ledger (the ledger itself is tested on the real store).
    const recorded: { action: string; outcome: string }[] = [];
    const activities = createDirectoryActivities(directory, { locale: 'en_US', authMethod: 'sso' }, async (entry) => {
      recorded.push({ action: entry.action, outcome: entry.outcome });
    });

    const result = await new MockActivityEnvironment().run(activities.scrubWorkplaceUser, { userId: String(user.id) });
    expect(result).toEqual({ outcome: 'scrubbed' });
    expect(recorded).toEqual([expect.objectContaining({ outcome: 'scrubbed' })]);

    const stored = JSON.stringify(emulator.store.get(String(user.id)));
    for (const personal of [
      'Wilhelmina',
      'Scrubbs',
      'Principal Cartographer',
      '5550199',
      'Kartenweg',
      'willi.private',
      'Maps',
      'CC-CARTO-7',
      'Europe/Berlin',
      'de_DE',
      'managerId',
    ]) {
      expect({ value: personal, found: stored.includes(personal) }).toEqual({ value: personal, found: false });
    }
    expect(stored).toContain('Former Employee');
    const after = await directory.getUser(String(user.id));
    expect(after.active).toBe(false);
    // The user name is the work e-mail: Workplace keeps it until an administrator deletes the account.
    expect(after.userName).toBe('wilhelmina.scrubbs@example.com');

    expect(await new MockActivityEnvironment().run(activities.scrubWorkplaceUser, { userId: '999999' })).toEqual({
      outcome: 'not-found',
    });
  });
});
