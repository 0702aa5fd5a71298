import { ApplicationFailure } from '@temporalio/common';
import { changeLeaveUpdate, retryUpdate } from '../../workflows/definitions';
import { DAY, HOUR, dateIn, employeeRecord, events, startLifecycle, statusOf, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();
const rejected = (message: string) => () =>
  ApplicationFailure.create({ type: 'WorkplaceRequestRejected', message, nonRetryable: true });

describe('failures', () => {
  it('records a non-retryable failure as needs-attention and resumes on an operator retry', async () => {
    const now = await suite.env.currentTimeMs();
    suite.fake.failWith('createWorkplaceUser', rejected('userName: domain example.org is not verified'));
    const employee = employeeRecord(now);
    const handle = await startLifecycle(suite.env, employee);
    const stuck = await statusWhen(handle, (s) => s.needsAttention);
    expect(stuck.stage).toBe('Provisioning');
    expect(stuck.lastError).toMatchObject({
      action: 'provision',
      type: 'WorkplaceRequestRejected',
      message: 'userName: domain example.org is not verified',
    });
    expect(events(stuck)).toEqual(['failed']);
    expect(stuck.schedule).toEqual([expect.objectContaining({ action: 'provision', blockedBy: 'needs-attention' })]);
    // Not retried by itself, however long it waits.
    await suite.env.sleep(5 * DAY);
    expect(
      suite.fake.callsOf('createWorkplaceUser').filter((c) => JSON.stringify(c.args).includes(employee.employeeId)),
    ).toHaveLength(1);

    suite.fake.heal('createWorkplaceUser');
    const resumed = await handle.executeUpdate(retryUpdate, { args: [{ note: 'domain verified' }] });
    expect(resumed.needsAttention).toBe(false);
    const done = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    expect(events(done)).toEqual(['failed', 'retried', 'provisioned']);
    expect(done.lastError?.type).toBe('WorkplaceRequestRejected');
  });

  it('still deactivates at the leave while a reminder failure waits for an operator', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, {
      startDate: dateIn(now - DAY),
      leaveAt: new Date(now + 10 * DAY).toISOString(),
    });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.failWith('sendClaimReminder', () =>
      ApplicationFailure.create({ type: 'MailRejected', message: '550 no such user', nonRetryable: true }),
    );
    await suite.env.sleep(3 * DAY + HOUR);
    const stuck = await statusWhen(handle, (s) => s.needsAttention);
    expect(stuck.lastError).toMatchObject({ action: 'check-claim', type: 'MailRejected' });
    await suite.env.sleep(7 * DAY);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.needsAttention).toBe(false);
    expect(left.timeline.find((e) => e.event === 'deactivated')?.detail).toBe(
      'leave-date; the failed check-claim no longer applies',
    );
    suite.fake.heal('sendClaimReminder');
  });

  it('keeps accepting requests while it needs attention', async () => {
    const now = await suite.env.currentTimeMs();
    suite.fake.failWith('inviteWorkplaceUser', rejected('invites are disabled for this company'));
    // Starts in two days: provisioned now, invited separately at the invite moment.
    const handle = await startLifecycle(suite.env, employeeRecord(now, { startDate: dateIn(now + 2 * DAY) }));
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await suite.env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.needsAttention && s.lastError?.action === 'invite');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.needsAttention).toBe(false);
    suite.fake.heal('inviteWorkplaceUser');
    expect((await statusOf(handle)).stage).toBe('Deactivated');
  });
});
