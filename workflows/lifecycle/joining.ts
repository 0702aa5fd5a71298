import type { AccountSnapshot } from '../../activities';
import { iso } from '../contract/core';
import { applyAccount, employeeForMail, liveStage, now, profileWrite, slot } from './account';
import { background, backgroundMail, critical } from './activities';
import { auditOf } from './audit';
import { LifecycleFailure } from './failure';
import { calendarOf } from './plan';
import { record, tenure, touchProfile, type EmployeeState } from './state';

/**
 * Joining: provisioning the account, linking the manager, the invite, claim checks, reminders and
 * the manager's escalation. Each action can run again after a failure and a retry: it checks what
 * the state says is already done.
 */

/**
 * Looks the manager up in the directory. A manager hired together with their report may not have
 * an account yet: the planner tries again with a backoff until they do, and the profile sync then
 * links them. A manager changed while the lookup ran is not taken: the planner looks up the new one.
 */
export async function resolveManager(state: EmployeeState): Promise<void> {
  const asked = state.manager;
  if (!asked || asked.userId) return;
  const found = await background.resolveManager({ managerEmployeeId: asked.employeeId });
  const current = state.manager;
  if (!current || current.employeeId !== asked.employeeId || current.userId) return;
  if (!found) {
    current.lookups += 1;
    current.lookedUpAt = iso(now());
    return;
  }
  state.manager = {
    employeeId: found.employeeId,
    userId: found.workplaceUserId,
    email: found.email,
    ...(found.displayName ? { displayName: found.displayName } : {}),
    lookups: current.lookups + 1,
    lookedUpAt: iso(now()),
  };
  if (state.account && !state.scrubbedAt) {
    // Provisioned without them: the profile sync writes the link.
    touchProfile(state, ['managerEmployeeId']);
    record(state, now(), 'manager-linked', tenure('manager-lookup'), `manager ${found.employeeId}`);
  }
}

/** This run's provisioning attempts so far (module state is the run's own in the workflow sandbox). */
let provisionings = 0;

/**
 * Finds the employee's account by externalId or creates it; an existing deactivated account (an
 * earlier employment) is reactivated. A create answered 409 after a retry is the account the first
 * attempt made; a 409 with no account of this employee means the e-mail is someone else's.
 */
async function findOrCreateAccount(state: EmployeeState): Promise<AccountSnapshot & { created: boolean }> {
  const calendar = calendarOf(state);
  // Due at the start of the start day: the onboarding report compares the provisioning with it.
  // The first account is made at the request of whoever hired the employee.
  const hiredBy = state.cycle === 1 ? state.hiredBy : undefined;
  const audit = {
    ...auditOf(state, hiredBy?.by ?? tenure('hire')),
    ...(calendar ? { dueAt: calendar.startsAt } : {}),
  };
  const write = { ...profileWrite(state), audit };
  const inviteAt = calendar?.inviteAt;
  const inviteDue = Boolean(inviteAt && Date.parse(inviteAt) <= now());
  const externalId = state.employee.employeeId;
  // One provisioning row per attempt: the create's, or the adoption's of an active account already
  // there (also the account a create made whose row was lost with its worker: see
  // findWorkplaceUser). The attempt's number is the same when its workflow task is done again; an
  // attempt after a failure (a taken e-mail freed), or a second account, records a row of its own.
  const provisioning = { ...audit, key: `provision-${++provisionings}` };
  const found = await critical.findWorkplaceUser({ externalId, audit: provisioning });
  if (found?.active) return { ...found, created: false };
  if (found) {
    const back = await critical.reactivateWorkplaceUser({ userId: found.userId, ...write });
    if (back.outcome === 'reactivated') return { ...back.account, created: false };
  }
  const create = { ...write, audit: provisioning };
  const made = await critical.createWorkplaceUser(inviteDue ? { ...create, invite: true } : create);
  if (made.outcome === 'created') return { ...made.account, created: true };
  const mine = await critical.findWorkplaceUser({ externalId });
  if (mine) return { ...mine, created: false };
  const holder = await critical.findWorkplaceUser({ userName: state.employee.email });
  throw new LifecycleFailure(
    'WorkplaceUserNameTaken',
    // The address itself stays out: failure messages reach history, the UI and logs.
    `the work e-mail already belongs to Workplace user ${holder?.userId ?? '?'} (externalId ${holder?.externalId ?? 'none'})`,
  );
}

/** Provisions the account (with the manager when known) and records the stage the directory shows. */
export async function provision(state: EmployeeState): Promise<void> {
  const revision = state.profile.revision;
  const account = await findOrCreateAccount(state);
  const at = now();
  applyAccount(state, account, at);
  state.profile.written = revision;
  state.profile.fields = [];
  state.stage = liveStage(account);
  const boss = state.manager;
  const notes = [
    `Workplace user ${account.userId}${account.created ? '' : ' (existing account)'}`,
    boss && !boss.userId ? `manager ${boss.employeeId} not in Workplace yet` : undefined,
  ];
  // The first account is made at the request of whoever hired the employee (a rehire records its own).
  const asked = state.cycle === 1 ? state.hiredBy : undefined;
  record(state, at, 'provisioned', asked?.by ?? tenure('hire'), notes.filter(Boolean).join('; '), asked?.requestId);
  if (state.stage === 'Invited') {
    state.account!.invitedAt ??= iso(at);
    record(state, at, 'invited', tenure('invite-time'), account.created ? 'with the account' : 'already invited');
  }
  if (state.stage === 'Active') record(state, at, 'claimed', tenure('claim-check'), 'already claimed');
}

/** Sends the invitation (the directory e-mails it); an account already claimed becomes Active. */
export async function invite(state: EmployeeState): Promise<void> {
  const account = await background.inviteWorkplaceUser({
    userId: state.account!.userId,
    audit: {
      ...auditOf(state, tenure('invite-time')),
      ...(calendarOf(state) ? { dueAt: calendarOf(state)!.inviteAt } : {}),
    },
  });
  const at = now();
  applyAccount(state, account, at);
  // Deactivated while the invite was in flight (a leave does not wait for it): the stage stays.
  if (state.stage !== 'Provisioned') return;
  if (account.claimed) {
    state.stage = 'Active';
    record(state, at, 'claimed', tenure('claim-check'), 'claimed before the invite');
    return;
  }
  state.account!.invitedAt = iso(at);
  state.stage = 'Invited';
  record(state, at, 'invited', tenure('invite-time'));
}

/**
 * A claim check: while reminders remain, the reminder activity reads the account and e-mails the
 * claim link if it is still unclaimed; once they are spent (`Unclaimed`), only the read. The
 * manager is e-mailed once after `escalateAfter` reminders.
 */
export async function checkClaim(state: EmployeeState): Promise<void> {
  const { policy } = state;
  const userId = state.account!.userId;
  const remind = state.stage === 'Invited' && state.reminders.sent < policy.maxReminders;
  const n = state.reminders.sent + 1;
  const result = remind
    ? await background.remindToClaim({
        userId,
        employee: employeeForMail(state),
        slot: slot.reminder(state, n),
        reminderNumber: n,
        maxReminders: policy.maxReminders,
        audit: auditOf(state, tenure('claim-check')),
      })
    : {
        sent: false,
        account: await background.readClaimStatus({ userId, audit: auditOf(state, tenure('claim-check')) }),
      };
  const at = now();
  applyAccount(state, result.account, at);
  state.reminders.checkedAt = iso(at);
  if (result.sent) {
    state.reminders.sent = n;
    record(state, at, 'reminder-sent', tenure('reminder-interval'), `${n} of ${policy.maxReminders}`);
  }
  // Deactivated while the check was in flight (a leave does not wait for it): the stage stays.
  if (state.stage !== 'Invited' && state.stage !== 'Unclaimed') return;
  if (result.account.claimed) {
    state.stage = 'Active';
    record(state, at, 'claimed', tenure('claim-check'));
    return;
  }
  await escalate(state);
  if (state.stage === 'Invited' && state.reminders.sent >= policy.maxReminders) {
    state.stage = 'Unclaimed';
    record(state, now(), 'reminders-exhausted', tenure('max-reminders'), `${state.reminders.sent} reminders`);
  }
}

/** E-mails the manager once, after `escalateAfter` reminders went unanswered. */
async function escalate(state: EmployeeState): Promise<void> {
  const { policy, reminders } = state;
  if (state.stage !== 'Invited' || policy.escalateAfter <= 0 || reminders.sent < policy.escalateAfter) return;
  if (reminders.escalatedAt) return;
  const boss = state.manager;
  if (!boss?.email) return;
  await backgroundMail.sendManagerEscalation({
    employee: employeeForMail(state),
    manager: { email: boss.email, ...(boss.displayName ? { displayName: boss.displayName } : {}) },
    slot: slot.escalation(state),
    remindersSent: reminders.sent,
  });
  reminders.escalatedAt = iso(now());
  record(state, now(), 'manager-escalated', tenure('escalate-after'), `manager ${boss.employeeId}`);
}
