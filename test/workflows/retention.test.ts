import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  changeLeaveUpdate,
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  releaseLegalHoldUpdate,
} from '../../workflows/contract';
import {
  DAY,
  HOUR,
  dateIn,
  employeeRecord,
  events,
  startLifecycle,
  statusOf,
  statusWhen,
  finalStatus,
} from '../helpers/lifecycle';
import { timeSkippingSuite } from '../helpers/time-skipping-suite';

const suite = timeSkippingSuite();

async function leaver({ claimed }: { claimed: boolean }) {
  const now = await suite.env.currentTimeMs();
  const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
  const handle = await startLifecycle(suite.env, employee);
  await statusWhen(handle, (s) => s.stage === 'Invited');
  if (claimed) {
    suite.fake.claim(employee.employeeId);
    await suite.env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
  }
  await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
  await statusWhen(handle, (s) => s.stage === 'Deactivated');
  return { employee, handle };
}

describe('retention', () => {
  it('deletes a never-claimed account when retention ends and completes Deleted', async () => {
    const { employee, handle } = await leaver({ claimed: false });
    await suite.env.sleep(29 * DAY);
    expect((await statusOf(handle)).stage).toBe('Deactivated');
    expect(suite.fake.accountOf(employee.employeeId)).toBeDefined();
    await suite.env.sleep(2 * DAY);
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Deleted');
    expect(suite.fake.accountOf(employee.employeeId)).toBeUndefined();
    expect(suite.fake.mailsOf(employee.employeeId, 'manual-deletion-request')).toEqual([]);
  });

  it('scrubs a claimed account, asks operators to delete it, and completes when they confirm', async () => {
    const { employee, handle } = await leaver({ claimed: true });
    await suite.env.sleep(31 * DAY);
    const awaiting = await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    const account = [...suite.fake.accounts.values()].find((a) => a.externalId === employee.employeeId)!;
    expect(account.scrubbed).toBe(true);
    expect(account.displayName).toBe('Former Employee');
    expect(suite.fake.slotsOf(employee.employeeId, 'manual-deletion-request')).toEqual(['c1-deletion-1']);
    expect(events(awaiting).slice(-2)).toEqual(['scrubbed', 'manual-deletion-requested']);
    expect(awaiting.schedule).toEqual([{ action: 'confirm-deletion', blockedBy: 'operator-confirmation' }]);

    // Waiting costs nothing and sends nothing more, however long it takes.
    await suite.env.sleep(90 * DAY);
    expect(suite.fake.mailsOf(employee.employeeId, 'manual-deletion-request')).toHaveLength(1);

    const operator = { role: 'operator' as const, name: 'ops' };
    await handle.executeUpdate(confirmDeletionUpdate, { args: [{ note: 'deleted in the Admin Panel', by: operator }] });
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Deleted');
    expect(result.timeline.find((e) => e.event === 'deletion-confirmed')).toMatchObject({
      detail: 'deleted in the Admin Panel',
      by: operator,
    });
  });

  it('takes the 412 path when the account was claimed after the last check', async () => {
    const now = await suite.env.currentTimeMs();
    const employee = employeeRecord(now, { startDate: dateIn(now - 2 * DAY) });
    const handle = await startLifecycle(suite.env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    suite.fake.claim(employee.employeeId); // between checks: the workflow does not know yet
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    const left = await statusWhen(handle, (s) => s.stage === 'Deactivated');
    expect(left.claimedAt).toBeUndefined();
    await suite.env.sleep(31 * DAY);
    const awaiting = await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    expect(suite.fake.callsOf('deleteWorkplaceUser').map((c) => c.args)).toContainEqual(
      expect.objectContaining({ userId: awaiting.workplaceUserId }),
    );
    expect(awaiting.scrubbedAt).toBeDefined();
  });
});

/** Releasing a hold takes two people: one asks, another confirms. */
async function releaseByTwo(handle: Awaited<ReturnType<typeof leaver>>['handle']) {
  await handle.executeUpdate(releaseLegalHoldUpdate, {
    args: [{ note: 'case closed', by: { role: 'hr', name: 'alice' } }],
  });
  return handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: { role: 'operator', name: 'bob' } }] });
}

describe('legal hold', () => {
  it('blocks deletion while held, and deletion follows at once when the hold is released', async () => {
    const { employee, handle } = await leaver({ claimed: false });
    const held = await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'litigation 2026-17' }] });
    expect(held.legalHold?.reason).toBe('litigation 2026-17');
    await suite.env.sleep(60 * DAY);
    const blocked = await statusOf(handle);
    expect(blocked.stage).toBe('Deactivated');
    expect(blocked.schedule).toEqual([
      expect.objectContaining({ action: 'expire-retention', blockedBy: 'legal-hold' }),
    ]);
    expect(suite.fake.accountOf(employee.employeeId)).toBeDefined();

    await releaseByTwo(handle);
    const result = await finalStatus(handle);
    expect(result.stage).toBe('Deleted');
    expect(events(result)).toEqual(expect.arrayContaining(['legal-hold-placed', 'legal-hold-released', 'deleted']));
  });

  it('blocks the scrub of a claimed account while held', async () => {
    const { employee, handle } = await leaver({ claimed: true });
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'audit' }] });
    await suite.env.sleep(45 * DAY);
    expect((await statusOf(handle)).stage).toBe('Deactivated');
    expect([...suite.fake.accounts.values()].find((a) => a.externalId === employee.employeeId)!.scrubbed).toBe(false);
  });

  it('can be placed while awaiting manual deletion, and refuses deletion confirmations while in force', async () => {
    const { handle } = await leaver({ claimed: true });
    await suite.env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'subpoena' }] });
    const refused = await handle.executeUpdate(confirmDeletionUpdate, { args: [{}] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toMatch(/legal hold is in force/);
    expect((await statusOf(handle)).stage).toBe('AwaitingManualDeletion');
  });
});
