import { loadGuardConfig } from '../../config/guard';
import { ConfigError } from '../../config/env';
import { protectedEntriesOf, protectionOf } from '../../workflows/contract';

describe('protected accounts (GUARD_PROTECTED)', () => {
  const entries = protectedEntriesOf(' E0001 , breakglass-*@example.com,,svc.tenure@example.com ');

  it('reads employee ids and user-name patterns, trimmed, blanks dropped', () => {
    expect(entries).toEqual(['E0001', 'breakglass-*@example.com', 'svc.tenure@example.com']);
  });

  it('protects a listed employee id, whatever the address', () => {
    expect(protectionOf(entries, { employeeId: 'E0001', email: 'a@b.co' })).toMatch(/employee E0001 is listed/);
    expect(protectionOf(entries, { employeeId: 'E00011', email: 'a@b.co' })).toBeUndefined();
  });

  it('protects a user name matching a pattern, case-insensitively, and names the rule, not the address', () => {
    const why = protectionOf(entries, { employeeId: 'E9', email: 'BreakGlass-01@Example.com' });
    expect(why).toBe('the user name matches protected pattern #2 of GUARD_PROTECTED');
    expect(why).not.toMatch(/breakglass-01/i);
  });

  it('treats the dot of a pattern literally and matches the whole user name', () => {
    expect(protectionOf(entries, { employeeId: 'E9', email: 'svcxtenure@example.com' })).toBeUndefined();
    expect(protectionOf(entries, { employeeId: 'E9', email: 'x-breakglass-1@example.com' })).toBeUndefined();
    expect(protectionOf(entries, { employeeId: 'E9', email: 'svc.tenure@example.com' })).toMatch(/#3/);
  });

  it('protects no one when the list is absent (histories from before the guard)', () => {
    expect(protectionOf(undefined, { employeeId: 'E0001', email: 'a@b.co' })).toBeUndefined();
  });

  it('refuses a malformed entry at start-up, naming it', () => {
    expect(() => loadGuardConfig({ GUARD_PROTECTED: 'E1,not an id' })).toThrow(ConfigError);
    expect(() => loadGuardConfig({ GUARD_PROTECTED: 'E1,not an id' })).toThrow(/'not an id' is neither/);
    expect(loadGuardConfig({}).protectedAccounts).toEqual([]);
  });
});
