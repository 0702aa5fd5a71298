import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  confirmDeletionUpdate,
  DEFAULT_LIFECYCLE_POLICY,
  isFinal,
  isLive,
  LIFECYCLE_RELEASE,
  placeLegalHoldUpdate,
  previewQuery,
  profileDriftedSignal,
  refreshPolicyUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  retryUpdate,
  statusQuery,
  guardDecisionSignal,
  withdrawOfferUpdate,
  type EmployeeRecord,
  type EmployeeStatus,
  type LifecycleAction,
  type LifecyclePolicy,
  type Requested,
} from './contract/core';
import { durationMs } from './contract/core';
import { isBackground } from './lifecycle/action-kinds';
import { perform } from './lifecycle/actions';
import { dropMootHold, guardDecided, refreshProtectedAccounts } from './lifecycle/guard';
import { previewSteps } from './lifecycle/preview';
import { erasure, local, NON_CRITICAL_BOUND } from './lifecycle/activities';
import { classify, park, unpark } from './lifecycle/attempt';
import { checkIdempotencyKey, isRepeat } from './lifecycle/idempotency';
import { deactivationAt, deactivationDue, LIVE_ONLY_ACTIONS, nextAction } from './lifecycle/plan';
import {
  applyDeletionConfirmation,
  applyLeaveChange,
  applyLegalHold,
  applyLegalHoldRelease,
  applyProfileChange,
  applyRehire,
  applyRetry,
  applyWithdrawal,
  requester,
} from './lifecycle/requests';
import { syncSearchAttributes } from './lifecycle/search-attributes-sync';
import { initialState, record, REQUEST_MEMORY, STATE_VERSION, tenure, type EmployeeState } from './lifecycle/state';
import {
  validateDeletionConfirmation,
  validateLeaveChange,
  validateLegalHold,
  validateLegalHoldRelease,
  validatePolicyRefresh,
  validateProfileChange,
  validateRehire,
  validateRetry,
  validateWithdrawal,
} from './lifecycle/validators';
import { beginRelease, RELEASE_PATCH } from './lifecycle/versions';
import { detailsOf, statusOf } from './lifecycle/view';
import { applyProfileDrift } from './lifecycle/profile-drift';

/**
 * A run continues as new past this many history events (or when the server suggests it), so that
 * even a ten-year employment with weekly changes keeps every run small.
 */
export const HISTORY_EVENTS_PER_RUN = 1_500;

/**
 * How many actions may run within a minute of workflow time, with no request arriving in between,
 * before the lifecycle stops and parks the last one: a guard against a defect that would make an
 * action due again and again (a real lifecycle runs a handful at a time, and backs off for minutes).
 */
const ACTIONS_PER_BURST = 25;
const BURST_MS = 60_000;

export interface EmployeeLifecycleInput {
  employee: EmployeeRecord;
  /** the policy in force; read from the worker's configuration when absent */
  policy?: LifecyclePolicy;
  /** who started the lifecycle (the HR principal), for the timeline */
  by?: Requested['by'];
  /** the id of the API request that started it, for the timeline */
  requestId?: string;
  /** carried across continue-as-new */
  state?: EmployeeState;
}

/**
 * One employee's account lifecycle, from provisioning to deletion: provision at once, invite at
 * the invite moment, remind until claimed, deactivate at the leave, delete (or scrub and hand to an
 * operator) after retention, then erase the employee's data key. Runs for years; continues as new
 * to keep each run's history small. Returns nothing: its records end with the employee's data.
 */
export async function employeeLifecycleWorkflow(input: EmployeeLifecycleInput): Promise<void> {
  const info = workflowInfo();
  // The employment's id: the chain's first run, so Message-IDs never repeat across employments.
  const employment = `e${info.firstExecutionRunId.replace(/-/g, '')}`;
  const state: EmployeeState =
    input.state ??
    initialState(
      input.employee,
      input.policy ?? DEFAULT_LIFECYCLE_POLICY,
      employment,
      input.by ?? tenure('start'),
      input.requestId,
    );
  if (input.state) {
    // A continued run takes the release of the code that runs its first task — recorded as a
    // marker, so that a run continued by an older worker replays on its own branches.
    const current = patched(RELEASE_PATCH);
    state.release = current ? LIFECYCLE_RELEASE : undefined;
    if (!current) delete state.directoryInTask;
    beginRelease(state.release, state.directoryInTask);
  }
  if (state.version !== STATE_VERSION) {
    // A carried state this code cannot read: fail loudly (listed as needing attention) rather than guess.
    throw ApplicationFailure.nonRetryable(`unknown state version ${String(state.version)}`, 'UnknownStateVersion');
  }
  // Bumped by every accepted update: the main loop's wait ends and it plans again.
  let changes = 0;

  /** Registers an update; a repeat of an accepted request (its update id) is answered without applying it. */
  const handle = <A extends Requested | undefined>(
    definition: UpdateDefinition<EmployeeStatus, [A]>,
    validate: (arg: NoInfer<A>) => void,
    apply: (arg: NoInfer<A>) => void,
  ) => {
    setHandler(
      definition,
      (arg: A) => {
        const id = currentUpdateInfo()?.id;
        if (!isRepeat(state, id)) {
          apply(arg);
          if (id) state.requests = [...state.requests, { id }].slice(-REQUEST_MEMORY);
          changes++;
          syncSearchAttributes(state);
        }
        return statusOf(state, Date.now());
      },
      {
        validator: (arg: A) => {
          const id = currentUpdateInfo()?.id;
          if (isRepeat(state, id)) return;
          checkIdempotencyKey(state, id);
          validate(arg);
        },
      },
    );
  };

  setHandler(statusQuery, () => statusOf(state, Date.now()));
  setHandler(previewQuery, (steps) => previewSteps(state, steps, Date.now()));
  setHandler(guardDecisionSignal, () => {
    guardDecided(state);
    changes++;
  });
  setHandler(profileDriftedSignal, () => {
    if (applyProfileDrift(state, Date.now())) changes++;
  });
  handle(
    changeProfileUpdate,
    (r) => validateProfileChange(state, r),
    (r) => applyProfileChange(state, r, Date.now()),
  );
  handle(
    changeLeaveUpdate,
    (r) => validateLeaveChange(state, r, Date.now()),
    (r) => applyLeaveChange(state, r, Date.now()),
  );
  handle(
    withdrawOfferUpdate,
    (r) => validateWithdrawal(state, r, Date.now()),
    (r) => applyWithdrawal(state, r ?? {}, Date.now()),
  );
  handle(
    rehireUpdate,
    (r) => validateRehire(state, r),
    (r) => applyRehire(state, r, Date.now()),
  );
  handle(
    placeLegalHoldUpdate,
    (r) => validateLegalHold(state, r),
    (r) => applyLegalHold(state, r, Date.now()),
  );
  handle(
    releaseLegalHoldUpdate,
    (r) => validateLegalHoldRelease(state, r, requester(r ?? {})),
    (r) => applyLegalHoldRelease(state, r ?? {}, Date.now()),
  );
  handle(
    confirmDeletionUpdate,
    (r) => validateDeletionConfirmation(state, r),
    (r) => applyDeletionConfirmation(state, r ?? {}, Date.now()),
  );
  handle(
    retryUpdate,
    (r) => validateRetry(state, r),
    (r) => applyRetry(state, r ?? {}, Date.now()),
  );
  setHandler(
    refreshPolicyUpdate,
    async () => {
      state.policy = await local.readLifecyclePolicy();
      await refreshProtectedAccounts(state);
      changes++;
      return statusOf(state, Date.now());
    },
    { validator: (r) => validatePolicyRefresh(r) },
  );

  if (!input.state) {
    const begun = await local.beginLifecycle({
      ...(input.policy ? { policy: input.policy } : {}),
      timeZone: state.employee.timeZone,
      startDate: state.employee.startDate,
      ...(state.leave?.date ? { leaveDate: state.leave.date } : {}),
    });
    state.policy = begun.policy;
    state.calendar = begun.calendar;
    // The release of the worker code that began the run, as its first local activity recorded it.
    if (begun.release !== undefined) state.release = begun.release;
    if (begun.directoryInTask !== undefined) state.directoryInTask = begun.directoryInTask;
    beginRelease(state.release, state.directoryInTask);
    if (begun.protectedAccounts?.length) state.protectedAccounts = begun.protectedAccounts;
    if (state.leave) {
      const detail = state.leave.at ? `at ${state.leave.at}` : `end of ${state.leave.date}`;
      record(state, Date.now(), 'leave-scheduled', state.leave.by, detail);
    }
  }
  syncSearchAttributes(state);

  // The current burst: actions run since `burst.since` with no request in between.
  let burst = { since: 0, changes: -1, actions: 0 };
  for (;;) {
    // A final stage ends the run, unless a legal hold keeps Tenure's records until it is released.
    if (isFinal(state.stage) && !state.legalHold) break;
    const { continueAsNewSuggested, historyLength } = workflowInfo();
    if (continueAsNewSuggested || historyLength > HISTORY_EVENTS_PER_RUN) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof employeeLifecycleWorkflow>({ employee: state.employee, state });
    }
    const now = Date.now();
    await dropMootHold(state, now);
    const next = nextAction(state, now);
    if (next && next.at <= now) {
      if (changes !== burst.changes || now - burst.since >= BURST_MS) {
        burst = { since: now, changes, actions: 0 };
      }
      if (++burst.actions > ACTIONS_PER_BURST) {
        park(
          state,
          next.action,
          {
            type: 'NoProgress',
            message: `${ACTIONS_PER_BURST} actions ran within a minute with no request in between; ${next.action} was due again`,
            reason: 'workflow-error',
          },
          now,
        );
      } else {
        await run(next.action);
      }
      syncSearchAttributes(state);
      continue;
    }
    setCurrentDetails(detailsOf(state, now));
    const seen = changes;
    const woken = () => changes !== seen;
    if (next) {
      await condition(woken, next.at - now, { summary: `${next.action} at ${new Date(next.at).toISOString()}` });
    } else {
      await condition(woken);
    }
  }
  setCurrentDetails(detailsOf(state, Date.now()));
  await condition(allHandlersFinished);
  // The last step: the employee's data key goes, and with it every payload of this employment
  // wherever Temporal keeps it (crypto-shredding). Nothing is written after it — the run returns
  // nothing — so nothing is encrypted under the employee's key again.
  await erasure.eraseEmployeeDataKey({ employeeId: state.employee.employeeId });

  /**
   * Runs one action. A deactivation that becomes due while a non-critical action is in flight
   * (a profile write hanging on an outage, a reminder waiting for the mail server) does not wait
   * for it: it runs at once beside it. Nothing is cancelled — a directory call cannot be taken back
   * anyway — and the non-critical action, when it ends, only records what still applies.
   */
  async function run(action: LifecycleAction): Promise<void> {
    if (!isBackground(action)) return attempt(action);
    let done = false;
    const work = attempt(action).finally(() => (done = true));
    const watch = new CancellationScope();
    const urgent = watch
      .run(async () => {
        const ready = () => done || deactivationDue(state, Date.now());
        const until = deactivationAt(state, Date.now());
        // No timer when the deactivation is further away than the action may take.
        if (until !== undefined && until - Date.now() < durationMs(NON_CRITICAL_BOUND)) {
          await condition(ready, Math.max(until - Date.now(), 1));
        } else {
          await condition(ready);
        }
      })
      .catch(() => undefined);
    await Promise.race([work, urgent]);
    if (!done && deactivationDue(state, Date.now())) {
      log.info('a due deactivation runs beside a non-critical action in flight', { action });
      await attempt('deactivate');
    }
    watch.cancel();
    await work;
  }

  /** Runs one action; a failure is parked (waiting for an operator, or for Tenure's own retry). */
  async function attempt(action: LifecycleAction): Promise<void> {
    try {
      await perform(action, state);
      unpark(state, action);
    } catch (error) {
      const failure = classify(error);
      if (!failure) return;
      // A live account's action that failed after the account was deactivated no longer matters.
      if (LIVE_ONLY_ACTIONS.includes(action) && !isLive(state.stage)) return;
      park(state, action, failure, Date.now());
    }
  }
}
