import { changeLeaveUpdate, withdrawOfferUpdate } from '../../workflows/contract';
import { DAY, dateIn, employeeRecord, events, startLifecycle, statusWhen, finalStatus } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

/** A plain SCIM 2.0 directory: accounts count as claimed once they exist, and any account can be deleted. */
const suite = timeSkippingSuite(undefined, { deleteClaimed: true });

describe('a plain SCIM 2.0 directory', () => {
  it('deletes a claimed account when retention ends instead of scrubbing it for an operator (defect 12)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(3 * DAY + 3_600_000);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await suite.env.sleep(31 * DAY);
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Deleted');
    expect(result.scrubbedAt).toBeUndefined();
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
    expect(events(result)).not.toContain('manual-deletion-requested');
  });

  it('deletes the account of a withdrawn offer (defect 12)', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now + 20 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    suite.fake.claim(employee.employeeId);
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{}] });
    expect((await finalStatus(handle)).stage).toBe('Withdrawn');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
  });
});
