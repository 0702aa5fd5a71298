import { DEFAULT_LIFECYCLE_POLICY } from '../../workflows/contract';
/**
 * Workplace rejections (4xx), through Temporal: the real lifecycle workflow and Tenure's real
 * activities on a real dev server, against the emulator. A rejection is not retried: the activity
 * fails once, the workflow records it and flags the employee (status and `NeedsAttention`) instead
 * of failing, and an operator's `retry` resumes it once the cause is fixed.
 */
import { CORE_USER, ENTERPRISE_USER } from '../../emulator/schemas';
import { changeProfileUpdate, retryUpdate } from '../../workflows/contract';
import type { LifecyclePolicy } from '../../workflows/contract';
import { activityRuns } from '../helpers/activity-history';
import { outcomes, scimRequestsSince } from '../helpers/emulator-requests';
import { employeeRecord, events, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { testCodec } from '../helpers/test-codec';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { listedBy } from '../helpers/visibility';

// Start dates ten days ahead: provisioning is all that happens while a test looks.
const policy: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY };
const CREATE = 'createWorkplaceUser';

let stack: RealStack;

beforeAll(async () => {
  stack = await startRealStack({ policy });
});

afterAll(async () => {
  await stack?.close();
});

/** A Workplace account Tenure did not make (a contractor, a manager), created through the emulator. */
function seedAccount(userName: string, externalId: string) {
  return stack.emulator.createUser({
    schemas: [CORE_USER],
    userName,
    externalId,
    name: { givenName: 'Seeded', familyName: 'Account' },
    emails: [{ value: userName, type: 'work', primary: true }],
  });
}

function accountsOf(employeeId: string) {
  return stack.emulator.store.list().filter((user) => user.attributes.externalId === employeeId);
}

const flaggedQuery = (employeeId: string, flagged: boolean) =>
  `NeedsAttention = ${flagged} AND EmployeeId = "${employeeId}"`;

describe('Workplace rejections through Temporal', () => {
  it('does not retry a create refused because the e-mail belongs to another account, and provisions on retry once it is freed', async () => {
    const employee = employeeRecord(Date.now());
    const holder = seedAccount(employee.email, `CONTRACTOR-${employee.employeeId}`);
    const since = Date.now();
    const handle = await startLifecycle(stack.env, employee);

    const flagged = await statusWhen(handle, (s) => s.needsAttention);
    expect(flagged.stage).toBe('Provisioning');
    expect(flagged.lastError).toMatchObject({ action: 'provision', type: 'WorkplaceUserNameTaken' });
    expect(flagged.lastError!.message).toBe(
      `the work e-mail already belongs to Workplace user ${holder.id} (externalId CONTRACTOR-${employee.employeeId})`,
    );
    expect(flagged.schedule).toContainEqual(
      expect.objectContaining({ action: 'provision', blockedBy: 'needs-attention' }),
    );
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The create was answered 409 once, not retried: the account exists, and is someone else's.
    // Release 2: answered in the workflow task (a directory with free turns), so no task-queue run.
    expect(await activityRuns(handle, CREATE)).toEqual([]);
    const log = scimRequestsSince(stack.emulator, since);
    expect(outcomes(log)).toEqual(['GET 200', 'POST 409', 'GET 200', 'GET 200']);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, true), [handle.workflowId]);

    // The operator frees the address in Workplace, then retries.
    stack.emulator.store.delete(holder.id);
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'contractor account removed' }] });
    const status = await statusWhen(handle, (s) => s.stage === 'Provisioned');

    expect(status.needsAttention).toBe(false);
    expect(events(status).filter((e) => ['failed', 'retried', 'provisioned'].includes(e))).toEqual([
      'failed',
      'retried',
      'provisioned',
    ]);
    const accounts = accountsOf(employee.employeeId);
    expect(accounts).toHaveLength(1);
    expect(status.workplaceUserId).toBe(accounts[0]!.id);
    expect(outcomes(scimRequestsSince(stack.emulator, since).filter((r) => r.method === 'POST'))).toEqual([
      'POST 409',
      'POST 201',
    ]);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, false), [handle.workflowId]);
    // The ledger: the refused attempt and the create after the retry, each its own row.
    const { store } = await testCodec();
    const rows = await store.ledger.find({ actions: ['provision'], employeeIds: [employee.employeeId] });
    expect(rows.map((r) => [r.outcome, r.resourceId])).toEqual([
      ['exists', null],
      ['created', accounts[0]!.id],
    ]);
  });

  it('does not retry a 400 rejection and surfaces the directory detail', async () => {
    // An HR record that bypassed the API's validation: Workplace knows only sso and password.
    const employee = { ...employeeRecord(Date.now()), authMethod: 'kerberos' as never };
    const since = Date.now();
    const handle = await startLifecycle(stack.env, employee);

    const rejected = await statusWhen(handle, (s) => s.needsAttention);
    const detail =
      'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User.authMethod must be one of sso, password';
    expect(rejected.stage).toBe('Provisioning');
    expect(rejected.lastError).toMatchObject({
      action: 'provision',
      type: 'WorkplaceRequestRejected',
      message: `SCIM POST /Users answered 400 invalidValue: ${detail}`,
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // Release 2: refused in the workflow task, raised there as the activity would have raised it —
    // not sent again, no task-queue run (the directory's detail is in the message above).
    expect(await activityRuns(handle, CREATE)).toEqual([]);
    const posts = scimRequestsSince(stack.emulator, since).filter((r) => r.method === 'POST');
    expect(outcomes(posts)).toEqual(['POST 400']);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, true), [handle.workflowId]);
  });

  it('looks the manager up again when an operator retries, so a manager deleted meanwhile does not block provisioning', async () => {
    const now = Date.now();
    const leaving = employeeRecord(now);
    const successor = employeeRecord(now);
    const leavingAccount = seedAccount(leaving.email, leaving.employeeId);
    const successorAccount = seedAccount(successor.email, successor.employeeId);
    const employee = employeeRecord(now, { managerEmployeeId: leaving.employeeId });
    const holder = seedAccount(employee.email, `CONTRACTOR-${employee.employeeId}`);
    const handle = await startLifecycle(stack.env, employee);

    // The first attempt resolves the manager, then stops at the taken e-mail.
    const waiting = await statusWhen(handle, (s) => s.needsAttention);
    expect(waiting.lastError?.type).toBe('WorkplaceUserNameTaken');
    expect(waiting.manager?.workplaceUserId).toBe(leavingAccount.id);

    // Meanwhile the manager left and their account was deleted; the operator frees the address.
    stack.emulator.store.delete(leavingAccount.id);
    stack.emulator.store.delete(holder.id);
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'contractor account removed' }] });
    const provisioned = await statusWhen(handle, (s) => s.stage === 'Provisioned');
    expect(provisioned.needsAttention).toBe(false);
    expect(provisioned.manager).toEqual({ employeeId: leaving.employeeId });
    expect(provisioned.timeline.find((e) => e.event === 'provisioned')?.detail).toMatch(
      new RegExp(`manager ${leaving.employeeId} not in Workplace yet$`),
    );

    // HR then names the new manager: the mover links them in Workplace.
    await handle.executeUpdate(changeProfileUpdate, {
      args: [{ changes: { managerEmployeeId: successor.employeeId } }],
    });
    const linked = await statusWhen(
      handle,
      (s) => s.manager?.workplaceUserId === successorAccount.id && !s.pending.profileSync,
    );
    const accounts = accountsOf(employee.employeeId);
    expect(accounts).toHaveLength(1);
    expect(linked.workplaceUserId).toBe(accounts[0]!.id);
    const enterprise = stack.emulator.user(accounts[0]!.id)?.[ENTERPRISE_USER] as { manager?: { managerId?: string } };
    expect(enterprise.manager?.managerId).toBe(successorAccount.id);
    await listedBy(stack.env, flaggedQuery(employee.employeeId, false), [handle.workflowId]);
  });
});
