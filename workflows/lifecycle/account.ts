import type { AccountSnapshot } from '../../activities';
import { iso, type Stage } from '../contract/core';
import { leaveInstant } from './plan';
import type { EmployeeState } from './state';

/** Helpers the actions share: what a directory answer means for the state, and what mails and writes carry. */

export const now = () => Date.now();

/**
 * Ids of notification sends: the same send always gives the same Message-ID (a retried activity
 * re-sends the same message), and no two sends ever share one — across rehires (the cycle) and
 * across employments of the same person after a deletion (the employment).
 */
export const slot = {
  reminder: (s: EmployeeState, n: number) => `${s.employment}-c${s.cycle}-r${n}`,
  escalation: (s: EmployeeState) => `${s.employment}-c${s.cycle}-escalation`,
  leaveNotice: (s: EmployeeState, leaveAt: number) => `${s.employment}-c${s.cycle}-leave-${Math.floor(leaveAt / 1000)}`,
  manualDeletion: (s: EmployeeState) => `${s.employment}-c${s.cycle}-deletion-${s.deletion.requests}`,
  retraction: (s: EmployeeState) => `${s.employment}-c${s.cycle}-retraction-${s.deletion.requests}`,
};

/** What an e-mail needs of the employee. */
export function employeeForMail(state: EmployeeState) {
  const { employeeId, email, givenName, familyName, displayName, locale, startDate, timeZone } = state.employee;
  return { employeeId, email, givenName, familyName, displayName, locale, startDate, timeZone };
}

/** The profile a directory write sends: the record, the manager's directory id, the leave instant. */
export function profileWrite(state: EmployeeState) {
  const termAt = leaveInstant(state);
  return {
    employee: state.employee,
    ...(state.manager?.userId ? { managerUserId: state.manager.userId } : {}),
    ...(termAt !== undefined ? { termAt: iso(termAt) } : {}),
  };
}

/** Takes what the directory said of the account into the state. */
export function applyAccount(state: EmployeeState, account: AccountSnapshot, at: number): void {
  const known = state.account?.userId === account.userId ? state.account : undefined;
  state.account = {
    userId: account.userId,
    deletable: account.deletable,
    ...(known?.invitedAt || account.invited ? { invitedAt: known?.invitedAt ?? account.invitedAt ?? iso(at) } : {}),
    ...(known?.claimedAt || account.claimed ? { claimedAt: known?.claimedAt ?? account.claimedAt ?? iso(at) } : {}),
  };
}

/** The stage an existing, live account is in, from what the directory says of it. */
export function liveStage(account: AccountSnapshot): Stage {
  if (account.claimed) return 'Active';
  return account.invited ? 'Invited' : 'Provisioned';
}
