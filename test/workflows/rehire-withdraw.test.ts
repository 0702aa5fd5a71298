import { type WorkflowUpdateFailedError } from '@temporalio/client';
import {
  changeLeaveUpdate,
  placeLegalHoldUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  withdrawOfferUpdate,
} from '../../workflows/contract';
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

const suite = timeSkippingSuite();

describe('rehire', () => {
  it('reactivates the same claimed account with new dates before deletion and starts the cycle again', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');

    await suite.env.sleep(10 * DAY);
    const newLeave = dateIn(now + 200 * DAY);
    await handle.executeUpdate(rehireUpdate, {
      args: [{ startDate: dateIn(now + 20 * DAY), leaveDate: newLeave, title: 'Principal' }],
    });
    const back = await statusWhen(handle, (s) => s.stage === 'Active' && !s.pending.rehire);
    expect(back.cycle).toBe(2);
    expect(back.workplaceUserId).toBe(left.workplaceUserId);
    expect(back.employee.title).toBe('Principal');
    expect(back.leave?.at).toBe(`${dateIn(now + 201 * DAY)}T00:00:00.000Z`);
    expect(back.deleteAfter).toBeUndefined();
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(true);
    expect(events(back).slice(-2)).toEqual(['rehired', 'reactivated']);

    // The retention clock of the first employment no longer runs.
    await suite.env.sleep(30 * DAY);
    expect((await statusOf(handle)).stage).toBe('Active');
  });

  it('re-invites a rehired account that was never claimed, with reminder slots of the new cycle', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await handle.executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now - DAY) }] });
    const reinvited = await statusWhen(handle, (s) => s.stage === 'Invited' && s.cycle === 2);
    expect(reinvited.remindersSent).toBe(0);
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 1);
    expect(suite.fake.slotsOf(employee.employeeId, 'reminder')).toEqual(['c1-r1', 'c2-r1']);
  });

  it('starts a new run under the same workflow id after deletion', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 30 * DAY), leaveDate: dateIn(now + 2 * DAY) });
    const first = await startLifecycle(suite.env, employee);
    await suite.env.sleep(40 * DAY);
    const ended = await finalStatus(first);
    expect(ended.stage).toBe('Deleted');

    const again = await startLifecycle(suite.env, {
      ...employee,
      startDate: dateIn(now + 60 * DAY),
      leaveDate: undefined,
    });
    expect(again.workflowId).toBe(first.workflowId);
    const fresh = await statusWhen(again, (s) => s.stage === 'Provisioned');
    expect(fresh.cycle).toBe(1);
    expect(fresh.workplaceUserId).not.toBe(ended.workplaceUserId);
  });

  it('never reuses a Message-ID in a new employment of the same person after a deletion (defect 9)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const first = await startLifecycle(suite.env, employee);
    await statusWhen(first, (s) => s.stage === 'Invited');
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(first, (s) => s.remindersSent === 1);
    await first.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await suite.env.sleep(31 * DAY);
    expect((await finalStatus(first)).stage).toBe('Deleted');

    const later = await suite.env.currentTimeMs();
    const again = await startLifecycle(suite.env, { ...employee, startDate: dateIn(later - DAY) });
    await statusWhen(again, (s) => s.stage === 'Invited');
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(again, (s) => s.remindersSent === 1);
    const slots = suite.fake.mailsOf(employee.employeeId, 'reminder').map((m) => m.slot);
    expect(slots).toHaveLength(2);
    expect(new Set(slots).size).toBe(2);
    expect(suite.fake.slotsOf(employee.employeeId, 'reminder')).toEqual(['c1-r1', 'c1-r1']);
  });

  it('refuses a rehire of an employee who has not left', async () => {
    const now = await suite.env.currentTimeMs();
    const handle = await startLifecycle(suite.env, employeeRecord(now));
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    const refused = await handle
      .executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now) }] })
      .catch((e: unknown) => e);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
      'only a deactivated employee can be rehired (stage is Provisioned)',
    );
  });
});

describe('offer withdrawn', () => {
  it('deletes the never-claimed account of a withdrawn offer and completes Withdrawn', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 20 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{ note: 'candidate declined' }] });
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Withdrawn');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
    expect(suite.fake.callsOf('deactivateWorkplaceUser').map((c) => c.args)).not.toContainEqual(
      expect.objectContaining({ userId: result.workplaceUserId }),
    );
    expect(events(result)).toEqual(['provisioned', 'withdrawn', 'read-back-confirmed', 'deleted']);
  });

  it('keeps a withdrawn account deactivated under legal hold and removes it on release', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 20 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'dispute' }] });
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{}] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: { role: 'hr', name: 'alice' } }] });
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: { role: 'operator', name: 'bob' } }] });
    expect((await finalStatus(handle)).stage).toBe('Withdrawn');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
  });

  it('refuses to withdraw an offer once the start date has begun', async () => {
    const now = await suite.env.currentTimeMs();
    const handle = await startLifecycle(suite.env, employeeRecord(now, { startDate: dateIn(now - DAY) }));
    await statusWhen(handle, (s) => s.stage === 'Invited');
    const refused = await handle.executeUpdate(withdrawOfferUpdate, { args: [{}] }).catch((e: unknown) => e);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toMatch(
      /^the employee started on .*: schedule a leave instead$/,
    );
  });
});
