import { changeProfileUpdate } from '../../workflows/definitions';
import { HISTORY_EVENTS_PER_RUN } from '../../workflows/employee-lifecycle-workflow';
import { DAY, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

describe('continue-as-new', () => {
  it('continues as new past the history bound and carries the whole state into the new run', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(suite.env, employee);
    const before = await statusWhen(handle, (s) => s.stage === 'Invited');
    const firstRunId = (await handle.describe()).runId;

    // A mover every week for years: each change is an update, a Workplace write and a new timer.
    let title = '';
    for (let week = 1; (await handle.describe()).runId === firstRunId; week++) {
      title = `Engineer grade ${week}`;
      await handle.executeUpdate(changeProfileUpdate, { args: [{ title }] });
      await statusWhen(handle, (s) => !s.pending.profileSync);
      if (week > 400) throw new Error('no continue-as-new after 400 changes');
    }

    const after = await statusWhen(handle, (s) => s.employee.title === title && !s.pending.profileSync);
    const description = await handle.describe();
    expect(description.runId).not.toBe(firstRunId);
    expect(after).toMatchObject({
      stage: 'Invited',
      cycle: 1,
      workplaceUserId: before.workplaceUserId,
      invitedAt: before.invitedAt,
      claimLink: before.claimLink,
      nextClaimCheckAt: expect.any(String),
    });
    expect(after.timeline.length).toBeLessThanOrEqual(100);
    expect(after.timelineDropped).toBeGreaterThan(0);
    expect(suite.fake.accountOf(employee.employeeId)!.title).toBe(title);

    const firstRun = await suite.env.client.workflow.getHandle(handle.workflowId, firstRunId).fetchHistory();
    expect(firstRun.events!.length).toBeLessThan(HISTORY_EVENTS_PER_RUN + 50);
    expect(firstRun.events!.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
    // ~190 updates, each a round trip and a Workplace write: ~10 s alone, several times that while
    // the fault suites share the two cores.
  }, 240_000);
});
