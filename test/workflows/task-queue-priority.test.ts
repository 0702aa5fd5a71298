/**
 * The priority each directory request asks of the task queue (what orders it when the directory's
 * rate limit makes requests wait), read from the history as the server recorded it.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { changeLeaveUpdate } from '../../workflows/contract';
import { DAY, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

/** activity type → the priority keys it was scheduled with, in order */
async function prioritiesOf(handle: WorkflowHandle): Promise<Record<string, (number | undefined)[]>> {
  const history = await handle.fetchHistory();
  const keys: Record<string, (number | undefined)[]> = {};
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled) continue;
    const name = scheduled.activityType!.name!;
    (keys[name] ??= []).push(scheduled.priority?.priorityKey ?? undefined);
  }
  return keys;
}

async function invitedEmployee() {
  const now = await suite.env.currentTimeMs();
  const handle = await startLifecycle(suite.env, employeeRecord(now, { startDate: dateIn(now - 2 * DAY) }));
  await statusWhen(handle, (s) => s.stage === 'Invited');
  return { handle, now };
}

describe('task-queue priority of directory requests', () => {
  // A busy directory (a burst, a mass leave): no request finds a free turn in its workflow task, so
  // every one goes to the task queue, where its priority orders it.
  beforeEach(() => suite.fake.directoryBusy());

  it('puts the deactivation of a leave effective now (and its read-back) first: priority 1', async () => {
    const { handle } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    const keys = await prioritiesOf(handle);
    expect(keys.deactivateWorkplaceUser).toEqual([1]);
    expect(keys.readBackWorkplaceUser).toEqual([1]);
  });

  it('gives a scheduled deactivation priority 2, behind a leave effective now and ahead of provisioning and everything else (3 and below)', async () => {
    const { handle, now } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 3 * DAY).toISOString() }],
    });
    await suite.env.sleep(4 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    const keys = await prioritiesOf(handle);
    expect(keys.deactivateWorkplaceUser).toEqual([2]);
    expect(keys.readBackWorkplaceUser).toEqual([2]);
    expect(keys.createWorkplaceUser).toEqual([3]);
    const removal = ['deactivateWorkplaceUser', 'readBackWorkplaceUser'];
    const others = Object.entries(keys).filter(([name]) => !removal.includes(name));
    expect(others.flatMap(([, k]) => k).filter((key) => key === undefined || key < 3)).toEqual([]);
  });

  it('does not treat an early leave set for a later instant as one effective now', async () => {
    const { handle, now } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + DAY).toISOString(), reason: 'early-leave' }],
    });
    await suite.env.sleep(2 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect((await prioritiesOf(handle)).deactivateWorkplaceUser).toEqual([2]);
  });
});
