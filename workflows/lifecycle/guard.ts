import { log, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ATTENTION_REASONS, iso, type LifecycleAction } from '../contract/core';
import { now } from './account';
import { LifecycleFailure } from './failure';
import { candidates } from './plan';
import { syncSearchAttributes } from './search-attributes-sync';
import { record, tenure, type EmployeeState } from './state';
import { inForce } from './versions';

/**
 * The blast-radius brake, the lifecycle's side. Before a destructive directory call (deactivate;
 * delete or scrub at the end of retention) the lifecycle claims a permit from the guard (the Tenure
 * store). Granted or released: it acts. Held: it does not act, records `held-by-guard`, shows
 * `GuardState = 'held'`, and asks again when operators decide (the guardDecision signal) or, should
 * that signal be lost, hourly. Rejected: the action is parked, NeedsAttention `guard-rejected`; an
 * operator's retry makes a new claim (the rejection count is part of the slot).
 *
 * An individual immediate leave by HR (an early leave HR asked for: a security termination) is
 * never held, but counts. Behind the `guard-brake` patch: histories recorded before it replay
 * without the claim.
 */

/** The patch id of the brake (workflows/lifecycle/versions.ts). */
export const GUARD_PATCH = 'guard-brake';

/** How often a held action asks the guard again on its own. */
const RECHECK_MS = 60 * 60_000;

/** The claim is a read-and-write of the Tenure store: a local activity, retried while the store is unreachable. */
const guardStore = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

type Destructive = Extract<LifecycleAction, 'deactivate' | 'expire-retention'>;

function urgent(state: EmployeeState, action: Destructive): boolean {
  const leave = state.leave;
  return action === 'deactivate' && leave?.reason === 'early-leave' && leave.by.role === 'hr';
}

/**
 * True when the action may go ahead; false when the guard holds it (the planner then waits);
 * throws (parks the action) when operators rejected it.
 */
export async function permitted(state: EmployeeState, action: Destructive): Promise<boolean> {
  if (!inForce(GUARD_PATCH)) return true;
  const rejections = state.guard?.rejections ?? {};
  const slot = `${workflowInfo().workflowId}:${state.employment}:c${state.cycle}:${action}:${rejections[action] ?? 0}`;
  const { outcome } = await guardStore.claimDestructivePermit({
    slot,
    employeeId: state.employee.employeeId,
    action,
    urgent: urgent(state, action),
  });
  const at = now();
  const held = state.guard?.held;
  if (outcome === 'held') {
    if (!held || held.slot !== slot) record(state, at, 'held-by-guard', tenure('guard'), action);
    state.guard = {
      ...state.guard,
      held: { action, slot, since: held?.since ?? iso(at), recheckAt: iso(at + RECHECK_MS) },
    };
    log.warn('a destructive action is held by the guard', { action });
    return false;
  }
  state.guard = { ...(state.guard?.rejections ? { rejections: state.guard.rejections } : {}) };
  if (outcome === 'rejected') {
    state.guard.rejections = { ...rejections, [action]: (rejections[action] ?? 0) + 1 };
    throw new LifecycleFailure(
      'GuardRejected',
      `${action} rejected by operators at the guard`,
      ATTENTION_REASONS.guardRejected,
    );
  }
  if (held) record(state, at, 'released-by-guard', tenure('guard'), action);
  return true;
}

/** Operators decided on the held action: the lifecycle asks the guard again at once. */
export function guardDecided(state: EmployeeState): void {
  if (state.guard?.held) state.guard.held.decided = true;
}

/**
 * A held action the lifecycle no longer plans (the leave was removed, a rehire came) gives its
 * permit back, so that it does not keep the brake engaged for everyone else.
 */
export async function dropMootHold(state: EmployeeState, at: number): Promise<void> {
  const held = state.guard?.held;
  if (!held || candidates(state, at).some((c) => c.action === held.action)) return;
  await guardStore.withdrawDestructivePermit({ slot: held.slot });
  state.guard = { ...(state.guard?.rejections ? { rejections: state.guard.rejections } : {}) };
  record(state, at, 'released-by-guard', tenure('guard'), `${held.action} no longer due: the permit was given back`);
  syncSearchAttributes(state);
}

/**
 * A policy refresh also reads GUARD_PROTECTED again, so that an account listed after its
 * lifecycle began is protected from then on (behind the same patch: histories from before it
 * replay without the read).
 */
export async function refreshProtectedAccounts(state: EmployeeState): Promise<void> {
  if (!inForce(GUARD_PATCH)) return;
  state.protectedAccounts = await guardStore.readProtectedAccounts();
}
