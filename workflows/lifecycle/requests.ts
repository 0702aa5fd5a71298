import type { EmployeeProfile } from '../employee';
import { leaveFromRecord, record } from './state';
import type { DeletionConfirmation, EmployeeState, LeaveChange, LegalHoldRequest, RehireRequest } from './types';

/**
 * What an accepted update changes in the state. Pure and synchronous: the side effects (Workplace
 * calls, e-mails) happen afterwards in the workflow's main loop, one at a time, in priority order.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export function applyProfileChange(state: EmployeeState, changes: Partial<EmployeeProfile>): string[] {
  const changed = (Object.keys(changes) as (keyof EmployeeProfile)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== state.employee[key],
  );
  state.employee = { ...state.employee, ...Object.fromEntries(changed.map((key) => [key, changes[key]])) };
  if (changed.includes('managerEmployeeId')) {
    state.manager = { employeeId: state.employee.managerEmployeeId! };
    state.pending.managerChanged = true;
  }
  state.pending.profileSync = true;
  state.pending.profileFields = [...new Set([...(state.pending.profileFields ?? []), ...changed])];
  return changed;
}

function describeLeave(change: LeaveChange): string {
  switch (change.effective) {
    case 'now':
      return 'effective now';
    case 'at':
      return `at ${iso(Date.parse(change.leaveAt))}`;
    case 'date':
      return `end of ${change.leaveDate}`;
    case 'none':
      return 'removed';
  }
}

export function applyLeaveChange(state: EmployeeState, change: LeaveChange, now: number): void {
  const had = state.leave !== undefined;
  const { leaveDate: _d, leaveAt: _a, ...rest } = state.employee;
  switch (change.effective) {
    case 'now':
      state.leave = { at: iso(now), reason: change.reason ?? 'early-leave' };
      state.employee = { ...rest, leaveAt: iso(now) };
      break;
    case 'at':
      state.leave = { at: iso(Date.parse(change.leaveAt)), reason: change.reason ?? 'leave-date' };
      state.employee = { ...rest, leaveAt: iso(Date.parse(change.leaveAt)) };
      break;
    case 'date':
      state.leave = { date: change.leaveDate, reason: change.reason ?? 'leave-date' };
      state.employee = { ...rest, leaveDate: change.leaveDate };
      break;
    case 'none':
      state.leave = undefined;
      state.employee = rest;
      break;
  }
  // Workplace's termDate follows the leave.
  state.pending.profileSync = true;
  const detail = [describeLeave(change), change.reason === 'early-leave' ? 'early leave' : undefined, change.note]
    .filter(Boolean)
    .join('; ');
  record(state, now, change.effective === 'none' ? 'leave-cancelled' : had ? 'leave-moved' : 'leave-scheduled', detail);
}

export function applyWithdrawal(state: EmployeeState, note: string | undefined, now: number): void {
  state.withdrawn = true;
  state.leave = { at: iso(now), reason: 'offer-withdrawn' };
  state.pending.profileSync = false;
  record(state, now, 'withdrawn', note);
}

export function applyRehire(state: EmployeeState, request: RehireRequest, now: number): void {
  const { startDate, leaveDate, leaveAt, timeZone, ...profile } = request;
  const { leaveDate: _d, leaveAt: _a, ...employee } = state.employee;
  state.employee = {
    ...employee,
    ...Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)),
    startDate,
    ...(timeZone ? { timeZone } : {}),
    ...(leaveDate ? { leaveDate } : {}),
    ...(leaveAt ? { leaveAt } : {}),
  };
  if (profile.managerEmployeeId && profile.managerEmployeeId !== state.manager?.employeeId) {
    state.manager = { employeeId: profile.managerEmployeeId };
  }
  state.cycle += 1;
  state.withdrawn = false;
  state.leave = leaveFromRecord(state.employee);
  state.startsAt = undefined;
  state.inviteAt = undefined;
  state.pending.rehire = true;
  state.pending.deletionConfirmed = undefined;
  record(state, now, 'rehired', `cycle ${state.cycle}, starting ${startDate}`);
}

export function applyLegalHold(state: EmployeeState, request: LegalHoldRequest, now: number): void {
  state.legalHold = { reason: request.reason, placedAt: iso(now) };
  record(state, now, 'legal-hold-placed', request.reason);
}

export function applyLegalHoldRelease(state: EmployeeState, note: string | undefined, now: number): void {
  state.legalHold = undefined;
  record(state, now, 'legal-hold-released', note);
}

export function applyDeletionConfirmation(
  state: EmployeeState,
  confirmation: DeletionConfirmation,
  _now: number,
): void {
  state.pending.deletionConfirmed = confirmation;
}

export function applyRetry(state: EmployeeState, note: string | undefined, now: number): void {
  const failed = state.lastError;
  state.needsAttention = false;
  if (state.manager && (failed?.action === 'provision' || failed?.action === 'sync-profile')) {
    // The cause may be the manager Tenure remembers (their account deleted since): look them up again.
    state.manager = { employeeId: state.manager.employeeId };
    state.pending.managerChanged = true;
  }
  record(
    state,
    now,
    'retried',
    [failed ? `${failed.action} after ${failed.type}` : undefined, note].filter(Boolean).join('; '),
  );
}
