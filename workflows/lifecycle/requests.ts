import {
  iso,
  type Actor,
  type EmployeeProfile,
  type LeaveChange,
  type LegalHoldRequest,
  type NoteRequest,
  type ProfileChange,
  type RehireRequest,
} from '../contract/core';
import { leaveFromRecord, record, touchProfile, type EmployeeState } from './state';

/**
 * What an accepted request changes in the state. Pure and synchronous: the side effects (directory
 * calls, e-mails) happen afterwards in the workflow's main loop, one at a time, in priority order.
 * Each records who asked (`by`) and the request id in the timeline.
 */

/** Who a request came from: its actor, or an operator acting through Temporal directly. */
export const requester = (request: { by?: Actor }): Actor =>
  request.by ?? { role: 'operator', name: 'temporal (no actor given)' };

export function applyProfileChange(state: EmployeeState, request: ProfileChange, now: number): string[] {
  const { changes } = request;
  const changed = (Object.keys(changes) as (keyof EmployeeProfile)[]).filter(
    (key) => changes[key] !== undefined && changes[key] !== state.employee[key],
  );
  state.employee = { ...state.employee, ...Object.fromEntries(changed.map((key) => [key, changes[key]])) };
  if (changed.includes('managerEmployeeId')) {
    state.manager = { employeeId: state.employee.managerEmployeeId!, lookups: 0 };
  }
  touchProfile(state, changed);
  record(state, now, 'profile-updated', requester(request), changed.join(', '), request.requestId);
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
  const by = requester(change);
  const { leaveDate: _d, leaveAt: _a, ...rest } = state.employee;
  const reason = change.reason ?? (change.effective === 'now' ? 'early-leave' : 'leave-date');
  switch (change.effective) {
    case 'now':
      state.leave = { at: iso(now), reason, by, now: true };
      state.employee = { ...rest, leaveAt: iso(now) };
      break;
    case 'at':
      state.leave = { at: iso(Date.parse(change.leaveAt)), reason, by };
      state.employee = { ...rest, leaveAt: iso(Date.parse(change.leaveAt)) };
      break;
    case 'date':
      state.leave = { date: change.leaveDate, reason, by };
      state.employee = { ...rest, leaveDate: change.leaveDate };
      break;
    case 'none':
      delete state.leave;
      state.employee = rest;
      break;
  }
  // The directory's termination date follows the leave.
  touchProfile(state, ['termDate']);
  const detail = [describeLeave(change), reason === 'early-leave' ? 'early leave' : undefined, change.note]
    .filter(Boolean)
    .join('; ');
  const event = change.effective === 'none' ? 'leave-cancelled' : had ? 'leave-moved' : 'leave-scheduled';
  record(state, now, event, by, detail, change.requestId);
}

export function applyWithdrawal(state: EmployeeState, request: NoteRequest, now: number): void {
  const by = requester(request);
  state.withdrawn = true;
  state.leave = { at: iso(now), reason: 'offer-withdrawn', by };
  record(state, now, 'withdrawn', by, request.note, request.requestId);
}

export function applyRehire(state: EmployeeState, request: RehireRequest, now: number): void {
  const by = requester(request);
  const { startDate, leaveDate, leaveAt, timeZone, by: _b, requestId, leaveBeforeStart: _f, ...profile } = request;
  const { leaveDate: _d, leaveAt: _a, ...employee } = state.employee;
  state.employee = {
    ...employee,
    ...Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)),
    startDate,
    ...(timeZone ? { timeZone } : {}),
    ...(leaveDate ? { leaveDate } : {}),
    ...(leaveAt ? { leaveAt } : {}),
  };
  if (state.employee.managerEmployeeId !== state.manager?.employeeId) {
    if (state.employee.managerEmployeeId) state.manager = { employeeId: state.employee.managerEmployeeId, lookups: 0 };
    else delete state.manager;
  }
  state.cycle += 1;
  state.withdrawn = false;
  const leave = leaveFromRecord(state.employee, by);
  if (leave) state.leave = leave;
  else delete state.leave;
  state.rehirePending = true;
  delete state.deletion.confirmed;
  touchProfile(state, Object.keys(profile));
  record(state, now, 'rehired', by, `cycle ${state.cycle}, starting ${startDate}`, requestId);
}

export function applyLegalHold(state: EmployeeState, request: LegalHoldRequest, now: number): void {
  const by = requester(request);
  state.legalHold = { reason: request.reason, placedAt: iso(now), by };
  record(state, now, 'legal-hold-placed', by, request.reason, request.requestId);
}

/**
 * Releasing a hold takes two people: the first asks, a second (another principal) confirms. Both
 * are recorded; the hold stays in force until the confirmation.
 */
export function applyLegalHoldRelease(state: EmployeeState, request: NoteRequest, now: number): void {
  const by = requester(request);
  const hold = state.legalHold!;
  if (!hold.releaseRequested) {
    hold.releaseRequested = { at: iso(now), by, ...(request.note ? { note: request.note } : {}) };
    record(state, now, 'legal-hold-release-requested', by, request.note, request.requestId);
    return;
  }
  delete state.legalHold;
  record(state, now, 'legal-hold-released', by, request.note, request.requestId);
}

export function applyDeletionConfirmation(state: EmployeeState, request: NoteRequest, now: number): void {
  state.deletion.confirmed = {
    at: iso(now),
    by: requester(request),
    ...(request.note ? { note: request.note } : {}),
    ...(request.requestId ? { requestId: request.requestId } : {}),
  };
}

export function applyRetry(state: EmployeeState, request: NoteRequest, now: number): void {
  const parked = state.parked;
  state.parked = [];
  if (state.manager && parked.some((p) => p.action === 'provision' || p.action === 'sync-profile')) {
    // The cause may be the manager Tenure remembers (their account deleted since): look them up again.
    state.manager = { employeeId: state.manager.employeeId, lookups: 0 };
  }
  const detail = [parked.map((p) => `${p.action} after ${p.type}`).join(', ') || undefined, request.note]
    .filter(Boolean)
    .join('; ');
  record(state, now, 'retried', requester(request), detail, request.requestId);
}
