import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  refreshPolicyUpdate,
  rehireUpdate,
  releaseLegalHoldUpdate,
  retryUpdate,
  statusQuery,
  withdrawOfferUpdate,
} from './definitions';
import { displayNameOf, type EmployeeProfile } from './employee';
import {
  applyInstants,
  datesToResolve,
  LifecycleFailure,
  ONE_LOCAL_ACTIVITY_AT_START,
  perform,
} from './lifecycle/actions';
import { local } from './lifecycle/activities';
import { nextAction, schedule } from './lifecycle/plan';
import { DEFAULT_LIFECYCLE_POLICY } from './lifecycle/policy';
import {
  applyDeletionConfirmation,
  applyLeaveChange,
  applyLegalHold,
  applyLegalHoldRelease,
  applyProfileChange,
  applyRehire,
  applyRetry,
  applyWithdrawal,
} from './lifecycle/requests';
import { syncSearchAttributes } from './lifecycle/search-attributes-sync';
import { initialState, isFinal, record } from './lifecycle/state';
import type {
  DeletionConfirmation,
  EmployeeLifecycleInput,
  EmployeeState,
  EmployeeStatus,
  LeaveChange,
  LegalHoldRequest,
  LifecycleAction,
  RehireRequest,
} from './lifecycle/types';
import {
  validateDeletionConfirmation,
  validateLeaveChange,
  validateLegalHold,
  validateLegalHoldRelease,
  validateProfileChange,
  validateRehire,
  validateRetry,
  validateWithdrawal,
} from './lifecycle/validators';

/**
 * A run continues as new past this many history events (or when the server suggests it), so that
 * even a ten-year employment with weekly changes keeps every run small.
 */
export const HISTORY_EVENTS_PER_RUN = 1_500;

function statusOf(state: EmployeeState): EmployeeStatus {
  return { employeeId: state.employee.employeeId, ...state, schedule: schedule(state, Date.now()) };
}

function describe(state: EmployeeState): string {
  const { employee } = state;
  const next = schedule(state, Date.now())[0];
  return [
    `**${displayNameOf(employee)}** (${employee.employeeId})${employee.department ? ` · ${employee.department}` : ''}`,
    `Stage: ${state.stage}${state.needsAttention ? ' · needs attention' : ''}${state.legalHold ? ' · legal hold' : ''}`,
    next ? `Next: ${next.action}${next.at ? ` at ${next.at}` : ''}${next.blockedBy ? ` (${next.blockedBy})` : ''}` : '',
    state.needsAttention && state.lastError ? `Last error: ${state.lastError.type}: ${state.lastError.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The failures a lifecycle records and waits on an operator for, instead of failing its task. */
function recordableFailure(error: unknown): { type: string; message: string } | undefined {
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message };
    return { type: cause?.name ?? 'ActivityFailure', message: cause?.message ?? error.message };
  }
  // A local activity's failure arrives as its ApplicationFailure, not wrapped in an ActivityFailure.
  if (error instanceof ApplicationFailure) return { type: error.type ?? 'Error', message: error.message };
  if (error instanceof LifecycleFailure) return { type: error.type, message: error.message };
  return undefined;
}

/**
 * One employee's account lifecycle, from provisioning to deletion: provision at once, invite at
 * the invite moment, remind until claimed, deactivate at the leave, delete (or scrub and hand to an
 * operator) after retention. Runs for years; continues as new to keep each run's history small.
 */
export async function employeeLifecycleWorkflow(input: EmployeeLifecycleInput): Promise<EmployeeStatus> {
  const state: EmployeeState = input.state ?? initialState(input.employee, input.policy ?? DEFAULT_LIFECYCLE_POLICY);
  // Bumped by every accepted update: the main loop's wait ends and it plans again.
  let changes = 0;
  const accepted = <T>(apply: () => T): EmployeeStatus => {
    apply();
    changes++;
    syncSearchAttributes(state);
    return statusOf(state);
  };
  const now = () => Date.now();

  setHandler(statusQuery, () => statusOf(state));
  setHandler(changeProfileUpdate, (c) => accepted(() => applyProfileChange(state, c)), {
    validator: (c: Partial<EmployeeProfile>) => validateProfileChange(state, c),
  });
  setHandler(changeLeaveUpdate, (c) => accepted(() => applyLeaveChange(state, c, now())), {
    validator: (c: LeaveChange) => validateLeaveChange(state, c),
  });
  setHandler(withdrawOfferUpdate, (r) => accepted(() => applyWithdrawal(state, r?.note, now())), {
    validator: (_r) => validateWithdrawal(state, now()),
  });
  setHandler(rehireUpdate, (r) => accepted(() => applyRehire(state, r, now())), {
    validator: (r: RehireRequest) => validateRehire(state, r),
  });
  setHandler(placeLegalHoldUpdate, (r) => accepted(() => applyLegalHold(state, r, now())), {
    validator: (r: LegalHoldRequest) => validateLegalHold(state, r),
  });
  setHandler(releaseLegalHoldUpdate, (r) => accepted(() => applyLegalHoldRelease(state, r?.note, now())), {
    validator: (_r) => validateLegalHoldRelease(state),
  });
  setHandler(confirmDeletionUpdate, (c) => accepted(() => applyDeletionConfirmation(state, c ?? {}, now())), {
    validator: (c: DeletionConfirmation) => validateDeletionConfirmation(state, c ?? {}),
  });
  setHandler(retryUpdate, (r) => accepted(() => applyRetry(state, r?.note, now())), {
    validator: (_r) => validateRetry(state),
  });
  setHandler(refreshPolicyUpdate, async () => {
    state.policy = await local.readLifecyclePolicy();
    changes++;
    return statusOf(state);
  });

  if (!input.state) {
    if (patched(ONE_LOCAL_ACTIVITY_AT_START)) {
      const begun = await local.beginLifecycle({ ...datesToResolve(state), withPolicy: !input.policy });
      if (begun.policy) state.policy = begun.policy;
      applyInstants(state, begun);
    } else if (!input.policy) {
      state.policy = await local.readLifecyclePolicy();
    }
    if (state.leave) {
      record(state, now(), 'leave-scheduled', state.leave.at ? `at ${state.leave.at}` : `end of ${state.leave.date}`);
    }
  }
  syncSearchAttributes(state);

  while (!isFinal(state.stage)) {
    setCurrentDetails(describe(state));
    const next = nextAction(state, now());
    if (next && next.at <= now()) {
      await attempt(next.action, state);
      syncSearchAttributes(state);
      continue;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_PER_RUN) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof employeeLifecycleWorkflow>({ employee: state.employee, state });
    }
    const seen = changes;
    const woken = () => changes !== seen;
    if (next) {
      await condition(woken, next.at - now(), { summary: `${next.action} at ${new Date(next.at).toISOString()}` });
    } else {
      await condition(woken);
    }
  }
  setCurrentDetails(describe(state));
  await condition(allHandlersFinished);
  return statusOf(state);
}

/** Runs one action; a failure no retry can fix is recorded and flags the employee for an operator. */
async function attempt(action: LifecycleAction, state: EmployeeState): Promise<void> {
  try {
    await perform(action, state);
  } catch (error) {
    const failure = recordableFailure(error);
    if (!failure) throw error;
    const at = Date.now();
    state.needsAttention = true;
    state.lastError = { at: new Date(at).toISOString(), action, ...failure };
    record(state, at, 'failed', `${action}: ${failure.type}: ${failure.message}`);
    log.error('lifecycle action failed; waiting for an operator', { action, ...failure });
  }
}
