import { iso, type EmployeeStatus } from '../contract/core';
import { calendarOf, claimCheckAt, deleteAfter, leaveInstant, schedule } from './plan';
import type { EmployeeState } from './state';

/**
 * The views of the private state. `statusOf` is what HR and operators see (the contract's
 * `EmployeeStatus`; the API derives the manager's narrower view from it); `detailsOf` is the
 * Temporal UI's "current details" — no personal data, since the UI may show it undecoded.
 */

const at = (ms: number | undefined) => (ms === undefined ? {} : { at: iso(ms) });

export function statusOf(state: EmployeeState, now: number): EmployeeStatus {
  const calendar = calendarOf(state);
  const { leave, manager, account, legalHold, deletion } = state;
  const last = state.parked[state.parked.length - 1];
  const check = state.stage === 'Invited' || state.stage === 'Unclaimed' ? claimCheckAt(state) : undefined;
  const retention = deleteAfter(state);
  return {
    employeeId: state.employee.employeeId,
    employee: state.employee,
    policy: state.policy,
    stage: state.stage,
    cycle: state.cycle,
    ...(account ? { workplaceUserId: account.userId } : {}),
    ...(manager
      ? {
          manager: {
            employeeId: manager.employeeId,
            ...(manager.userId ? { workplaceUserId: manager.userId } : {}),
            ...(manager.email ? { email: manager.email } : {}),
            ...(manager.displayName ? { displayName: manager.displayName } : {}),
          },
        }
      : {}),
    ...(calendar ? { startsAt: calendar.startsAt, inviteAt: calendar.inviteAt } : {}),
    ...(account?.invitedAt ? { invitedAt: account.invitedAt } : {}),
    ...(account?.claimedAt ? { claimedAt: account.claimedAt } : {}),
    remindersSent: state.reminders.sent,
    ...(state.reminders.escalatedAt ? { managerEscalatedAt: state.reminders.escalatedAt } : {}),
    ...(check !== undefined ? { nextClaimCheckAt: iso(check) } : {}),
    ...(leave
      ? {
          leave: {
            ...at(leaveInstant(state)),
            ...(leave.date ? { date: leave.date } : {}),
            reason: leave.reason,
            ...(leave.noticeSentAt ? { noticeSentAt: leave.noticeSentAt } : {}),
            ...(leave.noticeSkipped ? { noticeSkipped: leave.noticeSkipped } : {}),
            by: leave.by,
          },
        }
      : {}),
    ...(state.deactivatedAt ? { deactivatedAt: state.deactivatedAt } : {}),
    ...(retention !== undefined ? { deleteAfter: iso(retention) } : {}),
    ...(state.scrubbedAt ? { scrubbedAt: state.scrubbedAt } : {}),
    ...(deletion.requestedAt ? { manualDeletionRequestedAt: deletion.requestedAt } : {}),
    ...(deletion.retractedAt ? { deletionRequestRetractedAt: deletion.retractedAt } : {}),
    ...(state.deletedAt ? { deletedAt: state.deletedAt } : {}),
    withdrawn: state.withdrawn,
    ...(legalHold
      ? {
          legalHold: {
            reason: legalHold.reason,
            placedAt: legalHold.placedAt,
            placedBy: legalHold.by,
            ...(legalHold.releaseRequested ? { releaseRequested: legalHold.releaseRequested } : {}),
          },
        }
      : {}),
    needsAttention: state.parked.length > 0,
    ...(last ? { needsAttentionReason: last.reason } : {}),
    ...(last ? { lastError: errorView(last) } : {}),
    parked: state.parked.map(errorView),
    pending: {
      profileSync: state.profile.revision > state.profile.written,
      ...(state.profile.fields.length > 0 ? { profileFields: state.profile.fields } : {}),
      managerChanged: Boolean(manager && !manager.userId),
      rehire: state.rehirePending,
      deletionConfirmed: Boolean(deletion.confirmed),
    },
    timeline: state.timeline,
    timelineDropped: state.timelineDropped,
    schedule: schedule(state, now),
  };
}

function errorView(p: EmployeeState['parked'][number]) {
  return {
    at: p.at,
    action: p.action,
    type: p.type,
    message: p.message,
    reason: p.reason,
    ...(p.retryAt ? { retryAt: p.retryAt } : {}),
  };
}

/**
 * The Temporal UI's details of the run: employee id and department (no names: the UI may show
 * this without the codec), stage and flags, the next action and when, the last error's type.
 */
export function detailsOf(state: EmployeeState, now: number): string {
  const { employee } = state;
  const next = schedule(state, now)[0];
  const last = state.parked[state.parked.length - 1];
  return [
    `**${employee.employeeId}**${employee.department ? ` · ${employee.department}` : ''}`,
    `Stage: ${state.stage}${last ? ' · needs attention' : ''}${state.legalHold ? ' · legal hold' : ''}`,
    next ? `Next: ${next.action}${next.at ? ` at ${next.at}` : ''}${next.blockedBy ? ` (${next.blockedBy})` : ''}` : '',
    last ? `Needs attention: ${last.action} — ${last.reason}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
