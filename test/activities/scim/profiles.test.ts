import { toDirectoryUserInput, type NewDirectoryUser } from '../../../activities/scim/model';
import { SCIM2_PROFILE, WORKPLACE_PROFILE } from '../../../activities/scim/profiles';
import { SCHEMAS } from '../../../activities/scim/schemas';
import { WireFormatError } from '../../../activities/scim/wire';

const START = new Date('2025-09-01T07:00:00Z');
const TERM = new Date('2026-03-31T22:00:00Z');
const startSeconds = START.getTime() / 1000;
const termSeconds = TERM.getTime() / 1000;

const ada: NewDirectoryUser = {
  externalId: 'E-1001',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
  displayName: 'Ada Lovelace',
  title: 'Engineer',
  locale: 'en_GB',
  preferredLanguage: 'en_GB',
  timezone: 'Europe/London',
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  employeeNumber: 'E-1001',
  department: 'Engines',
  costCenter: 'CC-7',
  managerId: '100200300',
  startDate: START,
  termDate: TERM,
  invited: true,
  authMethod: 'sso',
};

describe('the workplace profile', () => {
  it('writes core attributes, the enterprise extension with managerId, and the Workplace extensions', () => {
    expect(WORKPLACE_PROFILE.toResource(ada)).toEqual({
      schemas: [
        SCHEMAS.user,
        SCHEMAS.enterpriseUser,
        SCHEMAS.workplaceStartTermDates,
        SCHEMAS.workplaceAccountStatus,
        SCHEMAS.workplaceAuthMethod,
      ],
      externalId: 'E-1001',
      userName: 'ada@example.com',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      displayName: 'Ada Lovelace',
      title: 'Engineer',
      locale: 'en_GB',
      preferredLanguage: 'en_GB',
      timezone: 'Europe/London',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      [SCHEMAS.enterpriseUser]: {
        employeeNumber: 'E-1001',
        department: 'Engines',
        costCenter: 'CC-7',
        manager: { managerId: '100200300' },
      },
      [SCHEMAS.workplaceStartTermDates]: { startDate: startSeconds, termDate: termSeconds },
      [SCHEMAS.workplaceAccountStatus]: { invited: true },
      [SCHEMAS.workplaceAuthMethod]: { authMethod: 'sso' },
    });
  });

  it('writes no termination date as termDate 0', () => {
    const resource = WORKPLACE_PROFILE.toResource({ ...ada, termDate: null });
    expect(resource[SCHEMAS.workplaceStartTermDates]).toEqual({ startDate: startSeconds, termDate: 0 });
  });

  it('lists only the extension schemas a resource carries, and leaves unset attributes out', () => {
    const resource = WORKPLACE_PROFILE.toResource({ userName: 'bob@example.com', name: { givenName: 'Bob' } });
    expect(resource).toEqual({
      schemas: [SCHEMAS.user],
      userName: 'bob@example.com',
      active: true,
      name: { givenName: 'Bob' },
    });
    expect(JSON.stringify(resource)).not.toContain('undefined');
  });

  it('writes active false when asked', () => {
    expect(WORKPLACE_PROFILE.toResource({ ...ada, active: false }).active).toBe(false);
  });

  it('reads every Workplace extension, with dates in epoch seconds', () => {
    const user = WORKPLACE_PROFILE.fromResource({
      ...WORKPLACE_PROFILE.toResource(ada),
      id: 1234567890,
      [SCHEMAS.workplaceAccountStatus]: {
        invited: true,
        inviteDate: startSeconds,
        claimed: true,
        claimDate: termSeconds,
        claimLink: 'https://work.example/claim/abc',
        accessCode: 'ABCD-1234',
      },
      meta: { resourceType: 'User', created: '2025-08-01T10:00:00Z', version: 'W/"3"', location: '/Users/1' },
    });
    expect(user).toEqual({
      id: '1234567890',
      externalId: 'E-1001',
      userName: 'ada@example.com',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace' },
      displayName: 'Ada Lovelace',
      title: 'Engineer',
      locale: 'en_GB',
      preferredLanguage: 'en_GB',
      timezone: 'Europe/London',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      employeeNumber: 'E-1001',
      department: 'Engines',
      costCenter: 'CC-7',
      managerId: '100200300',
      startDate: START,
      termDate: TERM,
      accountStatus: {
        invited: true,
        inviteDate: START,
        claimed: true,
        claimDate: TERM,
        claimLink: 'https://work.example/claim/abc',
        accessCode: 'ABCD-1234',
      },
      authMethod: 'sso',
      meta: { resourceType: 'User', created: new Date('2025-08-01T10:00:00Z'), version: 'W/"3"', location: '/Users/1' },
    });
  });

  it('reads account-status dates given as ISO strings', () => {
    const user = WORKPLACE_PROFILE.fromResource({
      id: '1',
      userName: 'ada@example.com',
      [SCHEMAS.workplaceAccountStatus]: {
        invited: true,
        inviteDate: '2025-09-01T07:00:00Z',
        claimed: false,
        claimDate: '',
      },
    });
    expect(user.accountStatus).toEqual({ invited: true, inviteDate: START, claimed: false });
  });

  it('reads termDate 0 as no termination date, and a missing one as unknown', () => {
    const withZero = WORKPLACE_PROFILE.fromResource({
      id: '1',
      userName: 'a@example.com',
      [SCHEMAS.workplaceStartTermDates]: { startDate: startSeconds, termDate: 0 },
    });
    expect(withZero.termDate).toBeNull();
    expect(withZero.startDate).toEqual(START);
    const without = WORKPLACE_PROFILE.fromResource({ id: '1', userName: 'a@example.com' });
    expect(without).not.toHaveProperty('termDate');
    expect(without).not.toHaveProperty('accountStatus');
  });

  it('reads a manager given the RFC way as well', () => {
    const user = WORKPLACE_PROFILE.fromResource({
      id: '1',
      userName: 'a@example.com',
      [SCHEMAS.enterpriseUser]: { manager: { value: '42' } },
    });
    expect(user.managerId).toBe('42');
  });

  it('qualifies PATCH paths with the schema URN', () => {
    expect(WORKPLACE_PROFILE.corePath('active')).toBe(`${SCHEMAS.user}:active`);
    expect(WORKPLACE_PROFILE.invitedPath).toBe(`${SCHEMAS.workplaceAccountStatus}:invited`);
  });

  it('reports the account-status and invite capabilities, and that claimed accounts cannot be deleted', () => {
    expect(WORKPLACE_PROFILE.capabilities).toEqual({
      accountStatus: true,
      invite: true,
      startTermDates: true,
      authMethod: true,
      deleteClaimed: false,
    });
    expect(SCIM2_PROFILE.capabilities.deleteClaimed).toBe(true);
  });
});

describe('the scim2 profile', () => {
  it('writes no Workplace extension and puts the manager in manager.value', () => {
    const resource = SCIM2_PROFILE.toResource(ada);
    expect(resource.schemas).toEqual([SCHEMAS.user, SCHEMAS.enterpriseUser]);
    expect(resource[SCHEMAS.enterpriseUser]).toEqual({
      employeeNumber: 'E-1001',
      department: 'Engines',
      costCenter: 'CC-7',
      manager: { value: '100200300' },
    });
    expect(JSON.stringify(resource)).not.toContain('facebook');
  });

  it('reports account status as unknown even when the directory sends Workplace extensions', () => {
    const user = SCIM2_PROFILE.fromResource({
      ...WORKPLACE_PROFILE.toResource(ada),
      id: '9',
      [SCHEMAS.enterpriseUser]: {
        employeeNumber: 'E-1001',
        manager: { value: '77', $ref: '../Users/77', displayName: 'Boss' },
      },
    });
    expect(user.accountStatus).toBeUndefined();
    expect(user.startDate).toBeUndefined();
    expect(user.authMethod).toBeUndefined();
    expect(user.managerId).toBe('77');
    expect(user.employeeNumber).toBe('E-1001');
  });

  it('writes locale and preferredLanguage as BCP 47 language tags, as RFC 7643 asks, in creates and patches', () => {
    const resource = SCIM2_PROFILE.toResource(ada);
    expect(resource.locale).toBe('en-GB');
    expect(resource.preferredLanguage).toBe('en-GB');
    expect(SCIM2_PROFILE.patchOperations({ locale: 'fr_ca', preferredLanguage: 'pt_BR' })).toEqual([
      { op: 'replace', path: 'locale', value: 'fr-CA' },
      { op: 'replace', path: 'preferredLanguage', value: 'pt-BR' },
    ]);
    // Workplace's own form stays as given.
    expect(WORKPLACE_PROFILE.patchOperations({ locale: 'fr_CA' })).toEqual([
      { op: 'replace', path: `${SCHEMAS.user}:locale`, value: 'fr_CA' },
    ]);
  });

  it('uses short core PATCH paths and reports no account-status capability', () => {
    expect(SCIM2_PROFILE.corePath('active')).toBe('active');
    expect(SCIM2_PROFILE.capabilities.accountStatus).toBe(false);
    expect(SCIM2_PROFILE.capabilities.invite).toBe(false);
  });
});

describe('reading resources (both profiles)', () => {
  it.each([WORKPLACE_PROFILE, SCIM2_PROFILE])('$name: matches attribute names case-insensitively', (profile) => {
    const user = profile.fromResource({
      ID: '5',
      UserName: 'c@example.com',
      externalID: 'E-5',
      Active: 'False',
      NAME: { GivenName: 'Cy' },
    });
    expect(user).toEqual({
      id: '5',
      userName: 'c@example.com',
      externalId: 'E-5',
      active: false,
      name: { givenName: 'Cy' },
    });
  });

  it.each([WORKPLACE_PROFILE, SCIM2_PROFILE])('$name: reads a user without active as active', (profile) => {
    expect(profile.fromResource({ id: '5', userName: 'c@example.com' }).active).toBe(true);
  });

  it.each([
    ['not an object', ['x']],
    ['no id', { userName: 'a@example.com' }],
    ['no userName', { id: '1' }],
    ['an id of the wrong type', { id: { nested: 1 }, userName: 'a@example.com' }],
  ])('refuses a resource with %s', (_what, resource) => {
    expect(() => WORKPLACE_PROFILE.fromResource(resource)).toThrow(WireFormatError);
  });

  it.each([WORKPLACE_PROFILE, SCIM2_PROFILE])(
    '$name: gives back the same wire resource after a read and toDirectoryUserInput',
    (profile) => {
      const written = profile.toResource(ada);
      const read = profile.fromResource({ ...written, id: '1', meta: { version: 'W/"1"' } });
      expect(profile.toResource(toDirectoryUserInput(read))).toEqual(written);
    },
  );
});
