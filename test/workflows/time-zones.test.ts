import { changeLeaveUpdate } from '../../workflows/contract';
import { DAY, HOUR, employeeRecord, expectAt, startLifecycle, statusOf, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

/** A date in the future whose end is known in each zone: the tests fix instants, not "now + n". */
function yearAhead(now: number, monthDay: string): string {
  const year = new Date(now).getUTCFullYear() + 1;
  return `${year}-${monthDay}`;
}

async function leavingOn(timeZone: string, leaveDate: string) {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { timeZone, startDate: '2020-01-06', leaveDate });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  suite.fake.claim(employee.employeeId);
  return handle;
}

describe('time zones', () => {
  it('deactivates at the end of the leave date in Asia/Tokyo and, the same date, 16 hours later in America/Los_Angeles', async () => {
    const now = await suite.env.currentTimeMs();
    const leaveDate = yearAhead(now, '07-31');
    const tokyo = await leavingOn('Asia/Tokyo', leaveDate);
    const la = await leavingOn('America/Los_Angeles', leaveDate);
    const tokyoDue = Date.parse(`${leaveDate}T15:00:00Z`); // 00:00 JST on the next day
    const laDue = Date.parse(`${leaveDate}T00:00:00Z`) + DAY + 7 * HOUR; // 00:00 PDT on the next day
    expect((await statusOf(tokyo)).leave?.at).toBe(new Date(tokyoDue).toISOString());
    expect((await statusOf(la)).leave?.at).toBe(new Date(laDue).toISOString());

    await suite.env.sleep(tokyoDue - now + HOUR);
    expectAt((await statusWhen(tokyo, (s) => s.stage === 'Deactivated')).deactivatedAt, tokyoDue);
    expect((await statusOf(la)).stage).toBe('Active');
    await suite.env.sleep(laDue - tokyoDue);
    expectAt((await statusWhen(la, (s) => s.stage === 'Deactivated')).deactivatedAt, laDue);
  });

  it('ends the leave date at local midnight across the spring-forward DST change in Los Angeles', async () => {
    const now = await suite.env.currentTimeMs();
    // Second Sunday of March: clocks go from 02:00 PST to 03:00 PDT; that day has 23 hours.
    const year = new Date(now).getUTCFullYear() + 1;
    const march1 = new Date(Date.UTC(year, 2, 1)).getUTCDay();
    const dstDay = 1 + ((7 - march1) % 7) + 7;
    const leaveDate = `${year}-03-${String(dstDay).padStart(2, '0')}`;
    const handle = await leavingOn('America/Los_Angeles', leaveDate);
    const due = Date.parse(`${leaveDate}T00:00:00Z`) + DAY + 7 * HOUR; // 00:00 PDT (UTC-7), not PST (UTC-8)
    expect((await statusOf(handle)).leave?.at).toBe(new Date(due).toISOString());
    await suite.env.sleep(due - now + HOUR);
    expectAt((await statusWhen(handle, (s) => s.stage === 'Deactivated')).deactivatedAt, due);
  });

  it('ends the leave date at local midnight across the autumn DST change in Los Angeles', async () => {
    const now = await suite.env.currentTimeMs();
    // First Sunday of November: clocks go from 02:00 PDT back to 01:00 PST; that day has 25 hours.
    const year = new Date(now).getUTCFullYear() + 1;
    const november1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const dstDay = 1 + ((7 - november1) % 7);
    const leaveDate = `${year}-11-${String(dstDay).padStart(2, '0')}`;
    const handle = await leavingOn('America/Los_Angeles', leaveDate);
    const due = Date.parse(`${leaveDate}T00:00:00Z`) + DAY + 8 * HOUR; // 00:00 PST (UTC-8)
    expect((await statusOf(handle)).leave?.at).toBe(new Date(due).toISOString());
    const started = await statusOf(handle);
    expect(Date.parse(started.leave!.at!) - Date.parse(`${leaveDate}T07:00:00Z`)).toBe(25 * HOUR);
  });

  it('resolves a leave date given by an update in the employee zone', async () => {
    const now = await suite.env.currentTimeMs();
    const leaveDate = yearAhead(now, '01-15');
    const handle = await leavingOn('Asia/Kolkata', yearAhead(now, '06-30'));
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate }] });
    const moved = await statusWhen(handle, (s) => s.leave?.date === leaveDate && Boolean(s.leave?.at));
    expect(moved.leave?.at).toBe(new Date(Date.parse(`${leaveDate}T00:00:00Z`) + DAY - 5.5 * HOUR).toISOString());
  });

  it('invites at 09:00 on the wall clock on the day the clocks spring forward, not at midnight plus nine hours', async () => {
    const now = await suite.env.currentTimeMs();
    const year = new Date(now).getUTCFullYear() + 1;
    // The second Sunday of March: New York moves from EST (UTC−5) to EDT (UTC−4) at 02:00.
    const march = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(year, 2, i + 1)));
    const sunday = march
      .filter((d) => d.getUTCDay() === 0)[1]!
      .toISOString()
      .slice(0, 10);
    const employee = employeeRecord(now, { timeZone: 'America/New_York', startDate: sunday });
    const handle = await startLifecycle(suite.env, employee);
    const provisioned = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    expect(provisioned.startsAt).toBe(`${sunday}T05:00:00.000Z`); // 00:00 EST
    expect(provisioned.inviteAt).toBe(`${sunday}T13:00:00.000Z`); // 09:00 EDT (not 14:00Z, 10:00 EDT)
  });
});
