import { changeLeaveUpdate, profileDriftedSignal } from '../../workflows/contract';
import { DAY, dateIn, employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

const writesOf = (userId: string | undefined) =>
  suite.fake.callsOf('updateWorkplaceProfile').filter((c) => (c.args as { userId: string }).userId === userId).length;

describe('profile drift reported by the reconciler', () => {
  it('writes the whole profile again when the directory drifted, and records drift-corrected', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY), department: 'Support' });
    const handle = await startLifecycle(suite.env, employee);
    const invited = await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.accountOf(employee.employeeId)!.department = 'Sales';
    const before = writesOf(invited.workplaceUserId);

    await handle.signal(profileDriftedSignal);
    const corrected = await statusWhen(handle, (s) => events(s).includes('drift-corrected') && !s.pending.profileSync);
    expect(writesOf(corrected.workplaceUserId)).toBe(before + 1);
    expect(suite.fake.accountOf(employee.employeeId)!.department).toBe('Support');
  });

  it('ignores drift once the profile is no longer Tenure’s to write (scrubbed, awaiting manual deletion)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.claim(employee.employeeId);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await suite.env.sleep(31 * DAY);
    const awaiting = await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    const before = writesOf(awaiting.workplaceUserId);

    await handle.signal(profileDriftedSignal);
    await suite.env.sleep(60_000);
    const after = await statusWhen(handle, () => true);
    expect(events(after)).not.toContain('drift-corrected');
    expect(writesOf(after.workplaceUserId)).toBe(before);
  });
});
