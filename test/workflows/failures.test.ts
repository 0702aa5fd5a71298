import { ApplicationFailure } from '@temporalio/common';
import { changeLeaveUpdate, changeProfileUpdate, retryUpdate } from '../../workflows/contract';
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
    expect(done.lastError).toBeUndefined();
    expect(done.timeline.find((e) => e.event === 'failed')?.detail).toMatch(/^provision: WorkplaceRequestRejected: /);
  });

  it('still deactivates at the leave while a reminder failure waits for an operator', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, {
      startDate: dateIn(now - DAY),
      leaveAt: new Date(now + 10 * DAY).toISOString(),
    });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.failWith('remindToClaim', () =>
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
    suite.fake.heal('remindToClaim');
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

  it('parks every failing action of an account deleted by hand, without spinning (defect 1)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.deleteByHand(employee.employeeId);
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Lead' } }] });
    await suite.env.sleep(3 * DAY + HOUR);
    const stuck = await statusWhen(handle, (s) => s.parked.length === 2);
    expect(stuck.parked.map((p) => p.action).sort()).toEqual(['check-claim', 'sync-profile']);
    const callsAbout = () =>
      suite.fake.calls.filter((c) => JSON.stringify(c.args).includes(`"${stuck.workplaceUserId}"`)).length;
    const calls = callsAbout();
    const events = (await handle.fetchHistory()).events!.length;
    await suite.env.sleep(30 * DAY);
    expect(callsAbout()).toBe(calls);
    // A month of waiting adds no directory calls and no more than a handful of events.
    expect((await handle.fetchHistory()).events!.length - events).toBeLessThan(10);
    expect((await statusOf(handle)).parked).toHaveLength(2);
  });

  it('retries on its own, with a backoff, while the directory refuses Tenure’s credentials, and flags why (defect 10)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.failWith('deactivateWorkplaceUser', () =>
      ApplicationFailure.create({ type: 'DirectoryUnauthorized', message: '401 token revoked', nonRetryable: true }),
    );
    const deactivations = () =>
      suite.fake.callsOf('deactivateWorkplaceUser').filter((c) => JSON.stringify(c.args).includes('"userId"')).length;
    const before = deactivations();
    try {
      await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
      const flagged = await statusWhen(handle, (s) => s.needsAttention);
      expect(flagged.needsAttentionReason).toBe('directory-unauthorized');
      expect(flagged.lastError).toMatchObject({ action: 'deactivate', type: 'DirectoryUnauthorized' });
      expect(Date.parse(flagged.lastError!.retryAt!) - Date.parse(flagged.lastError!.at)).toBe(60_000);
      await suite.env.sleep(70_000);
      const again = await statusWhen(handle, () => deactivations() >= before + 2);
      expect(Date.parse(again.lastError!.retryAt!) - Date.parse(again.lastError!.at)).toBe(120_000);
    } finally {
      suite.fake.heal('deactivateWorkplaceUser');
    }
    await suite.env.sleep(3 * 60_000);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.needsAttention).toBe(false);
    expect(events(left, 'retried')).toEqual([]);
  });

  it('parks a manager lookup refused after the deactivation instead of repeating it at once (found by the model test)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY), managerEmployeeId: 'FAIL-MGR-LATE' });
    const lookups = () =>
      suite.fake.callsOf('resolveManager').filter((c) => JSON.stringify(c.args).includes('FAIL-MGR-LATE')).length;
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.failWith('resolveManager', () =>
      ApplicationFailure.create({ type: 'DirectoryUnauthorized', message: '401 token revoked', nonRetryable: true }),
    );
    try {
      await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
      await statusWhen(handle, (s) => s.stage === 'Deactivated');
      // The next lookup is due a minute after the first one; let it come due and be refused.
      await suite.env.sleep(61_000);
      const status = await statusWhen(handle, (s) => s.parked.some((p) => p.action === 'resolve-manager'));
      expect(status.parked.find((p) => p.action === 'resolve-manager')).toMatchObject({
        reason: 'directory-unauthorized',
        retryAt: expect.any(String),
      });
      const parked = lookups();
      // A second of real time: a lookup repeated at once would have run hundreds of times.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(lookups() - parked).toBe(0);
    } finally {
      suite.fake.heal('resolveManager');
    }
  });

  it('gives a non-critical action that keeps failing transiently an hour, then flags it and tries again later (defect 7)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.failWith('updateWorkplaceProfile', () =>
      ApplicationFailure.create({ type: 'WorkplaceUnavailable', message: '503', nonRetryable: false }),
    );
    try {
      await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Lead' } }] });
      await suite.env.sleep(HOUR + 10 * 60_000);
      const gaveUp = await statusWhen(handle, (s) => s.needsAttention);
      expect(gaveUp.lastError).toMatchObject({
        action: 'sync-profile',
        type: 'GaveUpForNow',
        reason: 'gave-up-for-now',
      });
      expect(gaveUp.lastError?.retryAt).toBeDefined();
    } finally {
      suite.fake.heal('updateWorkplaceProfile');
    }
    await suite.env.sleep(2 * HOUR);
    const written = await statusWhen(handle, (s) => !s.pending.profileSync && !s.needsAttention);
    expect(written.employee.title).toBe('Lead');
    expect(suite.fake.accountOf(employee.employeeId)!.title).toBe('Lead');
  });
});
