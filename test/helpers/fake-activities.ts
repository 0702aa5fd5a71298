import type { PermitRequest, PermitState } from '../../store';
import { ApplicationFailure } from '@temporalio/common';
import type { Activities, AccountSnapshot } from '../../activities';
import { createScheduleActivities } from '../../activities/schedule-activities';
import { FailureType } from '../../activities/failures';
import { createInTaskActivity, IN_TASK_ACTIVITIES } from '../../activities/in-task';
import type { LifecyclePolicy } from '../../workflows/contract';

/** A notification slot without the employment it belongs to: `e<run id>-c1-r3` → `c1-r3`. */
export const withoutEmployment = (slot: string) => slot.replace(/^e[0-9a-f]{32}-/, '');

/** A Workplace account as the fake directory holds it. */
export interface FakeAccount {
  userId: string;
  externalId: string;
  email: string;
  displayName: string;
  active: boolean;
  invited: boolean;
  claimed: boolean;
  claimLink?: string;
  managerUserId?: string;
  termAt?: string;
  title?: string;
  department?: string;
  costCenter?: string;
  scrubbed: boolean;
  deleted: boolean;
}

export interface FakeMail {
  kind: 'reminder' | 'manager-escalation' | 'leave-notice' | 'manual-deletion-request' | 'deletion-request-retraction';
  employeeId: string;
  slot: string;
  to?: string;
}

export interface FakeCall {
  name: keyof Activities;
  args: unknown;
}

/**
 * Activity mocks for workflow tests, typed from the real factory: an in-memory Workplace with the
 * documented behaviour (412 when deleting a claimed account, claim links on invite) and a mail
 * outbox. Tests claim accounts, seed managers and inject failures through it.
 */
export function fakeActivities(
  policy: LifecyclePolicy,
  /** `deleteClaimed`: a plain SCIM 2.0 directory, which deletes claimed accounts too (Workplace refuses with 412) */
  {
    deleteClaimed = false,
    protectedAccounts = [],
  }: {
    deleteClaimed?: boolean;
    /** GUARD_PROTECTED as the worker reads it (a test may change it) */ protectedAccounts?: string[];
  } = {},
) {
  const accounts = new Map<string, FakeAccount>();
  const mails: FakeMail[] = [];
  const calls: FakeCall[] = [];
  const failures = new Map<keyof Activities, () => Error>();
  const holds = new Map<keyof Activities, Promise<void>>();
  const dropped = new Set<keyof Activities>();
  // Per activity, the accounts whose next such write is answered but not applied.
  const unapplied = new Map<keyof Activities, Set<string>>();
  const applies = (name: keyof Activities, userId: string) => !unapplied.get(name)?.delete(userId);
  const releases: (() => void)[] = [];
  let nextId = 1000;

  const byExternalId = (externalId: string) =>
    [...accounts.values()].find((a) => a.externalId === externalId && !a.deleted);
  const snapshot = (a: FakeAccount): AccountSnapshot => ({
    userId: a.userId,
    active: a.active,
    invited: a.invited,
    claimed: a.claimed,
    deletable: deleteClaimed || !a.claimed,
  });
  const accountOrMissing = (userId: string) => {
    const a = accounts.get(userId);
    if (!a || a.deleted) {
      throw ApplicationFailure.create({
        type: 'WorkplaceUserMissing',
        message: `no user ${userId}`,
        nonRetryable: true,
      });
    }
    return a;
  };

  function track<A extends unknown[], R>(name: keyof Activities, body: (...args: A) => R): (...args: A) => Promise<R> {
    return (...args: A) => {
      calls.push({ name, args: args[0] });
      const run = () => {
        const fail = failures.get(name);
        if (fail) return Promise.reject(fail());
        const result = body(...args);
        if (!dropped.delete(name)) return Promise.resolve(result);
        // Applied, but the answer is lost on the way back: the activity fails and is retried.
        return Promise.reject(
          ApplicationFailure.create({ type: 'WorkplaceUnreachable', message: 'response lost', nonRetryable: false }),
        );
      };
      const hold = holds.get(name);
      return hold ? hold.then(run) : run();
    };
  }

  /** What a profile write (the mover's PATCH, or a reactivation) sets on the account. */
  function writeProfile(a: FakeAccount, write: Parameters<Activities['updateWorkplaceProfile']>[0]): void {
    a.email = write.employee.email;
    a.displayName = write.employee.displayName ?? `${write.employee.givenName} ${write.employee.familyName}`;
    a.title = write.employee.title;
    a.department = write.employee.department;
    a.costCenter = write.employee.costCenter;
    a.managerUserId = write.managerUserId;
    a.termAt = write.termAt;
  }

  function create(write: Parameters<Activities['createWorkplaceUser']>[0]): FakeAccount {
    const a: FakeAccount = {
      userId: String(nextId++),
      externalId: write.employee.employeeId,
      email: write.employee.email,
      displayName: write.employee.displayName ?? `${write.employee.givenName} ${write.employee.familyName}`,
      active: true,
      invited: Boolean(write.invite),
      claimed: false,
      scrubbed: false,
      deleted: false,
      ...(write.managerUserId ? { managerUserId: write.managerUserId } : {}),
      ...(write.termAt ? { termAt: write.termAt } : {}),
      ...(write.employee.title ? { title: write.employee.title } : {}),
      ...(write.employee.department ? { department: write.employee.department } : {}),
      ...(write.employee.costCenter ? { costCenter: write.employee.costCenter } : {}),
    };
    if (a.invited) a.claimLink = `https://work.example/claim/${a.userId}`;
    accounts.set(a.userId, a);
    return a;
  }

  // The guard's answer per employee (granted unless a test says otherwise).
  const guard = new Map<string, PermitState>();

  // The reconciler's activities are not faked: it is tested against the emulator and a real store.
  const schedule = createScheduleActivities(
    () => policy,
    () => protectedAccounts,
    () => directoryInTask,
  );
  const direct: Omit<Activities, 'reconcileDirectoryPage' | 'finishReconciliation' | 'tryInTask'> = {
    ...schedule,
    // A worker of code before release 2 began the lifecycle: its answer names no release.
    beginLifecycle: async (args) => {
      const begun = await schedule.beginLifecycle(args);
      if (!olderWorker) return begun;
      const { release: _release, directoryInTask: _tries, ...before } = begun;
      return before;
    },
    claimDestructivePermit: track('claimDestructivePermit', (request: PermitRequest) => ({
      // Like the store: an urgent action is never held.
      outcome: request.urgent ? 'granted' : (guard.get(request.employeeId) ?? 'granted'),
    })),
    withdrawDestructivePermit: track('withdrawDestructivePermit', (_: { slot: string }) => undefined),
    resolveManager: track('resolveManager', ({ managerEmployeeId }: { managerEmployeeId: string }) => {
      const m = byExternalId(managerEmployeeId);
      return m
        ? { employeeId: managerEmployeeId, workplaceUserId: m.userId, email: m.email, displayName: m.displayName }
        : null;
    }),
    findWorkplaceUser: track('findWorkplaceUser', (by: Parameters<Activities['findWorkplaceUser']>[0]) => {
      const a =
        'externalId' in by
          ? byExternalId(by.externalId)
          : [...accounts.values()].find((x) => !x.deleted && x.email.toLowerCase() === by.userName.toLowerCase());
      return a ? { ...snapshot(a), externalId: a.externalId } : null;
    }),
    createWorkplaceUser: track('createWorkplaceUser', (write: Parameters<Activities['createWorkplaceUser']>[0]) => {
      const email = write.employee.email.toLowerCase();
      const taken = [...accounts.values()].some(
        (x) => !x.deleted && (x.externalId === write.employee.employeeId || x.email.toLowerCase() === email),
      );
      return taken ? { outcome: 'exists' as const } : { outcome: 'created' as const, account: snapshot(create(write)) };
    }),
    updateWorkplaceProfile: track(
      'updateWorkplaceProfile',
      (write: Parameters<Activities['updateWorkplaceProfile']>[0]) => {
        writeProfile(accountOrMissing(write.userId), write);
      },
    ),
    inviteWorkplaceUser: track('inviteWorkplaceUser', ({ userId }: { userId: string }) => {
      const a = accountOrMissing(userId);
      if (!a.claimed && !a.invited) {
        a.invited = true;
        a.claimLink = `https://work.example/claim/${userId}`;
      }
      return snapshot(a);
    }),
    readClaimStatus: track('readClaimStatus', ({ userId }: { userId: string }) => snapshot(accountOrMissing(userId))),
    deactivateWorkplaceUser: track('deactivateWorkplaceUser', ({ userId }: { userId: string }) => {
      const a = accounts.get(userId);
      if (!a || a.deleted) return { outcome: 'not-found' as const };
      if (applies('deactivateWorkplaceUser', userId)) a.active = false;
      return { outcome: 'deactivated' as const };
    }),
    reactivateWorkplaceUser: track(
      'reactivateWorkplaceUser',
      (write: Parameters<Activities['reactivateWorkplaceUser']>[0]) => {
        const a = accounts.get(write.userId);
        if (!a || a.deleted) return { outcome: 'not-found' as const };
        a.active = true;
        a.scrubbed = false;
        writeProfile(a, write);
        return { outcome: 'reactivated' as const, account: snapshot(a) };
      },
    ),
    scrubWorkplaceUser: track('scrubWorkplaceUser', ({ userId }: { userId: string }) => {
      const a = accounts.get(userId);
      if (!a || a.deleted) return { outcome: 'not-found' as const };
      a.scrubbed = true;
      a.displayName = 'Former Employee';
      return { outcome: 'scrubbed' as const };
    }),
    deleteWorkplaceUser: track('deleteWorkplaceUser', ({ userId }: { userId: string }) => {
      const a = accounts.get(userId);
      if (!a || a.deleted) return { outcome: 'already-gone' as const };
      if (a.claimed && !deleteClaimed) return { outcome: 'refused' as const };
      a.deleted = applies('deleteWorkplaceUser', userId);
      return { outcome: 'deleted' as const };
    }),
    readBackWorkplaceUser: track(
      'readBackWorkplaceUser',
      ({ userId, expect }: Parameters<Activities['readBackWorkplaceUser']>[0]) => {
        const a = accounts.get(userId);
        const observed = !a || a.deleted ? ('gone' as const) : a.active ? ('active' as const) : ('inactive' as const);
        return { observed, confirmed: observed === 'gone' || (expect === 'inactive' && observed === 'inactive') };
      },
    ),
    pingDirectory: track('pingDirectory', () => undefined),
    // Crypto-shredding is the codec's (tested in test/codec): workflow tests see the call in callsOf.
    eraseEmployeeDataKey: track('eraseEmployeeDataKey', () => undefined),
    remindToClaim: track('remindToClaim', (a: Parameters<Activities['remindToClaim']>[0]) => {
      const account = accountOrMissing(a.userId);
      if (account.claimed) return { sent: false, account: snapshot(account) };
      if (!account.claimLink) {
        throw ApplicationFailure.create({ type: 'MissingClaimLink', message: 'no claim link', nonRetryable: true });
      }
      mails.push({ kind: 'reminder', employeeId: a.employee.employeeId, slot: a.slot, to: a.employee.email });
      return { sent: true, account: snapshot(account) };
    }),
    sendManagerEscalation: track('sendManagerEscalation', (a: Parameters<Activities['sendManagerEscalation']>[0]) => {
      mails.push({ kind: 'manager-escalation', employeeId: a.employee.employeeId, slot: a.slot, to: a.manager.email });
    }),
    sendLeaveNotice: track('sendLeaveNotice', (a: Parameters<Activities['sendLeaveNotice']>[0]) => {
      mails.push({ kind: 'leave-notice', employeeId: a.employee.employeeId, slot: a.slot, to: a.manager.email });
    }),
    sendDeletionRequestRetraction: track(
      'sendDeletionRequestRetraction',
      (a: Parameters<Activities['sendDeletionRequestRetraction']>[0]) => {
        mails.push({ kind: 'deletion-request-retraction', employeeId: a.employee.employeeId, slot: a.slot });
      },
    ),
    sendManualDeletionRequest: track(
      'sendManualDeletionRequest',
      (a: Parameters<Activities['sendManualDeletionRequest']>[0]) => {
        mails.push({ kind: 'manual-deletion-request', employeeId: a.employee.employeeId, slot: a.slot });
      },
    ),
  };

  let olderWorker = false;
  let directoryInTask = true;

  // Tried in a workflow task, a call gives way to the task queue (as the real pacer's busy answer
  // does) while the test holds that activity (holds keep task-queue activities in flight), or makes
  // the directory busy. Injected failures and dropped responses happen in the task, as a real
  // directory's would.
  const busy = new Set<keyof Activities>();
  let allBusy = false;
  const inTaskView = Object.fromEntries(
    IN_TASK_ACTIVITIES.map((name) => [
      name,
      (...args: unknown[]) => {
        if (allBusy || busy.has(name) || holds.has(name)) {
          return Promise.reject(ApplicationFailure.retryable('no free turn (fake)', FailureType.DirectoryBusy));
        }
        return (direct[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as Parameters<typeof createInTaskActivity>[0];
  const activities = { ...direct, ...createInTaskActivity(inTaskView) };

  return {
    activities,
    accounts,
    /**
     * Directory requests tried in a workflow task find no free turn (all of them, or those of the
     * activities named) until `directoryFree()`: each goes to the task queue, as in a burst.
     */
    directoryBusy(...names: (keyof Activities)[]) {
      if (names.length === 0) allBusy = true;
      for (const name of names) busy.add(name);
    },
    /** Lifecycles begun from now on are begun by a worker of code before release 2 (`true`), or of this code. */
    beginAsOlderWorker(older: boolean) {
      olderWorker = older;
    },
    /** DIRECTORY_IN_TASK of the worker for lifecycles begun from now on. */
    setDirectoryInTask(on: boolean) {
      directoryInTask = on;
    },
    /** Turns free again for the activities named, or for all of them. */
    directoryFree(...names: (keyof Activities)[]) {
      if (names.length === 0) {
        allBusy = false;
        busy.clear();
      }
      for (const name of names) busy.delete(name);
    },
    mails,
    calls,
    /** The live (not deleted) account of an employee. */
    accountOf: (employeeId: string) => byExternalId(employeeId),
    /** The employee opens the claim link. */
    claim(employeeId: string) {
      const a = byExternalId(employeeId);
      if (!a) throw new Error(`no account for ${employeeId}`);
      a.claimed = true;
    },
    /** A colleague already in Workplace (a manager). */
    seedAccount(externalId: string, email: string, displayName = externalId) {
      const a: FakeAccount = {
        userId: String(nextId++),
        externalId,
        email,
        displayName,
        active: true,
        invited: true,
        claimed: true,
        scrubbed: false,
        deleted: false,
      };
      accounts.set(a.userId, a);
      return a;
    },
    /** An administrator deleted the employee's account by hand: every call about it now answers 404. */
    deleteByHand(employeeId: string) {
      const a = byExternalId(employeeId);
      if (!a) throw new Error(`no account for ${employeeId}`);
      a.deleted = true;
    },
    /** The guard answers this to the employee's permit claims from now on. */
    guardAnswers(employeeId: string, outcome: PermitState) {
      guard.set(employeeId, outcome);
    },
    /** Every call of `name` fails with `error()` until `heal(name)`. */
    failWith(name: keyof Activities, error: () => Error) {
      failures.set(name, error);
    },
    heal(name: keyof Activities) {
      failures.delete(name);
    },
    /** The next call of `name` is applied but its answer is lost (the activity sees a network failure). */
    dropNextResponse(name: keyof Activities) {
      dropped.add(name);
    },
    /**
     * The employee's next deactivation or deletion is answered as done but does not hold (a
     * directory that loses the write, an administrator re-enabling the account at once).
     */
    answerButNotApply(name: 'deactivateWorkplaceUser' | 'deleteWorkplaceUser', employeeId: string) {
      const a = byExternalId(employeeId);
      if (!a) throw new Error(`no account for ${employeeId}`);
      unapplied.set(name, new Set([...(unapplied.get(name) ?? []), a.userId]));
    },
    /** Every hold released, every failure healed, no response pending a drop: a clean directory for the next test. */
    reset() {
      olderWorker = false;
      directoryInTask = true;
      allBusy = false;
      busy.clear();
      failures.clear();
      dropped.clear();
      unapplied.clear();
      for (const release of releases.splice(0)) release();
    },
    /** Calls of `name` wait (already made or made later) until the returned function releases them. */
    hold(name: keyof Activities): () => void {
      let release!: () => void;
      holds.set(name, new Promise<void>((resolve) => (release = resolve)));
      const done = () => {
        holds.delete(name);
        release();
      };
      releases.push(done);
      return done;
    },
    mailsOf: (employeeId: string, kind?: FakeMail['kind']) =>
      mails.filter((m) => m.employeeId === employeeId && (!kind || m.kind === kind)),
    /** The slots of an employee's e-mails without their employment prefix (`c1-r3`). */
    slotsOf: (employeeId: string, kind?: FakeMail['kind']) =>
      mails
        .filter((m) => m.employeeId === employeeId && (!kind || m.kind === kind))
        .map((m) => withoutEmployment(m.slot)),
    callsOf: (name: keyof Activities) => calls.filter((c) => c.name === name),
  };
}

export type FakeActivities = ReturnType<typeof fakeActivities>;
