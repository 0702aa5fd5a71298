import { msToNumber } from '@temporalio/common/lib/time';
import { log, patched } from '@temporalio/workflow';
import type { AccountSnapshot } from '../../activities';
import type { Stage } from '../employee';
import { directory, local, mailActivities, mailLocal } from './activities';
import { record } from './state';
import type { EmployeeState, LifecycleAction } from './types';

/**
 * What each lifecycle action does: the activities it calls and how the state moves. Every action
 * can run again after a failure and a retry: it checks what the state says is already done.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const now = () => Date.now();

/** Ids of notification sends: the same slot always gives the same Message-ID. */
const slot = {
  reminder: (s: EmployeeState, n: number) => `c${s.cycle}-r${n}`,
  escalation: (s: EmployeeState) => `c${s.cycle}-escalation`,
  leaveNotice: (s: EmployeeState, leaveAt: string) => `c${s.cycle}-leave-${Math.floor(Date.parse(leaveAt) / 1000)}`,
  manualDeletion: (s: EmployeeState) => `c${s.cycle}-manual-deletion`,
};

function finish(state: EmployeeState, detail?: string): void {
  state.stage = state.withdrawn ? 'Withdrawn' : 'Deleted';
  state.deletedAt = iso(now());
  state.nextClaimCheckAt = undefined;
  record(state, now(), 'deleted', detail);
}

function employeeForMail(state: EmployeeState) {
  const { employeeId, email, givenName, familyName, displayName, locale, startDate, timeZone } = state.employee;
  return { employeeId, email, givenName, familyName, displayName, locale, startDate, timeZone };
}

/** The manager's Workplace id and e-mail, looked up once per manager and kept in the state. */
async function manager(state: EmployeeState): Promise<EmployeeState['manager']> {
  const current = state.manager;
  if (!current || current.workplaceUserId) return current;
  const found = await directory.resolveManager({ managerEmployeeId: current.employeeId });
  if (found) {
    state.manager = {
      employeeId: found.employeeId,
      workplaceUserId: found.workplaceUserId,
      email: found.email,
      ...(found.displayName ? { displayName: found.displayName } : {}),
    };
  }
  return state.manager;
}

function applyAccount(state: EmployeeState, account: AccountSnapshot, at: number): void {
  state.workplaceUserId = account.userId;
  if (account.claimLink) state.claimLink = account.claimLink;
  if (account.invited && !state.invitedAt) state.invitedAt = account.invitedAt ?? iso(at);
  if (account.claimed && !state.claimedAt) state.claimedAt = account.claimedAt ?? iso(at);
}

function moveTo(state: EmployeeState, stage: Stage): void {
  state.stage = stage;
  if (stage === 'Invited' || stage === 'Unclaimed') {
    state.nextClaimCheckAt ??= iso(now() + msToNumber(state.policy.reminderInterval));
  } else {
    state.nextClaimCheckAt = undefined;
  }
}

/** The stage an existing, live account is in, from what Workplace says of it. */
function liveStage(account: AccountSnapshot): Stage {
  if (account.claimed) return 'Active';
  return account.invited ? 'Invited' : 'Provisioned';
}

/** Patch: a new lifecycle reads its policy and resolves its dates in one local activity. */
export const ONE_LOCAL_ACTIVITY_AT_START = 'one-local-activity-at-start';

/** The dates of the employee to resolve in their zone: the start date, and a leave date not resolved yet. */
export function datesToResolve(state: EmployeeState) {
  const leaveDate = state.leave?.date && !state.leave.at ? state.leave.date : undefined;
  return {
    timeZone: state.employee.timeZone,
    startDate: state.employee.startDate,
    ...(leaveDate ? { leaveDate } : {}),
  };
}

/** Takes resolved instants into the state, with the invite moment they give. */
export function applyInstants(state: EmployeeState, instants: { startsAt: string; leaveAt?: string }): void {
  state.startsAt = instants.startsAt;
  state.inviteAt = iso(Date.parse(instants.startsAt) + msToNumber(state.policy.inviteOffset));
  if (state.leave && instants.leaveAt) state.leave.at = instants.leaveAt;
}

async function resolveDates(state: EmployeeState): Promise<void> {
  applyInstants(state, await local.resolveLifecycleInstants(datesToResolve(state)));
}

function profileWrite(state: EmployeeState) {
  return {
    employee: state.employee,
    ...(state.manager?.workplaceUserId ? { managerUserId: state.manager.workplaceUserId } : {}),
    ...(state.leave?.at ? { termAt: state.leave.at } : {}),
  };
}

/** Patch: e-mails are sent by local activities (see `mailLocal`). */
export const MAIL_AS_LOCAL_ACTIVITIES = 'mail-as-local-activities';

/** The e-mail proxy of this workflow's version. */
const mail = () => (patched(MAIL_AS_LOCAL_ACTIVITIES) ? mailLocal : mailActivities);

/** Patch: a joiner whose invite moment has passed is created invited (one Workplace request fewer). */
export const INVITE_ON_CREATE = 'invite-on-create';

/** Patch: each Workplace call its own activity, so the task queue's rate limit counts requests. */
export const ONE_REQUEST_PER_ACTIVITY = 'one-directory-request-per-activity';

/**
 * Finds the employee's account by externalId or creates it; an existing deactivated account (an
 * earlier employment) is reactivated. A create answered 409 after a retry is the account the first
 * attempt made; a 409 with no account of this employee means the e-mail is someone else's.
 */
async function findOrCreateAccount(state: EmployeeState): Promise<AccountSnapshot & { created: boolean }> {
  const write = profileWrite(state);
  const inviteDue = Boolean(state.inviteAt && Date.parse(state.inviteAt) <= now());
  const externalId = state.employee.employeeId;
  const found = await directory.findWorkplaceUser({ externalId });
  if (found?.active) return { ...found, created: false };
  if (found) {
    const back = await directory.reactivateWorkplaceUser({ userId: found.userId, ...write });
    if (back.outcome === 'reactivated') return { ...back.account, created: false };
  }
  const made = await directory.createWorkplaceUser(
    inviteDue && patched(INVITE_ON_CREATE) ? { ...write, invite: true } : write,
  );
  if (made.outcome === 'created') return { ...made.account, created: true };
  const mine = await directory.findWorkplaceUser({ externalId });
  if (mine) return { ...mine, created: false };
  const holder = await directory.findWorkplaceUser({ userName: state.employee.email });
  throw new LifecycleFailure(
    'WorkplaceUserNameTaken',
    // The address itself stays out: failure messages reach history, the UI and logs.
    `the work e-mail already belongs to Workplace user ${holder?.userId ?? '?'} (externalId ${holder?.externalId ?? 'none'})`,
  );
}

async function provision(state: EmployeeState): Promise<void> {
  // Resolved when the lifecycle began, unless it began before that patch.
  if (!state.startsAt || !patched(ONE_LOCAL_ACTIVITY_AT_START)) await resolveDates(state);
  const boss = await manager(state);
  const account = patched(ONE_REQUEST_PER_ACTIVITY)
    ? await findOrCreateAccount(state)
    : await directory.provisionWorkplaceUser(profileWrite(state));
  applyAccount(state, account, now());
  moveTo(state, liveStage(account));
  const notes = [
    `Workplace user ${account.userId}${account.created ? '' : ' (existing account)'}`,
    boss && !boss.workplaceUserId ? `manager ${boss.employeeId} not found in Workplace` : undefined,
  ];
  record(state, now(), 'provisioned', notes.filter(Boolean).join('; '));
  if (state.stage === 'Invited')
    record(state, now(), 'invited', account.created ? 'with the account' : 'already invited');
  if (state.stage === 'Active') record(state, now(), 'claimed', 'already claimed');
}

/**
 * Patch: a change accepted while its predecessor was being written to Workplace is written too
 * (before it, the end of the first write cleared the pending sync and the later change never
 * reached Workplace). `patched()` is asked only when that happens, so histories without such an
 * overlap are unchanged.
 */
export const PROFILE_SYNC_KEEPS_LATER_CHANGES = 'profile-sync-keeps-later-changes';

/** The record's fields, and the termination date, that differ from what `written` sent. */
function changedSince(written: ReturnType<typeof profileWrite>, state: EmployeeState): string[] {
  const current = profileWrite(state);
  const keys = new Set([...Object.keys(written.employee), ...Object.keys(current.employee)]);
  const fields = [...keys].filter(
    (key) =>
      JSON.stringify(written.employee[key as keyof typeof current.employee]) !==
      JSON.stringify(current.employee[key as keyof typeof current.employee]),
  );
  if (written.termAt !== current.termAt) fields.push('termAt');
  return fields;
}

async function syncProfile(state: EmployeeState): Promise<void> {
  if (state.pending.managerChanged) {
    const asked = state.employee.managerEmployeeId;
    await manager(state);
    if (state.employee.managerEmployeeId !== asked && patched(PROFILE_SYNC_KEEPS_LATER_CHANGES)) {
      // Another manager arrived while this one was looked up: look that one up instead.
      state.manager = { employeeId: state.employee.managerEmployeeId! };
      return;
    }
    state.pending.managerChanged = false;
  }
  const write = profileWrite(state);
  await directory.updateWorkplaceProfile({ userId: state.workplaceUserId!, ...write });
  const fields = state.pending.profileFields ?? [];
  const later = changedSince(write, state);
  if (later.length > 0 && patched(PROFILE_SYNC_KEEPS_LATER_CHANGES)) {
    // Written: the record as it was; still pending (the main loop writes again): what changed since.
    const written = fields.filter((f) => !later.includes(f));
    if (written.length > 0) record(state, now(), 'profile-updated', written.join(', '));
    state.pending.profileFields = fields.filter((f) => later.includes(f));
    return;
  }
  state.pending.profileSync = false;
  state.pending.profileFields = undefined;
  if (fields.length > 0) record(state, now(), 'profile-updated', fields.join(', '));
}

async function invite(state: EmployeeState): Promise<void> {
  const boss = state.manager;
  // A manager who joined Workplace after this employee was provisioned: link them now.
  if (boss && !boss.workplaceUserId && (await manager(state))?.workplaceUserId) state.pending.profileSync = true;
  const account = await directory.inviteWorkplaceUser({ userId: state.workplaceUserId! });
  applyAccount(state, account, now());
  if (account.claimed) {
    moveTo(state, 'Active');
    record(state, now(), 'claimed', 'claimed before the invite');
    return;
  }
  moveTo(state, 'Invited');
  record(state, now(), 'invited');
}

async function checkClaim(state: EmployeeState): Promise<void> {
  const account = await directory.readClaimStatus({ userId: state.workplaceUserId! });
  applyAccount(state, account, now());
  if (account.claimed) {
    moveTo(state, 'Active');
    record(state, now(), 'claimed');
    return;
  }
  const { policy } = state;
  if (state.stage === 'Invited' && state.remindersSent < policy.maxReminders) {
    const n = state.remindersSent + 1;
    if (!state.claimLink) {
      throw new LifecycleFailure(
        'MissingClaimLink',
        `Workplace user ${state.workplaceUserId} is invited but has no claim link; reminders need one`,
      );
    }
    await mail().sendClaimReminder({
      employee: employeeForMail(state),
      slot: slot.reminder(state, n),
      claimLink: state.claimLink,
      reminderNumber: n,
      maxReminders: policy.maxReminders,
    });
    state.remindersSent = n;
    record(state, now(), 'reminder-sent', `${n} of ${policy.maxReminders}`);
  }
  if (
    state.stage === 'Invited' &&
    policy.escalateAfter > 0 &&
    state.remindersSent >= policy.escalateAfter &&
    !state.managerEscalatedAt
  ) {
    const boss = await manager(state);
    if (boss?.email) {
      await mail().sendManagerEscalation({
        employee: employeeForMail(state),
        manager: { email: boss.email, ...(boss.displayName ? { displayName: boss.displayName } : {}) },
        slot: slot.escalation(state),
        ...(state.claimLink ? { claimLink: state.claimLink } : {}),
        remindersSent: state.remindersSent,
      });
      state.managerEscalatedAt = iso(now());
      record(state, now(), 'manager-escalated', boss.employeeId);
    }
  }
  if (state.stage === 'Invited' && state.remindersSent >= policy.maxReminders) {
    state.stage = 'Unclaimed';
    record(state, now(), 'reminders-exhausted', `${state.remindersSent} reminders`);
  }
  state.nextClaimCheckAt = iso(now() + msToNumber(policy.reminderInterval));
}

async function leaveNotice(state: EmployeeState): Promise<void> {
  const leave = state.leave!;
  const boss = await manager(state);
  if (!boss?.email) {
    leave.noticeSkipped = `manager ${boss?.employeeId ?? '?'} not found in Workplace`;
    log.warn('no leave notice: manager not found', { manager: boss?.employeeId });
    return;
  }
  await mail().sendLeaveNotice({
    employee: employeeForMail(state),
    manager: { email: boss.email, ...(boss.displayName ? { displayName: boss.displayName } : {}) },
    slot: slot.leaveNotice(state, leave.at!),
    deactivateAt: leave.at!,
    reason: leave.reason === 'early-leave' ? 'early-leave' : 'leave-date',
  });
  leave.noticeSentAt = iso(now());
  record(state, now(), 'leave-notice-sent', `deactivation at ${leave.at}`);
}

const STAGE_BOUND_ACTIONS: readonly LifecycleAction[] = ['invite', 'check-claim', 'leave-notice', 'sync-profile'];

async function deactivate(state: EmployeeState): Promise<void> {
  const reason = state.leave?.reason ?? 'leave-date';
  if (state.withdrawn && !state.claimedAt && !state.legalHold) {
    // A withdrawn offer whose account was never claimed: remove it outright.
    const removed = await directory.deleteWorkplaceUser({ userId: state.workplaceUserId! });
    if (removed.outcome !== 'claimed') {
      finish(state, removed.outcome === 'already-gone' ? 'already gone' : 'offer withdrawn');
      return;
    }
    state.claimedAt = iso(now());
  }
  const result = await directory.deactivateWorkplaceUser({ userId: state.workplaceUserId! });
  const at = now();
  state.stage = 'Deactivated';
  state.nextClaimCheckAt = undefined;
  state.deactivatedAt = iso(at);
  state.deleteAfter = iso(state.withdrawn ? at : at + msToNumber(state.policy.retention));
  state.pending.profileSync = false;
  state.pending.profileFields = undefined;
  const notes: string[] = [reason];
  if (result.outcome === 'not-found') notes.push('the account was already gone');
  if (state.needsAttention && state.lastError && STAGE_BOUND_ACTIONS.includes(state.lastError.action)) {
    state.needsAttention = false;
    notes.push(`the failed ${state.lastError.action} no longer applies`);
  }
  record(state, at, 'deactivated', notes.join('; '));
}

async function reactivate(state: EmployeeState): Promise<void> {
  const result = await directory.reactivateWorkplaceUser({ userId: state.workplaceUserId!, ...profileWrite(state) });
  state.pending.rehire = false;
  state.remindersSent = 0;
  state.managerEscalatedAt = undefined;
  state.invitedAt = undefined;
  state.deactivatedAt = undefined;
  state.deleteAfter = undefined;
  state.scrubbedAt = undefined;
  state.manualDeletionRequestedAt = undefined;
  if (result.outcome === 'not-found') {
    // Deleted in the Admin Panel meanwhile: provision a new account.
    state.workplaceUserId = undefined;
    state.claimedAt = undefined;
    state.claimLink = undefined;
    state.stage = 'Provisioning';
    return;
  }
  applyAccount(state, result.account, now());
  moveTo(state, result.account.claimed ? 'Active' : 'Provisioned');
}

async function expireRetention(state: EmployeeState): Promise<void> {
  if (!state.claimedAt && !state.scrubbedAt) {
    const removed = await directory.deleteWorkplaceUser({ userId: state.workplaceUserId! });
    if (removed.outcome !== 'claimed') {
      finish(state, removed.outcome === 'already-gone' ? 'already gone' : undefined);
      return;
    }
    state.claimedAt = iso(now());
  }
  if (!state.scrubbedAt) {
    const scrub = await directory.scrubWorkplaceUser({ userId: state.workplaceUserId! });
    if (scrub.outcome === 'not-found') {
      finish(state, 'already gone');
      return;
    }
    state.scrubbedAt = iso(now());
    record(state, now(), 'scrubbed');
  }
  await mail().sendManualDeletionRequest({
    employee: employeeForMail(state),
    workplaceUserId: state.workplaceUserId!,
    slot: slot.manualDeletion(state),
  });
  state.manualDeletionRequestedAt = iso(now());
  state.stage = 'AwaitingManualDeletion';
  record(state, now(), 'manual-deletion-requested', `Workplace user ${state.workplaceUserId}`);
}

function confirmDeletion(state: EmployeeState): void {
  const confirmation = state.pending.deletionConfirmed ?? {};
  state.pending.deletionConfirmed = undefined;
  record(
    state,
    now(),
    'deletion-confirmed',
    [confirmation.confirmedBy && `by ${confirmation.confirmedBy}`, confirmation.note].filter(Boolean).join('; ') ||
      undefined,
  );
  finish(state, 'deleted in the Workplace Admin Panel');
}

/**
 * A failure the workflow itself finds (not an activity's): recorded like a non-retryable activity
 * failure, flagging the employee until an operator retries.
 */
export class LifecycleFailure extends Error {
  override name = 'LifecycleFailure';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Performs one action, moving the state. */
export async function perform(action: LifecycleAction, state: EmployeeState): Promise<void> {
  switch (action) {
    case 'provision':
      return provision(state);
    case 'resolve-dates':
      return resolveDates(state);
    case 'sync-profile':
      return syncProfile(state);
    case 'invite':
      return invite(state);
    case 'check-claim':
      return checkClaim(state);
    case 'leave-notice':
      return leaveNotice(state);
    case 'deactivate':
      return deactivate(state);
    case 'reactivate':
      return reactivate(state);
    case 'expire-retention':
      return expireRetention(state);
    case 'confirm-deletion':
      return confirmDeletion(state);
  }
}
