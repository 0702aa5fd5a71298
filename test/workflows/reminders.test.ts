import { changeLeaveUpdate } from '../../workflows/contract';
import { DAY, HOUR, dateIn, employeeRecord, events, startLifecycle, statusOf, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

describe('provisioning and invitation', () => {
  it('provisions the account at once, not invited, so colleagues can find the new hire before day one', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { managerEmployeeId: 'MGR-1' });
    suite.fake.seedAccount('MGR-1', 'grace@example.com', 'Grace Hopper');
    const handle = await startLifecycle(suite.env, employee);
    const status = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const account = suite.fake.accountOf(employee.employeeId)!;
    expect(account.invited).toBe(false);
    expect(account.managerUserId).toBe(suite.fake.accountOf('MGR-1')!.userId);
    expect(status.workplaceUserId).toBe(account.userId);
    expect(events(status)).toEqual(['provisioned']);
    expect(status.schedule[0]).toEqual({ action: 'invite', at: `${employee.startDate}T09:00:00.000Z` });
  });

  it('invites at the start of the start date in the employee zone plus the offset', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { timeZone: 'Asia/Tokyo', startDate: dateIn(now + 5 * DAY, 'Asia/Tokyo') });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const inviteAt = Date.parse(`${employee.startDate}T00:00:00+09:00`) + 9 * HOUR;
    await suite.env.sleep(inviteAt - (await suite.env.currentTimeMs()) - HOUR);
    expect((await statusOf(handle)).stage).toBe('Provisioned');
    await suite.env.sleep(2 * HOUR);
    const status = await statusWhen(handle, (s) => s.stage === 'Invited');
    expect(Date.parse(status.invitedAt!)).toBeGreaterThanOrEqual(inviteAt);
    expect(Date.parse(status.invitedAt!) - inviteAt).toBeLessThan(HOUR);
    expect(suite.fake.accountOf(employee.employeeId)!.invited).toBe(true);
  });

  it('invites at once when the invite moment has already passed', async () => {
    const now = await suite.env.currentTimeMs();
    const handle = await startLifecycle(suite.env, employeeRecord(now, { startDate: dateIn(now - 2 * DAY) }));
    const status = await statusWhen(handle, (s) => s.stage === 'Invited');
    expect(events(status)).toEqual(['provisioned', 'invited']);
  });

  it('skips the invite when the account was claimed before the invite moment', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now);
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(11 * DAY);
    const status = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(events(status)).toEqual(['provisioned', 'claimed']);
    expect(suite.fake.accountOf(employee.employeeId)!.invited).toBe(false);
  });
});

describe('reminders', () => {
  it('sends exactly one reminder per interval, escalates to the manager after the third, and stops at the tenth', async () => {
    const now = await suite.env.currentTimeMs();
    suite.fake.seedAccount('MGR-2', 'linus@example.com', 'Linus');
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY), managerEmployeeId: 'MGR-2' });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    const id = employee.employeeId;

    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    expect(suite.fake.slotsOf(id, 'reminder')).toEqual(['c1-r1']);

    expect(suite.fake.mailsOf(id, 'manager-escalation')).toEqual([]);

    await suite.env.sleep(3 * DAY);
    const second = await statusWhen(handle, (s) => s.remindersSent === 2);
    expect(second.managerEscalatedAt).toBeUndefined();
    expect(suite.fake.mailsOf(id, 'manager-escalation')).toEqual([]);

    await suite.env.sleep(3 * DAY);
    const third = await statusWhen(handle, (s) => s.remindersSent === 3 && Boolean(s.managerEscalatedAt));
    expect(suite.fake.mailsOf(id, 'manager-escalation')).toMatchObject([
      { kind: 'manager-escalation', employeeId: id, to: 'linus@example.com' },
    ]);
    expect(suite.fake.slotsOf(id, 'manager-escalation')).toEqual(['c1-escalation']);
    expect(events(third, 'manager-escalated')).toHaveLength(1);

    await suite.env.sleep(21 * DAY);
    const tenth = await statusWhen(handle, (s) => s.stage === 'Unclaimed');
    expect(tenth.remindersSent).toBe(10);
    expect(suite.fake.slotsOf(id, 'reminder')).toEqual(Array.from({ length: 10 }, (_, i) => `c1-r${i + 1}`));
    expect(suite.fake.mailsOf(id, 'manager-escalation')).toHaveLength(1);
    expect(events(tenth, 'reminders-exhausted')).toHaveLength(1);

    // Unclaimed: still checked at every interval, but no more e-mails.
    await suite.env.sleep(9 * DAY);
    await statusWhen(handle, (s) => Date.parse(s.nextClaimCheckAt!) > now + 40 * DAY);
    expect(suite.fake.mailsOf(id, 'reminder')).toHaveLength(10);

    // A late claim is still noticed.
    suite.fake.claim(id);
    await suite.env.sleep(3 * DAY + HOUR);
    const active = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(active.nextClaimCheckAt).toBeUndefined();
    expect(suite.fake.mailsOf(id, 'reminder')).toHaveLength(10);
  });

  it('stops reminding at the next check after a claim between two checks', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    await suite.env.sleep(DAY);
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(2 * DAY + HOUR);
    const status = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(status.remindersSent).toBe(1);
    expect(suite.fake.mailsOf(employee.employeeId, 'reminder')).toHaveLength(1);
    expect(events(status)).toEqual(['provisioned', 'invited', 'reminder-sent', 'claimed']);
  });

  it('ends reminders when a manager signals an early leave during them', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    const accepted = await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'now', note: 'contract ended' }],
    });
    expect(accepted.leave?.reason).toBe('early-leave');
    // Deactivated as soon as the directory answered; the read-back follows.
    const status = await statusWhen(
      handle,
      (s) => s.stage === 'Deactivated' && events(s).includes('read-back-confirmed'),
    );
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
    await suite.env.sleep(9 * DAY);
    expect(suite.fake.mailsOf(employee.employeeId, 'reminder')).toHaveLength(1);
    expect(events(status)).toEqual([
      'provisioned',
      'invited',
      'reminder-sent',
      'leave-scheduled',
      'deactivated',
      'read-back-confirmed',
    ]);
  });
});
