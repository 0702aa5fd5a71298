/**
 * SMTP faults, through Temporal: the real lifecycle workflow sends a real claim reminder through
 * Tenure's real notifier to the SMTP sink, which refuses it for good (550) or for now (451). E-mails
 * are local activities with the production retry policy (5 s, backoff 2, no attempt limit).
 */
import { retryUpdate } from '../../workflows/contract';
import type { LifecyclePolicy } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { DAY, dateIn, employeeRecord, startLifecycle, statusOf, statusWhen } from '../helpers/lifecycle';
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
    // The send's retry policy has no attempt limit: a failure reached the workflow only because
    // the 550 was not retried. One refusal, and none since, however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(stack.sink.refusals().filter((r) => r.address === employee.email)).toEqual([
      expect.objectContaining({ code: 550 }),
    ]);
    expect(flagged.timeline.filter((e) => e.event === 'failed')).toHaveLength(1);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, true), [handle.workflowId]);

    // The mailbox exists now: the operator retries.
    stack.sink.setRecipientRules({});
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'mailbox created' }] });
    const reminder = await stack.sink.waitFor((m) => m.to.includes(employee.email), 15_000);
    const status = await statusWhen(handle, (s) => s.remindersSent === 1);

    expect(status.needsAttention).toBe(false);
    expect(reminder.text).toContain(stack.emulator.store.findByExternalId(employee.employeeId)!.status.claimToken!);
    expect(stack.sink.messages().filter((m) => m.to.includes(employee.email))).toHaveLength(1);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, false), [handle.workflowId]);
    await handle.terminate('test done');
  });

  it('retries a reminder the mail server deferred until it is delivered, once', async () => {
    const employee = joinerWhoStartedYesterday();
    stack.sink.setRecipientRules({ deferRecipients: exactAddress(employee.email) });
    const handle = await startLifecycle(stack.env, employee);

    const deferred = await eventually(
      async () => stack.sink.refusals().filter((r) => r.address === employee.email),
      (refusals) => refusals.length >= 1,
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    expect(deferred).toEqual([expect.objectContaining({ code: 451 })]);
    expect((await statusOf(handle)).needsAttention).toBe(false);
    stack.sink.setRecipientRules({});

    const delivered = await stack.sink.waitFor((m) => m.to.includes(employee.email), 20_000);
    // Retried by the reminder activity's own policy (a second after the refusal, then backing off).
    expect(Date.parse(delivered.receivedAt) - Date.parse(deferred[0]!.at)).toBeGreaterThanOrEqual(900);
    const status = await statusWhen(handle, (s) => s.remindersSent === 1);
    expect(status.needsAttention).toBe(false);
    expect(status.timeline.map((e) => e.event)).not.toContain('failed');
    expect(stack.sink.messages().filter((m) => m.to.includes(employee.email))).toHaveLength(1);
    await handle.terminate('test done');
  });
});
