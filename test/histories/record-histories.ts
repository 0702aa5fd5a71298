/**
 * `npm run histories:record`: runs representative employee lifecycles on a time-skipping server
 * (with the fake directory of the workflow tests) and writes their histories under
 * test/histories/release-<LIFECYCLE_RELEASE>/ (the worker runs this code: its runs take the
 * current release). The replay test replays every committed history against the current
 * workflow code, so a change that would break running workflows fails CI. Record new histories
 * when the workflow gains behaviour; never re-record committed ones to make a replay pass — put
 * the change behind `patched()` (README "Versioning"). `npm run histories:record -- <name>…`
 * records only the scenarios named; `-- --out <folder>` writes elsewhere.
 *
 * The 1.0 baseline holds one history per stage an employee rests in, and a lifecycle long enough
 * to continue as new (both of its runs are kept: the second starts from the carried state). Each
 * live patch has a folder of its own with the scenarios that take its new branch
 * (test/histories/<patch id>/, recorded with `--out`). Those folders are frozen: they are the runs
 * begun before release 2. Each release records every scenario again into a folder of its own
 * (test/histories/release-2/, with one run where the directory is busy and a try fails, so that
 * requests go to the task queue there), and that folder is frozen in turn when the next release comes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  guardDecisionSignal,
  LIFECYCLE_RELEASE,
  retryUpdate,
  TASK_QUEUE,
  withdrawOfferUpdate,
} from '../../workflows/contract';
import { fakeActivities } from '../helpers/fake-activities';
import { DAY, HOUR, dateIn, employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { createTimeSkippingEnvAt } from '../../scripts/lib/stack/time-skipping-env';
import { TEST_POLICY } from '../helpers/time-skipping-suite';

type Fake = ReturnType<typeof fakeActivities>;
/** A scenario drives one employee and answers the handle (and, for continued runs, every run id). */
type Scenario = (env: TestWorkflowEnvironment, fake: Fake) => Promise<WorkflowHandle>;

const hr = { role: 'hr' as const, name: 'hr:recorder' };
const operator = { role: 'operator' as const, name: 'operator:recorder' };
const manager = { role: 'manager' as const, name: 'manager:REC-MGR', employeeId: 'REC-MGR' };

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; !done(); i++) {
    if (i > 200) throw new Error('condition not reached in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An employee who started yesterday and is invited. */
async function invited(env: TestWorkflowEnvironment, employeeId: string, extra: object = {}) {
  const now = await env.currentTimeMs();
  const handle = await startLifecycle(env, employeeRecord(now, { employeeId, startDate: dateIn(now - DAY), ...extra }));
  await statusWhen(handle, (s) => s.stage === 'Invited');
  return { handle, now };
}

const scenarios: Record<string, Scenario> = {
  /** Provisioning: the directory rejects the create; the employee waits for an operator. */
  'provisioning-needs-attention': async (env, fake) => {
    fake.failWith('createWorkplaceUser', () =>
      ApplicationFailure.create({
        type: 'WorkplaceRequestRejected',
        message: 'domain not verified',
        nonRetryable: true,
      }),
    );
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(env, employeeRecord(now, { employeeId: 'REC-PROV' }));
    await statusWhen(handle, (s) => s.needsAttention);
    await env.sleep(2 * DAY);
    return handle;
  },
  /** Provisioned: created in advance, a manager linked later, a leave set, waiting for the invite. */
  'provisioned-before-start': async (env, fake) => {
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(
      env,
      employeeRecord(now, { employeeId: 'REC-PRE', startDate: dateIn(now + 20 * DAY), managerEmployeeId: 'REC-LATE' }),
    );
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await env.sleep(3 * 60_000);
    fake.seedAccount('REC-LATE', 'late@example.com', 'Late Manager');
    await env.sleep(HOUR);
    await statusWhen(handle, (s) => Boolean(s.manager?.workplaceUserId) && !s.pending.profileSync);
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'date', leaveDate: dateIn(now + 200 * DAY), by: hr }],
    });
    await statusWhen(handle, (s) => !s.pending.profileSync);
    return handle;
  },
  /** Invited: three reminders and the manager's escalation. */
  'invited-reminders': async (env, fake) => {
    fake.seedAccount('REC-MGR', 'manager@example.com', 'Rec Manager');
    const { handle } = await invited(env, 'REC-INV', { managerEmployeeId: 'REC-MGR' });
    await env.sleep(9 * DAY + HOUR);
    await statusWhen(handle, (s) => s.remindersSent === 3 && Boolean(s.managerEscalatedAt));
    return handle;
  },
  /** Unclaimed: every reminder spent; the manager reports an early leave later. */
  unclaimed: async (env) => {
    const { handle } = await invited(env, 'REC-UNC');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Unclaimed');
    const now = await env.currentTimeMs();
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + 5 * DAY).toISOString(), reason: 'early-leave', by: hr }],
    });
    return handle;
  },
  /** Active: movers, one accepted while the previous write ran, a manager changed during a lookup, a hanging write pre-empted by a leave. */
  'active-movers': async (env, fake) => {
    fake.seedAccount('REC-MGR-A', 'manager-a@example.com', 'Manager A');
    fake.seedAccount('REC-MGR-B', 'manager-b@example.com', 'Manager B');
    const { handle } = await invited(env, 'REC-ACT');
    fake.claim('REC-ACT');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    const writes = () => fake.callsOf('updateWorkplaceProfile').length;
    const lookups = () => fake.callsOf('resolveManager').length;
    let release = fake.hold('updateWorkplaceProfile');
    let before = writes();
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Lead' }, by: hr }] });
    await until(() => writes() > before);
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { department: 'Research' }, by: hr }] });
    release();
    await statusWhen(handle, (s) => !s.pending.profileSync);
    release = fake.hold('resolveManager');
    before = lookups();
    await handle.executeUpdate(changeProfileUpdate, {
      args: [{ changes: { managerEmployeeId: 'REC-MGR-A' }, by: hr }],
    });
    await until(() => lookups() > before);
    await handle.executeUpdate(changeProfileUpdate, {
      args: [{ changes: { managerEmployeeId: 'REC-MGR-B' }, by: hr }],
    });
    release();
    await statusWhen(handle, (s) => !s.pending.profileSync && s.manager?.employeeId === 'REC-MGR-B');
    return handle;
  },
  /** Deactivated: a leave date with the manager's notice, then a legal hold that keeps the account. */
  'deactivated-under-legal-hold': async (env, fake) => {
    fake.seedAccount('REC-MGR', 'manager@example.com', 'Rec Manager');
    const { handle, now } = await invited(env, 'REC-DEA', { managerEmployeeId: 'REC-MGR' });
    fake.claim('REC-DEA');
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'date', leaveDate: dateIn(now + 20 * DAY), by: hr }],
    });
    await env.sleep(22 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'litigation', by: operator }] });
    await env.sleep(40 * DAY);
    return handle;
  },
  /** AwaitingManualDeletion: scrubbed, the operators asked; a hold retracts the request, two people release it. */
  'awaiting-manual-deletion': async (env, fake) => {
    const { handle } = await invited(env, 'REC-AMD');
    fake.claim('REC-AMD');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: manager }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion' && Boolean(s.manualDeletionRequestedAt));
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'subpoena', by: operator }] });
    await statusWhen(handle, (s) => Boolean(s.deletionRequestRetractedAt));
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ note: 'closed', by: operator }] });
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: hr }] });
    await statusWhen(handle, (s) => !s.deletionRequestRetractedAt && Boolean(s.manualDeletionRequestedAt));
    return handle;
  },
  /** Deleted: the typical claimed lifecycle — reminders, escalation, claim, mover, leave with notice, scrub, confirmed deletion. */
  'deleted-typical-lifecycle': async (env, fake) => {
    fake.seedAccount('REC-MGR', 'manager@example.com', 'Rec Manager');
    const now = await env.currentTimeMs();
    const employee = employeeRecord(now, {
      employeeId: 'REC-DEL',
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
    fake.claim('REC-DEL');
    await env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Active');
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'Staff Engineer' }, by: hr }] });
    await statusWhen(handle, (s) => !s.pending.profileSync);
    await env.sleep(50 * DAY);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion');
    await handle.executeUpdate(confirmDeletionUpdate, { args: [{ note: 'done', by: operator }] });
    await handle.result();
    return handle;
  },
  /** Withdrawn: the offer withdrawn under a legal hold; removed once two people release the hold. */
  'withdrawn-under-legal-hold': async (env) => {
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(
      env,
      employeeRecord(now, { employeeId: 'REC-WDR', startDate: dateIn(now + 20 * DAY) }),
    );
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await handle.executeUpdate(placeLegalHoldUpdate, { args: [{ reason: 'dispute', by: hr }] });
    await handle.executeUpdate(withdrawOfferUpdate, { args: [{ note: 'declined', by: hr }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(5 * DAY);
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: hr }] });
    await handle.executeUpdate(releaseLegalHoldUpdate, { args: [{ by: operator }] });
    await handle.result();
    return handle;
  },
  /** A rejected invite, the operator's retry, a credential failure Tenure retried on its own, a leave and a rehire. */
  'failure-retry-rehire': async (env, fake) => {
    fake.failWith('inviteWorkplaceUser', () =>
      ApplicationFailure.create({ type: 'WorkplaceRequestRejected', message: 'invites disabled', nonRetryable: true }),
    );
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(
      env,
      employeeRecord(now, { employeeId: 'REC-RTY', startDate: dateIn(now + 2 * DAY) }),
    );
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    await env.sleep(3 * DAY);
    await statusWhen(handle, (s) => s.needsAttention);
    fake.heal('inviteWorkplaceUser');
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'fixed', by: operator }] });
    await statusWhen(handle, (s) => s.stage === 'Invited');
    fake.failWith('deactivateWorkplaceUser', () =>
      ApplicationFailure.create({ type: 'DirectoryUnauthorized', message: '401', nonRetryable: true }),
    );
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await statusWhen(handle, (s) => s.needsAttentionReason === 'directory-unauthorized');
    fake.heal('deactivateWorkplaceUser');
    await env.sleep(2 * 60_000);
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    await env.sleep(10 * DAY);
    await handle.executeUpdate(rehireUpdate, { args: [{ startDate: dateIn(now + 20 * DAY), by: hr }] });
    await statusWhen(handle, (s) => s.stage === 'Invited' && s.cycle === 2);
    return handle;
  },
  /**
   * Since read-back-after-removal: the directory answers a deactivation and a deletion without
   * applying them; each read-back raises directory-mismatch, each operator retry moves on.
   */
  'read-back-mismatch': async (env, fake) => {
    const { handle } = await invited(env, 'REC-RBM');
    fake.answerButNotApply('deactivateWorkplaceUser', 'REC-RBM');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await statusWhen(handle, (s) => s.needsAttentionReason === 'directory-mismatch');
    fake.accountOf('REC-RBM')!.active = false;
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'deactivated by hand', by: operator }] });
    fake.answerButNotApply('deleteWorkplaceUser', 'REC-RBM');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.needsAttentionReason === 'directory-mismatch');
    await handle.executeUpdate(retryUpdate, { args: [{ by: operator }] });
    await handle.result();
    return handle;
  },
  /** Ten years of weekly movers in one employment: the run continues as new past the history bound. */
  'continued-as-new': async (env, fake) => {
    const { handle } = await invited(env, 'REC-CAN');
    fake.claim('REC-CAN');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    const firstRunId = (await handle.describe()).runId;
    for (let week = 1; (await handle.describe()).runId === firstRunId; week++) {
      await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: `Grade ${week}` }, by: hr }] });
      await statusWhen(handle, (s) => !s.pending.profileSync);
      if (week > 400) throw new Error('no continue-as-new after 400 changes');
    }
    await handle.executeUpdate(changeProfileUpdate, { args: [{ changes: { title: 'After the new run' }, by: hr }] });
    await statusWhen(handle, (s) => s.employee.title === 'After the new run' && !s.pending.profileSync);
    await env.sleep(7 * DAY);
    return handle;
  },
};

/**
 * The `guard-brake` patch (workflows/lifecycle/guard.ts): destructive actions claim a permit, may
 * be held, released or rejected. Recorded under test/histories/guard-brake/.
 */
const guardScenarios: Record<string, Scenario> = {
  /** Held at the leave, released by operators (the signal), deactivated; later scrubbed under a granted permit. */
  'guard-held-released': async (env, fake) => {
    const { handle } = await invited(env, 'REC-GHR');
    fake.claim('REC-GHR');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    fake.guardAnswers('REC-GHR', 'held');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: manager }] });
    await statusWhen(handle, (s) => s.timeline.some((e) => e.event === 'held-by-guard'));
    // Nobody decides for a while: the lifecycle asks the guard again on its own, hourly.
    await env.sleep(2 * HOUR + 60_000);
    fake.guardAnswers('REC-GHR', 'released');
    await handle.signal(guardDecisionSignal, { decision: 'released', by: operator });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    fake.guardAnswers('REC-GHR', 'granted');
    await env.sleep(31 * DAY);
    await statusWhen(handle, (s) => s.stage === 'AwaitingManualDeletion' && Boolean(s.manualDeletionRequestedAt));
    return handle;
  },
  /** Held at a scheduled leave, rejected (NeedsAttention guard-rejected), retried and granted; an urgent HR leave is never held. */
  'guard-rejected-retried': async (env, fake) => {
    const { handle, now } = await invited(env, 'REC-GRJ');
    fake.guardAnswers('REC-GRJ', 'held');
    await handle.executeUpdate(changeLeaveUpdate, {
      args: [{ effective: 'at', leaveAt: new Date(now + HOUR).toISOString(), by: hr }],
    });
    await env.sleep(HOUR + 60_000);
    await statusWhen(handle, (s) => s.timeline.some((e) => e.event === 'held-by-guard'));
    fake.guardAnswers('REC-GRJ', 'rejected');
    await handle.signal(guardDecisionSignal, { decision: 'rejected', by: operator });
    await statusWhen(handle, (s) => s.needsAttentionReason === 'guard-rejected');
    fake.guardAnswers('REC-GRJ', 'granted');
    await handle.executeUpdate(retryUpdate, { args: [{ note: 'confirmed with HR', by: operator }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated' && !s.needsAttention);
    const urgent = await invited(env, 'REC-GUR');
    fake.guardAnswers('REC-GUR', 'held');
    await urgent.handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await statusWhen(urgent.handle, (s) => s.stage === 'Deactivated');
    return handle;
  },
};

/**
 * Release 2: directory requests are tried in the workflow task first. Here the directory has no
 * free turn for part of the lifecycle, so those requests go to the task queue (with their priority).
 */
const inTaskScenarios: Record<string, Scenario> = {
  /** Provisioned while the directory is busy (task-queue activities), invited and claimed in tasks, a deactivation's try failing (handed over). */
  'directory-busy': async (env, fake) => {
    fake.directoryBusy();
    const now = await env.currentTimeMs();
    const handle = await startLifecycle(
      env,
      employeeRecord(now, { employeeId: 'REC-BUSY', startDate: dateIn(now + 2 * DAY) }),
    );
    await statusWhen(handle, (s) => s.stage === 'Provisioned');
    fake.directoryFree();
    await env.sleep(2 * DAY + 12 * HOUR);
    await statusWhen(handle, (s) => s.stage === 'Invited');
    fake.claim('REC-BUSY');
    await env.sleep(3 * DAY + HOUR);
    await statusWhen(handle, (s) => s.stage === 'Active');
    // The deactivation's try loses its response: handed to the task queue after the first retry interval.
    fake.dropNextResponse('deactivateWorkplaceUser');
    await handle.executeUpdate(changeLeaveUpdate, { args: [{ effective: 'now', by: hr }] });
    await statusWhen(handle, (s) => s.stage === 'Deactivated');
    return handle;
  },
};

/** Every run of a workflow from `firstRunId` on, following continue-as-new. */
async function runsOf(env: TestWorkflowEnvironment, handle: WorkflowHandle, firstRunId: string): Promise<string[]> {
  const runs = [firstRunId];
  for (;;) {
    const history = await env.client.workflow.getHandle(handle.workflowId, runs.at(-1)).fetchHistory();
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return runs;
    runs.push(next);
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const outOf = (folder: string) => (outAt >= 0 ? args[outAt + 1]! : join(__dirname, folder));
  // The folder after --out is not a scenario (without --out, every argument is one).
  const wanted = args.filter((a, i) => a !== '--out' && (outAt < 0 || i !== outAt + 1));
  const release = outOf(`release-${LIFECYCLE_RELEASE}`);
  const all = Object.entries({ ...scenarios, ...guardScenarios, ...inTaskScenarios }).map(([name, scenario]) => ({
    name,
    scenario,
    out: release,
  }));
  const unknown = wanted.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  }
  const testServer = await resolveTemporalBinary('test-server');
  for (const { name, scenario, out } of all) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    await mkdir(out, { recursive: true });
    // A server per scenario: the time one scenario skips does not leak into the next.
    const env = await createTimeSkippingEnvAt(testServer.path);
    try {
      const fake = fakeActivities(TEST_POLICY);
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: TASK_QUEUE,
        workflowsPath: require.resolve('../../workflows'),
        activities: fake.activities,
      });
      const handle = await worker.runUntil(async () => {
        const h = await scenario(env, fake);
        // Wait for the worker to finish the last task, so that the history ends at rest.
        await new Promise((resolve) => setTimeout(resolve, 500));
        return h;
      });
      const first = (handle as { firstExecutionRunId?: string }).firstExecutionRunId ?? (await handle.describe()).runId;
      const runs = await runsOf(env, handle, first);
      for (const [i, runId] of runs.entries()) {
        const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
        const file = runs.length === 1 ? `${name}.json` : `${name}-run${i + 1}.json`;
        await writeFile(join(out, file), historyToJSON(history));
        process.stdout.write(`${file}: ${history.events?.length} events\n`);
      }
    } finally {
      await env.teardown();
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
