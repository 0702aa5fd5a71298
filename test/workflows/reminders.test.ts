import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { changeLeaveUpdate } from '../../workflows/definitions';
import type { LifecyclePolicy } from '../../workflows/lifecycle/types';
import { fakeActivities } from '../helpers/fake-activities';
import { DAY, HOUR, dateIn, employeeRecord, events, startLifecycle, statusOf, statusWhen } from '../helpers/lifecycle';
import { createTimeSkippingEnv } from '../helpers/temporal-env';
import { createTestWorker } from '../helpers/worker';

const policy: LifecyclePolicy = {
  inviteOffset: '9h',
  reminderInterval: '3 days',
  escalateAfter: 3,
  maxReminders: 10,
  leaveNotice: '7 days',
  retention: '30 days',
};

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const fake = fakeActivities(policy);

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  worker = await createTestWorker(env, { activities: fake.activities });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe('provisioning and invitation', () => {
  it('provisions the account at once, not invited, so colleagues can find the new hire before day one', async () => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { managerEmployeeId: 'MGR-1' });
    fake.seedAccount('MGR-1', 'grace@example.com', 'Grace Hopper');
    const handle = await startLifecycle(env, employee);
    const status = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const account = fake.accountOf(employee.employeeId)!;
    expect(account.invited).toBe(false);
    expect(account.managerUserId).toBe(fake.accountOf('MGR-1')!.userId);
    expect(status.workplaceUserId).toBe(account.userId);
    expect(events(status)).toEqual(['provisioned']);
    expect(status.schedule[0]).toEqual({ action: 'invite', at: `${employee.startDate}T09:00:00.000Z` });
  });

  it('invites at the start of the start date in the employee zone plus the offset', async () => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { timeZone: 'Asia/Tokyo', startDate: dateIn(now + 5 * DAY, 'Asia/Tokyo') });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const inviteAt = Date.parse(`${employee.startDate}T00:00:00+09:00`) + 9 * HOUR;
    await env.sleep(inviteAt - (await env.currentTimeMs()) - HOUR);
    expect((await statusOf(handle)).stage).toBe('Provisioned');
    await env.sleep(2 * HOUR);
    const status = await statusWhen(handle, (s) => s.stage === 'Invited');
    expect(Date.parse(status.invitedAt!)).toBeGreaterThanOrEqual(inviteAt);
    expect(Date.parse(status.invitedAt!) - inviteAt).toBeLessThan(HOUR);
    expect(fake.accountOf(employee.employeeId)!.invited).toBe(true);
  });

  it('invites at once when the invite moment has already passed', async () => {
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(env, employeeRecord(now, { startDate: dateIn(now - 2 * DAY) }));
    const status = await statusWhen(handle, (s) => s.stage === 'Invited');
    expect(events(status)).toEqual(['provisioned', 'invited']);
  });

  it('skips the invite when the account was claimed before the invite moment', async () => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now);
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    fake.claim(employee.employeeId);
    await env.sleep(11 * DAY);
    const status = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(events(status)).toEqual(['provisioned', 'claimed']);
    expect(fake.accountOf(employee.employeeId)!.invited).toBe(false);
  });
});

describe('reminders', () => {
  it('sends exactly one reminder per interval, escalates to the manager after the third, and stops at the tenth', async () => {
    const now = await env.currentTimeMs();
    fake.seedAccount('MGR-2', 'linus@example.com', 'Linus');
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY), managerEmployeeId: 'MGR-2' });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    const id = employee.employeeId;

    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    expect(fake.mailsOf(id, 'reminder').map((m) => m.slot)).toEqual(['c1-r1']);

    await env.sleep(6 * DAY);
    const third = await statusWhen(handle, (s) => s.remindersSent === 3 && Boolean(s.managerEscalatedAt));
    expect(fake.mailsOf(id, 'manager-escalation')).toEqual([
      { kind: 'manager-escalation', employeeId: id, slot: 'c1-escalation', to: 'linus@example.com' },
    ]);
    expect(events(third, 'manager-escalated')).toHaveLength(1);

    await env.sleep(21 * DAY);
    const tenth = await statusWhen(handle, (s) => s.stage === 'Unclaimed');
    expect(tenth.remindersSent).toBe(10);
    expect(fake.mailsOf(id, 'reminder').map((m) => m.slot)).toEqual(
      Array.from({ length: 10 }, (_, i) => `c1-r${i + 1}`),
    );
    expect(fake.mailsOf(id, 'manager-escalation')).toHaveLength(1);
    expect(events(tenth, 'reminders-exhausted')).toHaveLength(1);

    // Unclaimed: still checked at every interval, but no more e-mails.
    await env.sleep(9 * DAY);
    await statusWhen(handle, (s) => Date.parse(s.nextClaimCheckAt!) > now + 40 * DAY);
    expect(fake.mailsOf(id, 'reminder')).toHaveLength(10);

    // A late claim is still noticed.
    fake.claim(id);
    await env.sleep(3 * DAY + HOUR);
    const active = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(active.nextClaimCheckAt).toBeUndefined();
    expect(fake.mailsOf(id, 'reminder')).toHaveLength(10);
  });

  it('stops reminding at the next check after a claim between two checks', async () => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    await env.sleep(DAY);
    fake.claim(employee.employeeId);
    await env.sleep(2 * DAY + HOUR);
    const status = await statusWhen(handle, (s) => s.stage === 'Active');
    expect(status.remindersSent).toBe(1);
    expect(fake.mailsOf(employee.employeeId, 'reminder')).toHaveLength(1);
    expect(events(status)).toEqual(['provisioned', 'invited', 'reminder-sent', 'claimed']);
  });

  it('ends reminders when a manager signals an early leave during them', async () => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    const accepted = await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'now', note: 'contract ended' }],
    });
    expect(accepted.leave?.reason).toBe('early-leave');
    const status = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(fake.accountOf(employee.employeeId)!.active).toBe(false);
    await env.sleep(9 * DAY);
    expect(fake.mailsOf(employee.employeeId, 'reminder')).toHaveLength(1);
    expect(events(status)).toEqual(['provisioned', 'invited', 'reminder-sent', 'leave-scheduled', 'deactivated']);
  });
});
