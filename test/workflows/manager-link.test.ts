import { DAY, HOUR, dateIn, employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

describe('the manager link', () => {
  it('links a report hired together with their manager as soon as the manager’s account exists (defect 11)', async () => {
    const now = await suite.env.currentTimeMs();
    const report = employeeRecord(now, { startDate: dateIn(now + 10 * DAY), managerEmployeeId: 'MGR-TOGETHER' });
    const handle = await startLifecycle(suite.env, report);
    const provisioned = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    expect(provisioned.manager?.workplaceUserId).toBeUndefined();
    expect(suite.fake.accountOf(report.employeeId)!.managerUserId).toBeUndefined();

    // The manager's own lifecycle provisions their account a few minutes later.
    await suite.env.sleep(5 * 60_000);
    const manager = suite.fake.seedAccount('MGR-TOGETHER', 'together@example.com', 'Together');
    await suite.env.sleep(HOUR);
    const linked = await statusWhen(handle, (s) => Boolean(s.manager?.workplaceUserId) && !s.pending.profileSync);
    expect(linked.manager?.workplaceUserId).toBe(manager.userId);
    expect(suite.fake.accountOf(report.employeeId)!.managerUserId).toBe(manager.userId);
    expect(events(linked, 'manager-linked')).toHaveLength(1);
    // Within the hour: the lookups back off from a minute, so the link lands minutes after the account.
    const linkedAt = Date.parse(linked.timeline.find((e) => e.event === 'manager-linked')!.at);
    expect(linkedAt - now).toBeLessThan(30 * 60_000);
  });

  it('stops looking a missing manager up once the employee has left', async () => {
    const now = await suite.env.currentTimeMs();
    const report = employeeRecord(now, {
      startDate: dateIn(now - DAY),
      managerEmployeeId: 'MGR-NEVER',
      leaveAt: new Date(now + 2 * DAY).toISOString(),
    });
    const handle = await startLifecycle(suite.env, report);
    await suite.env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    const lookups = () =>
      suite.fake.callsOf('resolveManager').filter((c) => JSON.stringify(c.args).includes('MGR-NEVER')).length;
    const before = lookups();
    await suite.env.sleep(20 * DAY);
    expect(lookups()).toBe(before);
  });
});
