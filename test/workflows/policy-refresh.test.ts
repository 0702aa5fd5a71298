import { changeLeaveUpdate, refreshPolicyUpdate } from '../../workflows/contract';
import { DAY, HOUR, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { TEST_POLICY, timeSkippingSuite } from '../helpers/time-skipping-suite';

// The worker's configuration as the fake activities read it: changed below, as an operator
// changing LIFECYCLE_* and restarting the worker would.
const workerPolicy = { ...TEST_POLICY };
const workerProtected: string[] = [];
const suite = timeSkippingSuite(workerPolicy, { protectedAccounts: workerProtected });

describe('policy of a running employee', () => {
  it('keeps the policy it started with when the worker configuration changes, until refreshPolicy', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    const invited = await statusWhen(handle, (s) => s.stage === 'Invited');
    expect(invited.policy.maxReminders).toBe(10);

    workerPolicy.maxReminders = 2;
    await suite.env.sleep(6 * DAY + HOUR);
    const unchanged = await statusWhen(handle, (s) => s.remindersSent === 2);
    expect(unchanged.stage).toBe('Invited');
    expect(unchanged.policy.maxReminders).toBe(10);

    const refreshed = await handle.executeUpdate(refreshPolicyUpdate, { args: [{}] });
    expect(refreshed.policy).toEqual({ ...TEST_POLICY, maxReminders: 2 });
    await suite.env.sleep(3 * DAY + HOUR);
    const capped = await statusWhen(handle, (s) => s.stage === 'Unclaimed');
    // The cap already reached under the new policy: the next check sends nothing more.
    expect(capped.remindersSent).toBe(2);
    expect(suite.fake.mailsOf(employee.employeeId, 'reminder')).toHaveLength(2);
  });

  it('protects an employee listed in GUARD_PROTECTED after the start once the policy is refreshed', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    workerProtected.push(employee.employeeId);
    await handle.executeUpdate(refreshPolicyUpdate, { args: [{}] });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: { role: 'hr', name: 'hr' } }] });
    const stopped = await statusWhen(handle, (s) => s.needsAttention);
    expect([stopped.stage, stopped.needsAttentionReason]).toEqual(['Invited', 'protected-account']);
    expect(suite.fake.callsOf('deactivateWorkplaceUser')).toEqual([]);
  });
});
