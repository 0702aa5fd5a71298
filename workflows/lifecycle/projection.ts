import {
  answerCalendar,
  DESTRUCTIVE_ACTIONS,
  isFinal,
  iso,
  type LifecycleAction,
  type ScheduledAction,
} from '../contract/core';
import { calendarOf, calendarQuestion, nextAction } from './plan';
import type { EmployeeState } from './state';

/**
 * The road ahead, for dry runs: the planner is asked for the next action, the action is assumed to
 * succeed, and the planner is asked again. Every instant comes from the planner; this module only
 * assumes outcomes — each action succeeds, the employee claims the account at the first check, a
 * missing manager is found — so that the projection reads as the lifecycle's plan, not a forecast
 * of failures. It stops where the lifecycle would wait for someone (an operator's confirmation).
 */

/** At most this many steps: a whole employment is about ten. */
const STEPS = 30;

/** What a successful action changes, as far as the planner is concerned; false when the projection stops. */
function assume(state: EmployeeState, action: LifecycleAction, at: number): boolean {
  const when = iso(at);
  switch (action) {
    case 'resolve-calendar':
      state.calendar = answerCalendar(calendarQuestion(state));
      return true;
    case 'provision':
      state.account = { userId: 'new', deletable: true };
      state.stage = 'Provisioned';
      return true;
    case 'resolve-manager':
      if (state.manager) state.manager = { ...state.manager, userId: 'found' };
      return true;
    case 'sync-profile':
      state.profile = { ...state.profile, written: state.profile.revision, fields: [] };
      return true;
    case 'invite':
      state.account = { ...state.account!, invitedAt: when };
      state.stage = 'Invited';
      return true;
    case 'check-claim':
      state.account = { ...state.account!, claimedAt: when, deletable: false };
      state.stage = 'Active';
      return true;
    case 'leave-notice':
      if (state.leave) state.leave = { ...state.leave, noticeSentAt: when };
      return true;
    case 'deactivate':
      if (state.withdrawn) {
        state.stage = 'Withdrawn';
        return true;
      }
      state.stage = 'Deactivated';
      state.deactivatedAt = when;
      return true;
    case 'expire-retention':
      if (state.account?.deletable) {
        state.stage = 'Deleted';
      } else {
        state.scrubbedAt = when;
        state.stage = 'AwaitingManualDeletion';
      }
      return true;
    case 'request-manual-deletion':
      state.deletion = { ...state.deletion, requests: state.deletion.requests + 1, requestedAt: when };
      return true;
    default:
      // reactivate, retractions, confirmations: the projection shows them due and stops there.
      return false;
  }
}

/** The actions the lifecycle would take from this state on, in order, each with its instant. */
export function project(state: EmployeeState, now: number): ScheduledAction[] {
  const sim: EmployeeState = JSON.parse(JSON.stringify(state)) as EmployeeState;
  if (!calendarOf(sim)) sim.calendar = answerCalendar(calendarQuestion(sim));
  const steps: ScheduledAction[] = [];
  let at = now;
  for (let i = 0; i < STEPS && !isFinal(sim.stage); i++) {
    const next = nextAction(sim, at);
    if (!next) break;
    at = Math.max(at, next.at);
    steps.push({ action: next.action, at: iso(at) });
    if (!assume(sim, next.action, at)) break;
  }
  return steps;
}

/** How many steps take an account away (deactivate; delete or scrub at the end of retention). */
export function destructiveSteps(steps: readonly ScheduledAction[]): number {
  return steps.filter((s) => DESTRUCTIVE_ACTIONS.includes(s.action)).length;
}
