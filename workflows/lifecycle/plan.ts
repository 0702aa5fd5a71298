import {
  calendarQuestionOf,
  durationMs,
  hasLeft,
  isFinal,
  isLive,
  iso,
  type Blocker,
  type Calendar,
  type CalendarQuestion,
  type LifecycleAction,
  type ScheduledAction,
} from '../contract/core';
import { withGuardHold } from './guard-hold';
import type { EmployeeState } from './state';

/**
 * The planner: the one place where the policy becomes an instant. From the facts in the state and
 * the policy it derives every due instant — the invite's wall-clock time, claim checks, the leave
 * notice, the deactivation, the end of retention, manager lookups and automatic retries — and the
 * order in which due actions run. Pure: the workflow acts on the first runnable action, the status
 * query shows them all, and a dry run could show the same schedule.
 */

export interface Candidate {
  action: LifecycleAction;
  /** epoch ms; undefined when it waits for someone rather than for a time */
  at: number | undefined;
  blockedBy?: Blocker;
}

const ms = (instant: string) => Date.parse(instant);

/**
 * Actions that belong to a live account; once it is deactivated they, and their failures, no longer
 * apply. (A manager lookup is not one: a deactivated account still gets the manager named before it
 * left, so its failure stays parked like any other.)
 */
export const LIVE_ONLY_ACTIONS: readonly LifecycleAction[] = ['invite', 'check-claim', 'leave-notice'];
const DAY = 86_400_000;

/** Backoff of manager lookups that found nobody: 1 min, doubling, at most a day. */
export function managerLookupDelay(lookups: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, lookups - 1), DAY);
}

/**
 * After this many lookups (about a month) Tenure stops looking a missing manager up on its own;
 * the leave notice still looks once more, and a mover naming a manager or a retry starts again.
 */
export const MANAGER_LOOKUPS = 40;

/** What the calendar must answer for the record and policy in force. */
export function calendarQuestion(state: EmployeeState): CalendarQuestion {
  const { leave } = state;
  return calendarQuestionOf(state.employee, leave && !leave.at ? leave.date : undefined, state.policy.inviteOffset);
}

/** The resolved calendar, when it answers the current question; undefined when it must be resolved (again). */
export function calendarOf(state: EmployeeState): Calendar | undefined {
  const c = state.calendar;
  const q = calendarQuestion(state);
  if (!c || c.timeZone !== q.timeZone || c.startDate !== q.startDate || c.inviteWallTime !== q.inviteWallTime) {
    return undefined;
  }
  if (q.leaveDate !== undefined && (c.leaveDate !== q.leaveDate || c.leaveAt === undefined)) return undefined;
  return c;
}

/** The instant the leave takes effect (deactivation is due), once known. */
export function leaveInstant(state: EmployeeState): number | undefined {
  const { leave } = state;
  if (!leave) return undefined;
  if (leave.at) return ms(leave.at);
  const leaveAt = calendarOf(state)?.leaveAt;
  return leaveAt ? ms(leaveAt) : undefined;
}

/** True while the employee is past an in-force leave: the account must be inactive. */
export function leaveInForce(state: EmployeeState, now: number): boolean {
  const at = leaveInstant(state);
  return state.withdrawn || (at !== undefined && at <= now);
}

/** When the next claim check (and reminder) is due: an interval after the invite or the last check. */
export function claimCheckAt(state: EmployeeState): number | undefined {
  const from = state.reminders.checkedAt ?? state.account?.invitedAt;
  return from ? ms(from) + durationMs(state.policy.reminderInterval) : undefined;
}

/**
 * When retention ends: the leave instant (HR's effective leave, not the moment Tenure deactivated)
 * plus the retention; a withdrawn offer's account goes at once.
 */
export function deleteAfter(state: EmployeeState): number | undefined {
  if (!hasLeft(state.stage)) return undefined;
  if (state.withdrawn) return state.deactivatedAt ? ms(state.deactivatedAt) : undefined;
  const at = leaveInstant(state);
  return at === undefined ? undefined : at + durationMs(state.policy.retention);
}

function parkedFor(state: EmployeeState, action: LifecycleAction) {
  return state.parked.find((p) => p.action === action);
}

/**
 * Everything the lifecycle will do next, in priority order, each with its due time and what blocks
 * it. Priority matters when several are due at once: a deactivation goes before anything else.
 */
export function candidates(state: EmployeeState, now: number): Candidate[] {
  const { stage, leave, account, manager } = state;
  if (isFinal(stage)) return [];
  const list: Candidate[] = [];
  const calendar = calendarOf(state);
  if (!calendar) list.push({ action: 'resolve-calendar', at: now });

  if (stage === 'Provisioning') {
    if (state.withdrawn) {
      // The offer was withdrawn before an account was known: remove whatever exists, create nothing.
      list.push({ action: 'deactivate', at: now });
    } else {
      if (manager && !manager.userId && manager.lookups === 0) list.push({ action: 'resolve-manager', at: now });
      list.push({ action: 'provision', at: now });
    }
    return withGuardHold(state, withParking(state, list, now));
  }

  const live = isLive(stage);
  const leaveAt = leaveInstant(state);
  if (live && (leaveAt !== undefined || state.withdrawn)) {
    list.push({ action: 'deactivate', at: state.withdrawn ? now : leaveAt });
  }
  if (hasLeft(stage) && state.rehirePending) {
    const requestOut = state.deletion.requestedAt && !state.deletion.retractedAt;
    list.push({ action: requestOut ? 'retract-deletion-request' : 'reactivate', at: now });
  } else if (stage === 'Deactivated' && !leaveInForce(state, now)) {
    // The leave was removed or moved while the deactivation was being done: undo it.
    list.push({ action: 'reactivate', at: now });
  }
  // A deactivated account still gets the manager named before it left (the record stays true).
  const writable = live || (stage === 'Deactivated' && !state.scrubbedAt);
  if (writable && manager && !manager.userId && manager.lookups < MANAGER_LOOKUPS) {
    list.push({
      action: 'resolve-manager',
      at: manager.lookedUpAt ? ms(manager.lookedUpAt) + managerLookupDelay(manager.lookups) : now,
    });
  }
  if (
    account &&
    !state.scrubbedAt &&
    (live || stage === 'Deactivated') &&
    state.profile.revision > state.profile.written
  ) {
    list.push({ action: 'sync-profile', at: now });
  }
  if (live && leaveAt !== undefined && leave && leave.reason !== 'offer-withdrawn' && manager) {
    if (!leave.noticeSentAt && !leave.noticeSkipped) {
      list.push({ action: 'leave-notice', at: leaveAt - durationMs(state.policy.leaveNotice) });
    }
  }
  if (stage === 'Provisioned' && calendar) list.push({ action: 'invite', at: ms(calendar.inviteAt) });
  if (stage === 'Invited' || stage === 'Unclaimed')
    list.push({ action: 'check-claim', at: claimCheckAt(state) ?? now });
  if (stage === 'Deactivated' && !state.rehirePending && leaveInForce(state, now)) {
    list.push({
      action: 'expire-retention',
      at: deleteAfter(state),
      ...(state.legalHold ? { blockedBy: 'legal-hold' as const } : {}),
    });
  }
  if (stage === 'AwaitingManualDeletion' && !state.rehirePending) {
    const { deletion } = state;
    const requestOut = Boolean(deletion.requestedAt && !deletion.retractedAt);
    if (deletion.confirmed) {
      list.push({ action: 'confirm-deletion', at: now });
    } else if (state.legalHold) {
      if (requestOut) list.push({ action: 'retract-deletion-request', at: now });
      else list.push({ action: 'request-manual-deletion', at: undefined, blockedBy: 'legal-hold' });
    } else if (!requestOut) {
      list.push({ action: 'request-manual-deletion', at: now });
    } else {
      list.push({ action: 'confirm-deletion', at: undefined, blockedBy: 'operator-confirmation' });
    }
  }
  return withGuardHold(state, withParking(state, list, now));
}

/** Parked actions wait: for an operator's retry, or until Tenure's own retry is due. */
function withParking(state: EmployeeState, list: Candidate[], now: number): Candidate[] {
  return list.map((c) => {
    const parked = parkedFor(state, c.action);
    if (!parked || c.blockedBy) return c;
    if (parked.retryAt) return { ...c, at: Math.max(c.at ?? now, ms(parked.retryAt)) };
    return { ...c, blockedBy: 'needs-attention' as const };
  });
}

/**
 * The next action to perform and when: of the runnable candidates already due, the one of highest
 * priority; otherwise the earliest. Undefined when the lifecycle only waits for someone.
 */
export function nextAction(state: EmployeeState, now: number): { action: LifecycleAction; at: number } | undefined {
  let best: { action: LifecycleAction; at: number } | undefined;
  for (const c of candidates(state, now)) {
    if (c.blockedBy || c.at === undefined) continue;
    if (c.at <= now) return { action: c.action, at: c.at };
    if (!best || c.at < best.at) best = { action: c.action, at: c.at };
  }
  return best;
}

/** True when a deactivation is due now: it pre-empts any non-critical action in flight. */
export function deactivationDue(state: EmployeeState, now: number): boolean {
  return candidates(state, now).some(
    (c) => c.action === 'deactivate' && !c.blockedBy && c.at !== undefined && c.at <= now,
  );
}

/** When a deactivation becomes due, if one is scheduled. */
export function deactivationAt(state: EmployeeState, now: number): number | undefined {
  const c = candidates(state, now).find((c) => c.action === 'deactivate' && !c.blockedBy);
  return c?.at;
}

/** The schedule shown to operators: every candidate, soonest first, due times as ISO instants. */
export function schedule(state: EmployeeState, now: number): ScheduledAction[] {
  return candidates(state, now)
    .map((c) => ({
      action: c.action,
      ...(c.at === undefined ? {} : { at: iso(Math.max(c.at, now)) }),
      ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}),
    }))
    .sort((a, b) => (a.at ? ms(a.at) : Infinity) - (b.at ? ms(b.at) : Infinity));
}
