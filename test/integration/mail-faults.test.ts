/**
 * SMTP faults, through Temporal: the real lifecycle workflow sends a real claim reminder through
 * Tenure's real notifier to the SMTP sink, which refuses it for good (550) or for now (451). The
 * mail activities' retry policy is the production one (5 s, backoff 2).
 */
import { retryUpdate } from '../../workflows/definitions';
import type { LifecyclePolicy } from '../../workflows/lifecycle/types';
import { activityRuns, pendingActivity } from '../helpers/activity-history';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { exactAddress } from '../helpers/exact-address';
import { listedBy } from '../helpers/visibility';

// Employees who started yesterday are invited at once; one reminder follows two seconds later.
const policy: LifecyclePolicy = {
  inviteOffset: '0s',
  reminderInterval: '2 seconds',
  escalateAfter: 0,
  maxReminders: 1,
  leaveNotice: '7 days',
  retention: '30 days',
};
const REMINDER = 'sendClaimReminder';

let stack: RealStack;

beforeAll(async () => {
  stack = await startRealStack({ policy });
});

afterAll(async () => {
  await stack?.close();
});

const joinerWhoStartedYesterday = () => {
  const now = Date.now();
  return employeeRecord(now, { startDate: dateIn(now - DAY) });
};

const flaggedQuery = (employeeId: string, flagged: boolean) =>
  `NeedsAttention = ${flagged} AND EmployeeId = "${employeeId}"`;

describe('mail faults through Temporal', () => {
  it('does not retry a reminder the mail server refused for good, flags the employee, and sends it on retry', async () => {
    const employee = joinerWhoStartedYesterday();
    stack.sink.setRecipientRules({ rejectRecipients: exactAddress(employee.email) });
    const handle = await startLifecycle(stack.env, employee);

    const flagged = await statusWhen(handle, (s) => s.needsAttention, 20_000);
    expect(flagged.stage).toBe('Invited');
    expect(flagged.remindersSent).toBe(0);
    expect(flagged.lastError).toMatchObject({ action: 'check-claim', type: 'MailRejected' });
    expect(flagged.lastError!.message).toContain('550 5.1.1 Recipient address rejected');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const runs = await activityRuns(handle, REMINDER);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      result: 'failed',
      attempt: 1,
      failure: { type: 'MailRejected', nonRetryable: true },
    });
    await listedBy(stack.env, flaggedQuery(employee.employeeId, true), [handle.workflowId]);

    // The mailbox exists now: the operator retries.
    stack.sink.setRecipientRules({});
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'mailbox created' }] });
    const reminder = await stack.sink.waitFor((m) => m.to.includes(employee.email), 15_000);
    const status = await statusWhen(handle, (s) => s.remindersSent === 1);

    expect(status.needsAttention).toBe(false);
    expect(reminder.text).toContain(status.claimLink!);
    expect((await activityRuns(handle, REMINDER)).map((r) => [r.result, r.attempt])).toEqual([
      ['failed', 1],
      ['completed', 1],
    ]);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, false), [handle.workflowId]);
    await handle.terminate('test done');
  });

  it('retries a reminder the mail server deferred until it is delivered', async () => {
    const employee = joinerWhoStartedYesterday();
    stack.sink.setRecipientRules({ deferRecipients: exactAddress(employee.email) });
    const handle = await startLifecycle(stack.env, employee);

    const retrying = await eventually(
      () => pendingActivity(handle, REMINDER),
      (pending) => (pending?.attempt ?? 0) >= 2,
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    expect(retrying!.lastFailure).toMatchObject({ type: 'MailUnavailable', nonRetryable: false });
    expect(retrying!.lastFailure!.message).toContain('451 4.3.0');
    // The server takes mail for the address again before the retry (due 5 s after the failure).
    stack.sink.setRecipientRules({});

    await stack.sink.waitFor((m) => m.to.includes(employee.email), 15_000);
    const status = await statusWhen(handle, (s) => s.remindersSent === 1);
    expect(status.needsAttention).toBe(false);
    expect(status.timeline.map((e) => e.event)).not.toContain('failed');
    expect(stack.sink.messages().filter((m) => m.to.includes(employee.email))).toHaveLength(1);
    const runs = await activityRuns(handle, REMINDER);
    expect(runs).toEqual([
      expect.objectContaining({
        result: 'completed',
        attempt: 2,
        lastFailure: expect.objectContaining({ type: 'MailUnavailable' }),
      }),
    ]);
    await handle.terminate('test done');
  });
});
