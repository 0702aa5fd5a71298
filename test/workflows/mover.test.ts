import { changeProfileUpdate } from '../../workflows/contract';
import { DAY, dateIn, employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { eventually } from '../helpers/eventually';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

async function invitedEmployee(overrides: Parameters<typeof employeeRecord>[1] = {}) {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - DAY), ...overrides });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  return { employee, handle };
}

const profileWrites = () => suite.fake.callsOf('updateWorkplaceProfile').length;

describe('mover', () => {
  it('writes a mover change to Workplace: e-mail, title, department, cost centre and manager', async () => {
    const manager = suite.fake.seedAccount('MGR-MV1', 'mgr-mv1@example.com', 'Mia Mover');
    const { employee, handle } = await invitedEmployee();
    await handle.executeUpdate(changeProfileUpdate, {
      args: [
        {
          changes: {
            email: `moved-${employee.employeeId}@example.com`.toLowerCase(),
            title: 'Staff Engineer',
            department: 'Platform',
            costCenter: 'CC-42',
            managerEmployeeId: 'MGR-MV1',
          },
        },
      ],
    });
    const status = await statusWhen(handle, (s) => !s.pending.profileSync);
    expect(suite.fake.accountOf(employee.employeeId)).toMatchObject({
      email: `moved-${employee.employeeId}@example.com`.toLowerCase(),
      title: 'Staff Engineer',
      department: 'Platform',
      costCenter: 'CC-42',
      managerUserId: manager.userId,
    });
    expect(status.timeline.filter((e) => e.event === 'profile-updated').map((e) => e.detail)).toEqual([
      'email, title, department, costCenter, managerEmployeeId',
    ]);
  });

  it('also writes a change accepted while the previous one was being written to Workplace', async () => {
    const { employee, handle } = await invitedEmployee();
    const release = suite.fake.hold('updateWorkplaceProfile');
    const before = profileWrites();
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Lead' } }] });
    await eventually(
      async () => profileWrites(),
      (n) => n === before + 1,
    );
    // The first write is in flight: this change arrives during it.
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { department: 'Research' } }] });
    release();
    const status = await statusWhen(handle, (s) => !s.pending.profileSync);
    expect(suite.fake.accountOf(employee.employeeId)).toMatchObject({ title: 'Lead', department: 'Research' });
    expect(profileWrites()).toBe(before + 2);
    expect(events(status, 'profile-updated')).toHaveLength(2);
  });

  it('links the manager named last when the manager changes again while the first is being looked up', async () => {
    suite.fake.seedAccount('MGR-MV2', 'mgr-mv2@example.com', 'First Manager');
    const second = suite.fake.seedAccount('MGR-MV3', 'mgr-mv3@example.com', 'Second Manager');
    const { employee, handle } = await invitedEmployee();
    const release = suite.fake.hold('resolveManager');
    const lookups = suite.fake.callsOf('resolveManager').length;
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { managerEmployeeId: 'MGR-MV2' } }] });
    await eventually(
      async () => suite.fake.callsOf('resolveManager').length,
      (n) => n === lookups + 1,
    );
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { managerEmployeeId: 'MGR-MV3' } }] });
    release();
    const status = await statusWhen(handle, (s) => !s.pending.profileSync && !s.pending.managerChanged);
    expect(status.manager).toMatchObject({ employeeId: 'MGR-MV3', workplaceUserId: second.userId });
    expect(suite.fake.accountOf(employee.employeeId)!.managerUserId).toBe(second.userId);
  });
});
