import { ApplicationFailure } from '@temporalio/common';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  placeLegalHoldUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  withdrawOfferUpdate,
} from '../../workflows/contract';
import type { Activities } from '../../activities';
import { eventually } from '../helpers/eventually';
import {
  DAY,
  HOUR,
  dateIn,
  employeeRecord,
  events,
  startLifecycle,
  statusOf,
  statusWhen,
  finalStatus,
} from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

/**
 * Requests accepted while a directory call is in flight: each takes effect (or is visibly
 * superseded) when the call returns. Fake activities hold a call until the test releases it.
 */
const suite = timeSkippingSuite();

const hr = { role: 'hr' as const, name: 'alice' };
const legal = { role: 'operator' as const, name: 'bob' };

/** Resolves once `name` was called more than `before` times (a held call is in flight). */
async function waitForCall(name: keyof Activities, before: number): Promise<void> {
  await eventually(
    async () => suite.fake.callsOf(name).length,
    (n) => n > before,
  );
}

/**
 * Skips time to the end of retention, not beyond: the time-skipping server stops skipping while an
 * activity is in flight, so a sleep past the held delete would never end.
 */
async function untilRetentionEnds(status: { deleteAfter?: string }): Promise<void> {
  await suite.env.sleep(Date.parse(status.deleteAfter!) - (await suite.env.currentTimeMs()));
}

async function activeEmployee() {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  suite.fake.claim(employee.employeeId);
  await suite.env.sleep(3 * DAY + HOUR);
  await statusWhen(handle, (s) => s.stage === 'Active');
  return { employee, handle, now };
}

describe('requests accepted while a directory call is in flight', () => {
  it('keeps a rehire accepted while the retention delete is in flight: the employee gets a new account (defect 2)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    const deletes = suite.fake.callsOf('deleteWorkplaceUser').length;
    const release = suite.fake.hold('deleteWorkplaceUser');
    await untilRetentionEnds(left);
    await waitForCall('deleteWorkplaceUser', deletes);
    await handle.executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now + 40 * DAY), by: hr }] });
    release();
    const back = await statusWhen(handle, (s) => s.stage === 'Provisioned' && s.cycle === 2);
    expect(back.workplaceUserId).toBeDefined();
    expect(back.workplaceUserId).not.toBe(left.workplaceUserId);
    expect(suite.fake.accountOf(employee.employeeId)?.active).toBe(true);
    expect(events(back)).toEqual(expect.arrayContaining(['rehired', 'deleted', 'provisioned']));
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('stops before the scrub when a legal hold arrives while the delete is refused (defect 3)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    // Claimed between two checks: Tenure still takes the account for deletable, and Workplace refuses (412).
    suite.fake.claim(employee.employeeId);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    const deletes = suite.fake.callsOf('deleteWorkplaceUser').length;
    const release = suite.fake.hold('deleteWorkplaceUser');
    await untilRetentionEnds(left);
    await waitForCall('deleteWorkplaceUser', deletes);
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'subpoena', by: legal }] });
    release();
    await suite.env.sleep(30 * DAY);
    const held = await statusOf(handle);
    expect(held.stage).toBe('Deactivated');
    expect(held.scrubbedAt).toBeUndefined();
    expect(suite.fake.callsOf('scrubWorkplaceUser').map((c) => c.args)).not.toContainEqual(
      expect.objectContaining({ userId: held.workplaceUserId }),
    );
    expect(suite.fake.mailsOf(employee.employeeId, 'manual-deletion-request')).toEqual([]);
    expect(held.schedule).toEqual([expect.objectContaining({ action: 'expire-retention', blockedBy: 'legal-hold' })]);
  });

  it('keeps the run (and its records) open when a hold arrives while a withdrawn offer’s account is being deleted (defect 3)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 20 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const deletes = suite.fake.callsOf('deleteWorkplaceUser').length;
    const release = suite.fake.hold('deleteWorkplaceUser');
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{ by: hr }] });
    await waitForCall('deleteWorkplaceUser', deletes);
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'dispute', by: legal }] });
    release();
    const gone = await statusWhen(handle, (s) => s.stage === 'Withdrawn');
    expect(gone.timeline.find((e) => e.event === 'deleted')?.detail).toMatch(
      /legal hold was placed while the deletion/,
    );
    await suite.env.sleep(5 * DAY);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: hr }] });
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: legal }] });
    expect((await finalStatus(handle)).stage).toBe('Withdrawn');
  });

  it('takes effect after the deactivation: a leave removed and a title changed while it ran (defect 4)', async () => {
    const { employee, handle } = await activeEmployee();
    const deactivations = suite.fake.callsOf('deactivateWorkplaceUser').length;
    const release = suite.fake.hold('deactivateWorkplaceUser');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await waitForCall('deactivateWorkplaceUser', deactivations);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'none', note: 'mistake', by: hr }] });
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Staff Engineer' }, by: hr }] });
    release();
    const back = await statusWhen(handle, (s) => s.stage === 'Active' && !s.pending.profileSync);
    expect(back.leave).toBeUndefined();
    expect(suite.fake.accountOf(employee.employeeId)).toMatchObject({ active: true, title: 'Staff Engineer' });
    expect(events(back).slice(-5)).toEqual([
      'leave-cancelled',
      'profile-updated',
      'deactivated',
      'read-back-confirmed',
      'reactivated',
    ]);
  });

  it('withdraws an offer whose provisioning failed without ever creating the account (defect 6)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 20 * DAY) });
    suite.fake.failWith('createWorkplaceUser', () =>
      ApplicationFailure.create({
        type: 'WorkplaceRequestRejected',
        message: 'domain not verified',
        nonRetryable: true,
      }),
    );
    try {
      const handle = await startLifecycle(suite.env, employee);
      await statusWhen(handle, (s) => s.needsAttention && s.stage === 'Provisioning');
      await handle.executeUpdate(withdrawOfferUpdate, { args: [{ note: 'declined', by: hr }] });
      const result = await finalStatus(handle);
      expect(result.stage).toBe('Withdrawn');
      expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
      const creates = suite.fake
        .callsOf('createWorkplaceUser')
        .filter((c) => JSON.stringify(c.args).includes(employee.employeeId));
      expect(creates).toHaveLength(1);
    } finally {
      suite.fake.heal('createWorkplaceUser');
    }
  });

  it('deactivates on time while a profile write hangs: the write is pre-empted and done afterwards (defect 7)', async () => {
    const { employee, handle } = await activeEmployee();
    const writes = suite.fake.callsOf('updateWorkplaceProfile').length;
    const release = suite.fake.hold('updateWorkplaceProfile');
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Lead' }, by: hr }] });
    await waitForCall('updateWorkplaceProfile', writes);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
    expect(left.pending.profileSync).toBe(true);
    release();
    const written = await statusWhen(handle, (s) => !s.pending.profileSync);
    expect(written.stage).toBe('Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)).toMatchObject({ active: false, title: 'Lead' });
  });
});

describe('a deletion request out with the operators', () => {
  async function awaitingManualDeletion() {
    const { employee, handle } = await activeEmployee();
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await suite.env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion' && Boolean(s.manualDeletionRequestedAt));
    return { employee, handle };
  }

  it('is retracted when a legal hold is placed, and sent again once two people release the hold (defect 8)', async () => {
    const { employee, handle } = await awaitingManualDeletion();
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'subpoena', by: legal }] });
    const retracted = await statusWhen(handle, (s) => Boolean(s.deletionRequestRetractedAt));
    expect(suite.fake.slotsOf(employee.employeeId, 'deletion-request-retraction')).toEqual(['c1-retraction-1']);
    expect(retracted.schedule).toEqual([{ action: 'request-manual-deletion', blockedBy: 'legal-hold' }]);
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: hr }] });
    const asked = await statusOf(handle);
    expect(asked.legalHold?.releaseRequested?.by).toEqual(hr);
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: legal }] });
    await statusWhen(handle, (s) => !s.deletionRequestRetractedAt && Boolean(s.manualDeletionRequestedAt));
    expect(suite.fake.slotsOf(employee.employeeId, 'manual-deletion-request')).toEqual([
      'c1-deletion-1',
      'c1-deletion-2',
    ]);
  });

  it('is retracted before a rehire reactivates the account (defect 8)', async () => {
    const { employee, handle } = await awaitingManualDeletion();
    const now = await suite.env.currentTimeMs();
    await handle.executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now + 10 * DAY), by: hr }] });
    const back = await statusWhen(handle, (s) => s.stage === 'Active' && s.cycle === 2);
    expect(suite.fake.mailsOf(employee.employeeId, 'deletion-request-retraction')).toHaveLength(1);
    expect(events(back).slice(-3)).toEqual(['rehired', 'deletion-request-retracted', 'reactivated']);
    expect(suite.fake.accountOf(employee.employeeId)).toMatchObject({ active: true, scrubbed: false });
  });
});
