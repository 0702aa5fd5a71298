import { iso } from '../contract/core';
import { applyAccount, employeeForMail, now, profileWrite, slot } from './account';
import { critical, criticalMail, backgroundMail, deactivation } from './activities';
import { auditOf, leaveAudit } from './audit';
import { resolveManager } from './joining';
import { leaveInstant, LIVE_ONLY_ACTIONS } from './plan';
import { permitted } from './guard';
import { refuseIfProtected } from './protection';
import { confirmRemoval } from './read-back';
import { record, tenure, type EmployeeState } from './state';

/**
 * Leaving: the manager's notice, the deactivation (and the removal of a withdrawn offer's account),
 * reactivation (a rehire, or a leave removed while it was being carried out), the end of retention
 * (delete, or scrub and hand to an operator), the operators' deletion requests and their
 * retraction. Destructive steps look at the state again after every await: a legal hold or a
 * rehire accepted meanwhile stops the next step.
 */

/** Ends the lifecycle once the account is gone — unless a rehire arrived meanwhile: then a new account. */
function accountGone(state: EmployeeState, detail: string, by = tenure('retention')): void {
  const at = now();
  if (state.rehirePending) {
    record(state, at, 'deleted', by, `${detail}; the rehire provisions a new account`);
    state.account = undefined;
    state.rehirePending = false;
    state.deactivatedAt = undefined;
    state.scrubbedAt = undefined;
    state.deletion = { requests: state.deletion.requests };
    state.stage = 'Provisioning';
    return;
  }
  state.stage = state.withdrawn ? 'Withdrawn' : 'Deleted';
  state.deletedAt = iso(at);
  const held = state.legalHold ? '; a legal hold was placed while the deletion was under way' : '';
  record(state, at, 'deleted', by, `${detail}${held}`);
}

/** E-mails the manager ahead of a scheduled deactivation (once per leave instant). */
export async function leaveNotice(state: EmployeeState): Promise<void> {
  const leave = state.leave;
  const leaveAt = leaveInstant(state);
  if (!leave || leaveAt === undefined) return;
  if (state.manager && !state.manager.userId) await resolveManager(state);
  const boss = state.manager;
  if (!boss?.email) {
    leave.noticeSkipped = `manager ${boss?.employeeId ?? '?'} not found in Workplace`;
    return;
  }
  await backgroundMail.sendLeaveNotice({
    employee: employeeForMail(state),
    manager: { email: boss.email, ...(boss.displayName ? { displayName: boss.displayName } : {}) },
    slot: slot.leaveNotice(state, leaveAt),
    deactivateAt: iso(leaveAt),
    reason: leave.reason === 'early-leave' ? 'early-leave' : 'leave-date',
  });
  // A leave moved while the notice went out is a new leave: it gets a notice of its own.
  leave.noticeSentAt = iso(now());
  record(state, now(), 'leave-notice-sent', tenure('leave-notice'), `deactivation at ${iso(leaveAt)}`);
}

/** Deactivates at the leave instant (a withdrawn offer: removes the account). */
export async function deactivate(state: EmployeeState): Promise<void> {
  refuseIfProtected(state, 'deactivation');
  if (!(await permitted(state, 'deactivate'))) return;
  if (state.withdrawn) return removeWithdrawn(state);
  const leave = state.leave;
  const userId = state.account!.userId;
  const result = await deactivation(state).deactivateWorkplaceUser({ userId, audit: leaveAudit(state) });
  const requester = leave && leave.by.role !== 'tenure' ? ` (requested by ${leave.by.role} ${leave.by.name})` : '';
  markDeactivated(state, [
    `${leave?.reason ?? 'leave'}${requester}`,
    result.outcome === 'not-found' ? 'the account was already gone' : undefined,
  ]);
  // Deactivated in the state whatever the read shows: reminders and invites stop either way.
  if (result.outcome === 'deactivated') await confirmRemoval(state, userId, 'deactivate');
}

function markDeactivated(state: EmployeeState, notes: (string | undefined)[]): void {
  const at = now();
  state.stage = 'Deactivated';
  state.deactivatedAt = iso(at);
  const obsolete = state.parked.filter((p) => LIVE_ONLY_ACTIONS.includes(p.action));
  if (obsolete.length > 0) {
    state.parked = state.parked.filter((p) => !obsolete.includes(p));
    notes.push(`the failed ${obsolete.map((p) => p.action).join(', ')} no longer applies`);
  }
  record(
    state,
    at,
    'deactivated',
    tenure(state.withdrawn ? 'offer-withdrawn' : 'leave-instant'),
    notes.filter(Boolean).join('; '),
  );
}

/**
 * A withdrawn offer: its account is removed — deleted when the directory allows it and no hold is
 * in force, otherwise deactivated (and deleted or scrubbed at once, when a hold allows). Before an
 * account is known (provisioning failed or never ran), it is looked up, never created.
 */
async function removeWithdrawn(state: EmployeeState): Promise<void> {
  if (!state.account) {
    const found = await deactivation(state).findWorkplaceUser({ externalId: state.employee.employeeId });
    if (!found) {
      accountGone(state, 'offer withdrawn before an account was created', tenure('offer-withdrawn'));
      return;
    }
    applyAccount(state, found, now());
  }
  const userId = state.account!.userId;
  if (state.account!.deletable && !state.legalHold) {
    const removed = await deactivation(state).deleteWorkplaceUser({ userId, audit: leaveAudit(state) });
    if (removed.outcome === 'deleted') await confirmRemoval(state, userId, 'delete');
    if (removed.outcome !== 'refused') {
      accountGone(
        state,
        removed.outcome === 'already-gone' ? 'already gone' : 'offer withdrawn',
        tenure('offer-withdrawn'),
      );
      return;
    }
    state.account!.deletable = false;
  }
  const result = await deactivation(state).deactivateWorkplaceUser({ userId, audit: leaveAudit(state) });
  markDeactivated(state, [
    'offer withdrawn',
    result.outcome === 'not-found' ? 'the account was already gone' : undefined,
  ]);
  if (result.outcome === 'deactivated') await confirmRemoval(state, userId, 'deactivate');
}

/**
 * Gives the account back: a rehire (the whole profile written again, reminders from scratch), or a
 * leave removed or moved while its deactivation was being done (the employee simply stays).
 */
export async function reactivate(state: EmployeeState): Promise<void> {
  const rehire = state.rehirePending;
  const revision = state.profile.revision;
  const userId = state.account?.userId;
  const result = userId
    ? await critical.reactivateWorkplaceUser({
        userId,
        ...profileWrite(state),
        audit: auditOf(state, tenure(rehire ? 'rehire' : 'leave-removed')),
      })
    : ({ outcome: 'not-found' } as const);
  const at = now();
  if (rehire) {
    state.rehirePending = false;
    state.reminders = { sent: 0 };
    state.scrubbedAt = undefined;
    state.deletion = { requests: state.deletion.requests };
  }
  state.deactivatedAt = undefined;
  if (result.outcome === 'not-found') {
    // Deleted by an administrator meanwhile: the employee gets a new account.
    state.account = undefined;
    state.stage = 'Provisioning';
    record(
      state,
      at,
      'reactivated',
      tenure(rehire ? 'rehire' : 'leave-removed'),
      'the account is gone: a new one is provisioned',
    );
    return;
  }
  if (rehire) state.account = { userId: result.account.userId, deletable: result.account.deletable };
  applyAccount(state, result.account, at);
  state.profile.written = Math.max(state.profile.written, revision);
  state.profile.fields = [];
  state.stage = result.account.claimed ? 'Active' : state.account?.invitedAt ? 'Invited' : 'Provisioned';
  record(state, at, 'reactivated', tenure(rehire ? 'rehire' : 'leave-removed'));
}

/**
 * The end of retention: delete the account where the directory allows it; otherwise scrub its
 * profile, after which the operators are asked to delete it by hand.
 */
export async function expireRetention(state: EmployeeState): Promise<void> {
  const account = state.account;
  if (account) refuseIfProtected(state, 'deletion or scrub');
  if (!account) {
    accountGone(state, 'no account was ever created');
    return;
  }
  if (!state.scrubbedAt && !(await permitted(state, 'expire-retention'))) return;
  if (account.deletable && !state.scrubbedAt) {
    const removed = await critical.deleteWorkplaceUser({
      userId: account.userId,
      audit: auditOf(state, tenure('retention')),
    });
    if (removed.outcome === 'deleted') await confirmRemoval(state, account.userId, 'delete');
    if (removed.outcome !== 'refused') {
      accountGone(state, removed.outcome === 'already-gone' ? 'already gone' : 'retention ended');
      return;
    }
    account.deletable = false;
    // A hold or a rehire accepted while the delete was refused stops here; the planner decides.
    if (state.legalHold || state.rehirePending) return;
  }
  if (!state.scrubbedAt) {
    const scrub = await critical.scrubWorkplaceUser({
      userId: account.userId,
      audit: auditOf(state, tenure('retention')),
    });
    if (scrub.outcome === 'not-found') {
      accountGone(state, 'already gone');
      return;
    }
    state.scrubbedAt = iso(now());
    const superseded = state.profile.revision > state.profile.written ? state.profile.fields : [];
    state.profile.written = state.profile.revision;
    state.profile.fields = [];
    record(
      state,
      now(),
      'scrubbed',
      tenure('retention'),
      superseded.length > 0
        ? `profile changes not written, superseded by the scrub: ${superseded.join(', ')}`
        : undefined,
    );
  }
  state.stage = 'AwaitingManualDeletion';
}

/** Asks the operators to delete the claimed, scrubbed account by hand, then confirm it. */
export async function requestManualDeletion(state: EmployeeState): Promise<void> {
  const n = state.deletion.requests + 1;
  const userId = state.account!.userId;
  await criticalMail.sendManualDeletionRequest({
    employee: employeeForMail(state),
    workplaceUserId: userId,
    slot: slot.manualDeletion({ ...state, deletion: { ...state.deletion, requests: n } }),
  });
  state.deletion = { requests: n, requestedAt: iso(now()) };
  record(state, now(), 'manual-deletion-requested', tenure('retention'), `Workplace user ${userId}`);
}

/** Tells the operators not to delete the account after all: the employee was rehired, or a legal hold protects it. */
export async function retractDeletionRequest(state: EmployeeState): Promise<void> {
  const reason = state.rehirePending ? 'rehired' : 'legal-hold';
  await criticalMail.sendDeletionRequestRetraction({
    employee: { employeeId: state.employee.employeeId },
    workplaceUserId: state.account!.userId,
    slot: slot.retraction(state),
    reason,
  });
  state.deletion.retractedAt = iso(now());
  record(state, now(), 'deletion-request-retracted', tenure(reason === 'rehired' ? 'rehire' : 'legal-hold'), reason);
}

/** An operator confirmed that the account was deleted by hand: the lifecycle ends. */
export function confirmDeletion(state: EmployeeState): void {
  const confirmed = state.deletion.confirmed;
  const at = now();
  record(
    state,
    at,
    'deletion-confirmed',
    confirmed?.by ?? tenure('deletion-confirmed'),
    confirmed?.note,
    confirmed?.requestId,
  );
  state.stage = state.withdrawn ? 'Withdrawn' : 'Deleted';
  state.deletedAt = iso(at);
  record(state, at, 'deleted', confirmed?.by ?? tenure('deletion-confirmed'), 'deleted in the Workplace Admin Panel');
}
