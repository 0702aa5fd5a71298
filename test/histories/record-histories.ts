/**
 * `npm run histories:record`: runs representative employee lifecycles on a time-skipping server
 * (with the fake directory of the workflow tests) and writes their histories under
 * test/histories/. The replay test replays every committed history against the current workflow
 * code, so a change that would break running workflows fails CI. Record new histories when the
 * workflow gains behaviour; never re-record old ones to make a replay pass — use `patched()`.
 * `npm run histories:record -- <name>…` records only the scenarios named.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  retryUpdate,
  TASK_QUEUE,
  withdrawOfferUpdate,
} from '../../workflows/definitions';
import { ApplicationFailure } from '@temporalio/common';
import { fakeActivities } from '../helpers/fake-activities';
import { DAY, HOUR, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { TEST_POLICY } from '../helpers/time-skipping-suite';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

type Scenario = (env: TestWorkflowEnvironment, fake: ReturnType<typeof fakeActivities>) => Promise<WorkflowHandle>;

const scenarios: Record<string, Scenario> = {
  /** joiner, three reminders and an escalation, claim, a mover, leave with notice, scrub, manual deletion */
  'typical-claimed-lifecycle': async (env, fake) => {
    const now = await env.currentTimeMs();
    fake.seedAccount('REC-MGR', 'manager@example.com', 'Rec Manager');
    const employee = employeeRecord(now, {
      employeeId: 'REC-1',
      startDate: dateIn(now + 2 * DAY),
      leaveDate: dateIn(now + 60 * DAY),
      managerEmployeeId: 'REC-MGR',
    });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await env.sleep(9 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 3 && Boolean(s.managerEscalatedAt));
    fake.claim('REC-1');
    await env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeProfileUpdate, { args: [{ title: 'Staff Engineer' }] });
    await statusWhen(handle, (s) => !s.pending.profileSync);
    await env.sleep(50 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    await handle.executeUpdate(confirmDeletionUpdate, { args: [{ confirmedBy: 'ops' }] });
    await handle.result();
    return handle;
  },
  /** never claimed: ten reminders, Unclaimed, early leave, deletion after retention */
  'unclaimed-early-leave': async (env) => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { employeeId: 'REC-2', startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Unclaimed');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', reason: 'early-leave' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(31 * DAY);
    await handle.result();
    return handle;
  },
  /** leave date moved later, then earlier, then removed, then a back-dated leave */
  'leave-moves': async (env, fake) => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, {
      employeeId: 'REC-3',
      startDate: dateIn(now - DAY),
      timeZone: 'America/Los_Angeles',
    });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    fake.claim('REC-3');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now + 20 * DAY) }] });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now + 40 * DAY) }] });
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 10 * DAY).toISOString() }],
    });
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'none' }] });
    await env.sleep(15 * DAY);
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'date', leaveDate: dateIn(now - 2 * DAY) }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    return handle;
  },
  /** withdrawn offer under legal hold, then released */
  'withdrawn-under-legal-hold': async (env) => {
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, { employeeId: 'REC-4', startDate: dateIn(now + 20 * DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'dispute' }] });
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{ note: 'declined' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(5 * DAY);
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{}] });
    await handle.result();
    return handle;
  },
  /** a failure that needs attention, the operator's retry, a leave and a rehire on the same account */
  'failure-retry-rehire': async (env, fake) => {
    const now = await env.currentTimeMs();
    fake.failWith('inviteWorkplaceUser', () =>
      ApplicationFailure.create({ type: 'WorkplaceRequestRejected', message: 'invites disabled', nonRetryable: true }),
    );
    const employee = employeeRecord(now, { employeeId: 'REC-5', startDate: dateIn(now + 2 * DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.needsAttention);
    fake.heal('inviteWorkplaceUser');
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'fixed' }] });
    await statusWhen(handle, (s) => s.stage === 'Invited');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(10 * DAY);
    await handle.executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now + 20 * DAY) }] });
    await statusWhen(handle, (s) => s.stage === 'Provisioned' && s.cycle === 2);
    return handle;
  },
  /** movers accepted while the previous change and a manager lookup were in flight (profile-sync-keeps-later-changes) */
  'profile-change-during-write': async (env, fake) => {
    const now = await env.currentTimeMs();
    fake.seedAccount('REC-MGR-A', 'manager-a@example.com', 'Manager A');
    fake.seedAccount('REC-MGR-B', 'manager-b@example.com', 'Manager B');
    const employee = employeeRecord(now, { employeeId: 'REC-6', startDate: dateIn(now - DAY) });
    const handle = await startLifecycle(env, employee);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    const writes = () => fake.callsOf('updateWorkplaceProfile').length;
    const lookups = () => fake.callsOf('resolveManager').length;
    let release = fake.hold('updateWorkplaceProfile');
    await handle.executeUpdate(changeProfileUpdate, { args: [{ title: 'Lead' }] });
    await until(() => writes() === 1);
    await handle.executeUpdate(changeProfileUpdate, { args: [{ department: 'Research' }] });
    release();
    await statusWhen(handle, (s) => !s.pending.profileSync);
    release = fake.hold('resolveManager');
    await handle.executeUpdate(changeProfileUpdate, { args: [{ managerEmployeeId: 'REC-MGR-A' }] });
    await until(() => lookups() === 1);
    await handle.executeUpdate(changeProfileUpdate, { args: [{ managerEmployeeId: 'REC-MGR-B' }] });
    release();
    await statusWhen(handle, (s) => !s.pending.profileSync && s.manager?.employeeId === 'REC-MGR-B');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now' }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    return handle;
  },
};

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; !done(); i++) {
    if (i > 200) throw new Error('condition not reached in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const testServer = await resolveTemporalBinary('test-server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServer.path } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!]),
    ),
  });
  try {
    const wanted = process.argv.slice(2);
    const unknown = wanted.filter((name) => !(name in scenarios));
    if (unknown.length > 0)
      throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (wanted.length > 0 && !wanted.includes(name)) continue;
      const fake = fakeActivities(TEST_POLICY);
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: TASK_QUEUE,
        workflowsPath: require.resolve('../../workflows'),
        activities: fake.activities,
      });
      const handle = await worker.runUntil(scenario(env, fake));
      const history = await handle.fetchHistory();
      await writeFile(join(__dirname, `${name}.json`), historyToJSON(history));
      process.stdout.write(`${name}: ${history.events?.length} events\n`);
    }
  } finally {
    await env.teardown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
