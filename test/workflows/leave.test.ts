import { changeLeaveUpdate } from '../../workflows/contract';
import {
  DAY,
  HOUR,
  dateIn,
  employeeRecord,
  events,
  expectAt,
  startLifecycle,
  statusOf,
  statusWhen,
  finalStatus,
} from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();
const at = (iso: string | undefined) => Date.parse(iso!);

async function activeEmployee(overrides: Parameters<typeof employeeRecord>[1] = {}) {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY), ...overrides });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  suite.fake.claim(employee.employeeId);
  return { employee, handle, now };
}

describe('leave', () => {
  it('deactivates at the end of the leave date, after e-mailing the manager the notice period before', async () => {
    suite.fake.seedAccount('MGR-L1', 'mgr-l1@example.com');
    const now = await suite.env.currentTimeMs();
    const leaveDate = dateIn(now + 20 * DAY);
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY), leaveDate, managerEmployeeId: 'MGR-L1' });
    const handle = await startLifecycle(suite.env, employee);
    const scheduled = await statusWhen(handle, (s) => s.stage === 'Invited');
    const due = Date.parse(`${dateIn(now + 21 * DAY)}T00:00:00Z`);
    expect(scheduled.leave?.at).toBe(new Date(due).toISOString());
    expect(scheduled.schedule).toContainEqual({ action: 'leave-notice', at: new Date(due - 7 * DAY).toISOString() });

    await suite.env.sleep(due - 7 * DAY - now + HOUR);
    const noticed = await statusWhen(handle, (s) => Boolean(s.leave?.noticeSentAt));
    expectAt(noticed.leave?.noticeSentAt, due - 7 * DAY);
    expect(suite.fake.mailsOf(employee.employeeId, 'leave-notice')).toMatchObject([
      { kind: 'leave-notice', employeeId: employee.employeeId, to: 'mgr-l1@example.com' },
    ]);
    expect(suite.fake.slotsOf(employee.employeeId, 'leave-notice')).toEqual([`c1-leave-${due / 1000}`]);
    expect(noticed.stage).not.toBe('Deactivated');

    await suite.env.sleep(7 * DAY);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expectAt(left.deactivatedAt, due);
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
    expectAt(left.deleteAfter, due + 30 * DAY);
  });

  it('re-arms the deactivation when the leave date moves later', async () => {
    const { employee, handle, now } = await activeEmployee({ leaveDate: undefined });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now + 5 * DAY) }] });
    await statusWhen(handle, (s) => Boolean(s.leave?.at));
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now + 15 * DAY) }] });
    const moved = await statusWhen(
      handle,
      (s) => s.leave?.at === `${dateIn(now + 16 * DAY)}T00:00:00.000Z` && !s.pending.profileSync,
    );
    expect(events(moved).slice(-2)).toEqual(['leave-scheduled', 'leave-moved']);
    // Workplace's termination date follows the leave.
    expect(suite.fake.accountOf(employee.employeeId)!.termAt).toBe(moved.leave!.at);
    await suite.env.sleep(10 * DAY);
    expect((await statusOf(handle)).stage).not.toBe('Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(true);
    await suite.env.sleep(7 * DAY);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expectAt(left.deactivatedAt, Date.parse(`${dateIn(now + 16 * DAY)}T00:00:00.000Z`));
  });

  it('re-arms the deactivation when the leave date moves earlier', async () => {
    const { handle, now } = await activeEmployee({ leaveDate: undefined });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now + 30 * DAY) }] });
    await statusWhen(handle, (s) => Boolean(s.leave?.at));
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 4 * DAY).toISOString() }],
    });
    await suite.env.sleep(5 * DAY);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expectAt(left.deactivatedAt, now + 4 * DAY);
  });

  it('cancels the deactivation when the leave is removed', async () => {
    const { employee, handle, now } = await activeEmployee({ leaveDate: undefined });
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 3 * DAY).toISOString() }],
    });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'none', note: 'stays on' }] });
    const kept = await statusWhen(handle, (s) => s.leave === undefined && !s.pending.profileSync);
    expect(events(kept)).toContain('leave-cancelled');
    expect(suite.fake.accountOf(employee.employeeId)!.termAt).toBeUndefined();
    expect(kept.schedule.find((a) => a.action === 'deactivate')).toBeUndefined();
    await suite.env.sleep(10 * DAY);
    expect((await statusOf(handle)).stage).toBe('Active');
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(true);
  });

  it('deactivates at once when a leave date already in the past arrives', async () => {
    const { employee, handle, now } = await activeEmployee({ leaveDate: undefined });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now - DAY) }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(at(left.deactivatedAt)).toBeGreaterThanOrEqual(now);
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
  });

  it('deactivates an employee who leaves before the start date, and deletes the never-claimed account after retention', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 30 * DAY), leaveDate: dateIn(now + 5 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await suite.env.sleep(6 * DAY + HOUR);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.invitedAt).toBeUndefined();
    expect(
      suite.fake
        .callsOf('inviteWorkplaceUser')
        .filter((c) => (c.args as { userId: string }).userId === left.workplaceUserId),
    ).toEqual([]);
    await suite.env.sleep(31 * DAY);
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Deleted');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
    expect(events(result)).toEqual([
      'leave-scheduled',
      'provisioned',
      'deactivated',
      'read-back-confirmed',
      'read-back-confirmed',
      'deleted',
    ]);
  });

  it('takes a manager early leave effective at a later instant', async () => {
    const { handle, now } = await activeEmployee({ leaveDate: undefined });
    const accepted = await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 2 * DAY).toISOString(), reason: 'early-leave' }],
    });
    expect(accepted.leave).toMatchObject({ at: new Date(now + 2 * DAY).toISOString(), reason: 'early-leave' });
    await suite.env.sleep(3 * DAY);
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.timeline.find((e) => e.event === 'deactivated')?.detail).toMatch(
      /^early-leave \(requested by operator /,
    );
  });
});
