import { retryUpdate } from '../../workflows/contract';
import { DAY, dateIn, employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';
import { changeLeaveUpdate } from '../../workflows/contract';

const suite = timeSkippingSuite();

async function invitedEmployee() {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  return { employee, handle };
}

describe('read-back after a removal', () => {
  it('reads the account back after the deactivation and records that the directory confirms it', async () => {
    const { employee, handle } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));
    expect(left).toMatchObject({ stage: 'Deactivated', needsAttention: false });
    expect(suite.fake.callsOf('readBackWorkplaceUser').map((c) => c.args)).toContainEqual(
      expect.objectContaining({ userId: left.workplaceUserId, expect: 'inactive' }),
    );
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
  });

  it('raises NeedsAttention with reason directory-mismatch when the directory still shows the account active', async () => {
    const { employee, handle } = await invitedEmployee();
    suite.fake.answerButNotApply('deactivateWorkplaceUser', employee.employeeId);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const flagged = await statusWhen(handle, (s) => s.needsAttention);
    expect(flagged).toMatchObject({ stage: 'Deactivated', needsAttentionReason: 'directory-mismatch' });
    expect(flagged.lastError).toMatchObject({ type: 'DirectoryMismatch' });
    expect(events(flagged)).not.toContain('read-back-confirmed');
    // Reminders stop all the same: the state is Deactivated, whatever the directory shows.
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(true);

    // The operator fixed the account by hand and retries: the flag goes.
    suite.fake.accountOf(employee.employeeId)!.active = false;
    const retried = await handle.executeUpdate(retryUpdate, { args: [{ note: 'deactivated in the Admin Panel' }] });
    expect(retried.needsAttention).toBe(false);
  });

  it('parks the end of retention when the deleted account is still there, and deletes again on retry', async () => {
    const { employee, handle } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated' && !s.needsAttention);
    suite.fake.answerButNotApply('deleteWorkplaceUser', employee.employeeId);
    await suite.env.sleep(31 * DAY);
    const flagged = await statusWhen(handle, (s) => s.needsAttention);
    expect(flagged).toMatchObject({ stage: 'Deactivated', needsAttentionReason: 'directory-mismatch' });
    expect(suite.fake.accountOf(employee.employeeId)).toBeDefined();

    await handle.executeUpdate(retryUpdate, { args: [{}] });
    const gone = await statusWhen(handle, (s) => s.stage === 'Deleted');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
    expect(events(gone).filter((e) => e === 'read-back-confirmed')).toHaveLength(2);
  });
});
