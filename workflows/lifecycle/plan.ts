import { msToNumber } from '@temporalio/common/lib/time';
import { hasLeft, isFinal, isLive } from './state';
import type { EmployeeState, LifecycleAction, ScheduledAction } from './types';

interface Candidate {
  action: LifecycleAction;
  /** epoch ms; undefined when it waits for someone rather than for a time */
  at: number | undefined;
  blockedBy?: ScheduledAction['blockedBy'];
}

const ms = (iso: string) => Date.parse(iso);

/**
 * Everything the lifecycle will do next, in priority order, each with its due time and what
 * blocks it. Pure: the workflow acts on the first runnable one, the status query shows them all.
 * Priority matters when several are due at once: a deactivation goes before a profile sync.
 */
export function candidates(state: EmployeeState, now: number): Candidate[] {
  const { stage, pending, leave } = state;
  if (isFinal(stage)) return [];
  const list: Candidate[] = [];
  if (stage === 'Provisioning') {
    list.push({ action: 'provision', at: now });
    return blockFailed(state, list);
  }

  if (!state.startsAt || (leave?.date && !leave.at)) list.push({ action: 'resolve-dates', at: now });
  if (pending.rehire && hasLeft(stage)) list.push({ action: 'reactivate', at: now });
  if (isLive(stage)) {
    const leaveAt = leave?.at ? ms(leave.at) : undefined;
    if (leaveAt !== undefined) list.push({ action: 'deactivate', at: leaveAt });
    if (pending.profileSync) list.push({ action: 'sync-profile', at: now });
    if (leaveAt !== undefined && leave && !leave.noticeSentAt && !leave.noticeSkipped && state.manager) {
      if (leave.reason !== 'offer-withdrawn') {
        list.push({ action: 'leave-notice', at: leaveAt - msToNumber(state.policy.leaveNotice) });
      }
    }
    if (stage === 'Provisioned' && state.inviteAt) list.push({ action: 'invite', at: ms(state.inviteAt) });
    if ((stage === 'Invited' || stage === 'Unclaimed') && state.nextClaimCheckAt) {
      list.push({ action: 'check-claim', at: ms(state.nextClaimCheckAt) });
    }
  }
  if (stage === 'Deactivated' && !pending.rehire && state.deleteAfter) {
    list.push({
      action: 'expire-retention',
      at: ms(state.deleteAfter),
      ...(state.legalHold ? { blockedBy: 'legal-hold' as const } : {}),
    });
  }
  if (stage === 'AwaitingManualDeletion' && !pending.rehire) {
    list.push(
      pending.deletionConfirmed
        ? { action: 'confirm-deletion', at: now }
        : { action: 'confirm-deletion', at: undefined, blockedBy: 'operator-confirmation' },
    );
  }
  return blockFailed(state, list);
}

/** The action that failed waits for an operator's retry; everything else goes on. */
function blockFailed(state: EmployeeState, list: Candidate[]): Candidate[] {
  const failed = state.needsAttention ? state.lastError?.action : undefined;
  return list.map((c) => (c.action === failed && !c.blockedBy ? { ...c, blockedBy: 'needs-attention' as const } : c));
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

/** The schedule shown to operators: every candidate, soonest first, due times as ISO instants. */
export function schedule(state: EmployeeState, now: number): ScheduledAction[] {
  return candidates(state, now)
    .map((c) => ({
      action: c.action,
      ...(c.at === undefined ? {} : { at: new Date(Math.max(c.at, now)).toISOString() }),
      ...(c.blockedBy ? { blockedBy: c.blockedBy } : {}),
    }))
    .sort((a, b) => (a.at ? Date.parse(a.at) : Infinity) - (b.at ? Date.parse(b.at) : Infinity));
}
