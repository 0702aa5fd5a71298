/**
 * Release 2: a run tries each directory request in its own workflow task first (the `tryInTask`
 * local activity) and hands it to the task queue when the directory has no free turn; runs begun
 * before release 2 keep scheduling every request on the task queue, with their patch markers.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { changeLeaveUpdate, changeProfileUpdate, type EmployeeRecord } from '../../workflows/contract';
import { DAY, HOUR, dateIn, employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

async function historyOf(handle: WorkflowHandle, runId?: string): Promise<HistoryEvent[]> {
  const history = await suite.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
  return history.events ?? [];
}

/** The activities the run scheduled on the task queue, in order. */
const scheduled = (history: HistoryEvent[]) =>
  history.flatMap((e) => {
    const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });

/** The markers the run recorded, by name: `core_local_activity` (a local activity), `core_patch`. */
const markers = (history: HistoryEvent[], name: string) =>
  history.filter((e) => e.markerRecordedEventAttributes?.markerName === name).length;

/** Starts a run that a worker of code before release 2 begins (its first local activity names no release). */
async function startBeforeRelease2(employee: EmployeeRecord) {
  suite.fake.beginAsOlderWorker(true);
  try {
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage !== 'Provisioning' || s.needsAttention);
    return handle;
  } finally {
    suite.fake.beginAsOlderWorker(false);
  }
}

async function invitedEmployee() {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  return { employee, handle, now };
}

describe('directory requests tried in the workflow task (release 2)', () => {
  afterEach(() => suite.fake.directoryFree());

  it('provisions, invites, deactivates and reads back inside workflow tasks when the directory has free turns: no activity task, no patch marker', async () => {
    const { employee, handle } = await invitedEmployee();
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));
    expect(left.stage).toBe('Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);

    const history = await historyOf(handle);
    expect(scheduled(history)).toEqual([]);
    expect(markers(history, 'core_patch')).toBe(0);
    // The directory saw each request once: lookup, create (invited with it), deactivate, read-back.
    const mine = (name: Parameters<typeof suite.fake.callsOf>[0], id: string) =>
      suite.fake.callsOf(name).filter((c) => JSON.stringify(c.args).includes(id));
    expect(mine('createWorkplaceUser', employee.employeeId)).toHaveLength(1);
    expect(mine('deactivateWorkplaceUser', left.workplaceUserId!)).toHaveLength(1);
    expect(mine('readBackWorkplaceUser', left.workplaceUserId!)).toHaveLength(1);
  });

  it('hands a request to the task queue when the directory has no free turn, and the directory gets it once', async () => {
    const { employee, handle } = await invitedEmployee();
    suite.fake.directoryBusy('deactivateWorkplaceUser');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);

    // Only the busy one went to the task queue (with its priority); the read-back after it found a turn.
    expect(scheduled(await historyOf(handle))).toEqual(['deactivateWorkplaceUser']);
    const deactivations = suite.fake
      .callsOf('deactivateWorkplaceUser')
      .filter((c) => JSON.stringify(c.args).includes(left.workplaceUserId!));
    expect(deactivations).toHaveLength(1);
  });

  it('lets the task queue decide a request that failed in the workflow task: retried there, it takes effect', async () => {
    const { employee, handle } = await invitedEmployee();
    // The response of the first try is lost: applied, but the try fails; the task-queue activity repeats it.
    suite.fake.dropNextResponse('deactivateWorkplaceUser');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));
    expect(left).toMatchObject({ stage: 'Deactivated', needsAttention: false });
    expect(suite.fake.accountOf(employee.employeeId)!.active).toBe(false);
    const history = await historyOf(handle);
    expect(scheduled(history)).toEqual(['deactivateWorkplaceUser']);
    // Not at once: after the first retry interval, as the activity's own retry would have waited.
    const timers = history.map((e) => e.timerStartedEventAttributes?.startToFireTimeout?.seconds).filter(Boolean);
    expect(timers.map(Number)).toContain(1);
  });

  it('raises a failure no retry can fix from the workflow task as the activity would have, without sending the request again', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    suite.fake.failWith('createWorkplaceUser', () =>
      ApplicationFailure.create({
        type: 'WorkplaceRequestRejected',
        message: 'domain not verified',
        nonRetryable: true,
      }),
    );
    try {
      const handle = await startLifecycle(suite.env, employee);
      const flagged = await statusWhen(handle, (s) => s.needsAttention);
      expect(flagged).toMatchObject({ stage: 'Provisioning', needsAttentionReason: 'WorkplaceRequestRejected' });
      expect(flagged.lastError).toMatchObject({ type: 'WorkplaceRequestRejected', message: 'domain not verified' });
      const creates = suite.fake
        .callsOf('createWorkplaceUser')
        .filter((c) => JSON.stringify(c.args).includes(employee.employeeId));
      expect(creates).toHaveLength(1);
      expect(scheduled(await historyOf(handle))).toEqual([]);
    } finally {
      suite.fake.heal('createWorkplaceUser');
    }
  });

  it('keeps a run begun before release 2 on the task queue, with its patch markers', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startBeforeRelease2(employee);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));

    const history = await historyOf(handle);
    expect(scheduled(history)).toEqual([
      'findWorkplaceUser',
      'createWorkplaceUser',
      'deactivateWorkplaceUser',
      'readBackWorkplaceUser',
      // the leave's date written to the profile
      'updateWorkplaceProfile',
    ]);
    expect(markers(history, 'core_patch')).toBe(3);
  });

  it('moves a run begun before release 2 onto release 2 when it continues as new', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startBeforeRelease2(employee);
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    const firstRunId = (await handle.describe()).runId;
    for (let week = 1; (await handle.describe()).runId === firstRunId; week++) {
      await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: `Grade ${week}` } }] });
      await statusWhen(handle, (s) => !s.pending.profileSync);
      if (week > 400) throw new Error('no continue-as-new after 400 changes');
    }
    expect(scheduled(await historyOf(handle, firstRunId))).toContain('updateWorkplaceProfile');

    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'On the new run' } }] });
    await statusWhen(handle, (s) => s.employee.title === 'On the new run' && !s.pending.profileSync);
    expect(suite.fake.accountOf(employee.employeeId)!.title).toBe('On the new run');
    // The new run records that this code ran its first task (the release-2 marker) and no other
    // patch marker; its requests stay on the task queue: the worker's DIRECTORY_IN_TASK when the
    // chain began is not known.
    const next = await historyOf(handle);
    const patches = next.flatMap((e) =>
      e.markerRecordedEventAttributes?.markerName === 'core_patch'
        ? [JSON.stringify(e.markerRecordedEventAttributes.details)]
        : [],
    );
    expect(patches).toHaveLength(1);
    // Each profile write of the new run is a task-queue activity (the change sent just before the
    // continue-as-new may be written in the new run too, so there can be two).
    const queued = scheduled(next);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.filter((name) => name !== 'updateWorkplaceProfile')).toEqual([]);
    expect(markers(next, 'core_local_activity')).toBe(0);
  }, 120_000);

  it('keeps every request of a run on the task queue when the worker that began it has DIRECTORY_IN_TASK=false, still without patch markers', async () => {
    suite.fake.setDirectoryInTask(false);
    try {
      const { handle } = await invitedEmployee();
      await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
      await statusWhen(handle, (s) => events(s).includes('read-back-confirmed'));
      const history = await historyOf(handle);
      expect(scheduled(history)).toEqual(
        expect.arrayContaining([
          'findWorkplaceUser',
          'createWorkplaceUser',
          'deactivateWorkplaceUser',
          'readBackWorkplaceUser',
        ]),
      );
      expect(markers(history, 'core_patch')).toBe(0);
    } finally {
      suite.fake.setDirectoryInTask(true);
    }
  });
});
