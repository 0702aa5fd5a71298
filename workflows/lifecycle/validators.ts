import type { EmployeeProfile } from '../employee';
import { hasLeft, isFinal, isLive } from './state';
import type { DeletionConfirmation, EmployeeState, LeaveChange, LegalHoldRequest, RehireRequest } from './types';

/**
 * Validators of the lifecycle's updates. They run before an update is accepted: a rejected
 * request never enters history, and its message reaches the caller (the API answers 422 with it).
 */

const PROFILE_FIELDS: readonly (keyof EmployeeProfile)[] = [
  'email',
  'givenName',
  'familyName',
  'displayName',
  'title',
  'department',
  'costCenter',
  'managerEmployeeId',
  'locale',
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCALE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const EMPLOYEE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A real calendar date in `YYYY-MM-DD` form. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** An ISO-8601 instant with a zone (`Z` or an offset). */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !isNaN(Date.parse(value))
  );
}

function fail(message: string): never {
  throw new Error(message);
}

/** Checks profile fields alone (types, formats); used by the mover and the rehire. */
export function checkProfileFields(changes: Partial<EmployeeProfile>, employeeId: string): void {
  if (typeof changes !== 'object' || changes === null) fail('the profile change must be an object');
  for (const key of Object.keys(changes)) {
    if (
      !PROFILE_FIELDS.includes(key as keyof EmployeeProfile) &&
      !['startDate', 'leaveDate', 'leaveAt', 'timeZone'].includes(key)
    ) {
      fail(`unknown field '${key}'`);
    }
  }
  for (const key of PROFILE_FIELDS) {
    const value = changes[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') fail(`${key} must be a non-empty string`);
  }
  if (changes.email !== undefined && !EMAIL.test(changes.email))
    fail(`email '${changes.email}' is not an e-mail address`);
  if (changes.locale !== undefined && !LOCALE.test(changes.locale))
    fail(`locale '${changes.locale}' is not like en_US`);
  if (changes.managerEmployeeId !== undefined) {
    if (!EMPLOYEE_ID.test(changes.managerEmployeeId))
      fail(`managerEmployeeId '${changes.managerEmployeeId}' is not an employee id`);
    if (changes.managerEmployeeId === employeeId) fail('an employee cannot be their own manager');
  }
}

export function validateProfileChange(state: EmployeeState, changes: Partial<EmployeeProfile>): void {
  if (!isLive(state.stage))
    fail(`profile changes are not accepted in stage ${state.stage}${hasLeft(state.stage) ? ': rehire first' : ''}`);
  checkProfileFields(changes, state.employee.employeeId);
  for (const key of ['startDate', 'leaveDate', 'leaveAt', 'timeZone']) {
    if (key in changes) fail(`'${key}' is not a profile field: change the leave with changeLeave`);
  }
  if (!PROFILE_FIELDS.some((key) => changes[key] !== undefined && changes[key] !== state.employee[key])) {
    fail('the profile change changes nothing');
  }
}

export function validateLeaveChange(state: EmployeeState, change: LeaveChange): void {
  if (!isLive(state.stage)) fail(`the leave cannot change in stage ${state.stage}`);
  if (state.withdrawn) fail('the offer was withdrawn: the account is being removed');
  if (change.reason !== undefined && change.reason !== 'leave-date' && change.reason !== 'early-leave') {
    fail(`reason must be 'leave-date' or 'early-leave'`);
  }
  switch (change.effective) {
    case 'now':
      return;
    case 'at':
      if (!isInstant(change.leaveAt))
        fail(`leaveAt '${String(change.leaveAt)}' is not an ISO-8601 instant with a zone`);
      return;
    case 'date':
      if (!isCalendarDate(change.leaveDate)) fail(`leaveDate '${String(change.leaveDate)}' is not a YYYY-MM-DD date`);
      return;
    case 'none':
      if (!state.leave) fail('there is no leave to remove');
      return;
    default:
      fail(`effective must be 'now', 'at', 'date' or 'none'`);
  }
}

export function validateWithdrawal(state: EmployeeState, now: number): void {
  if (!isLive(state.stage)) fail(`an offer cannot be withdrawn in stage ${state.stage}`);
  if (state.withdrawn) fail('the offer is already withdrawn');
  if (state.startsAt && now >= Date.parse(state.startsAt)) {
    fail(`the employee started on ${state.employee.startDate}: schedule a leave instead`);
  }
}

export function validateRehire(state: EmployeeState, request: RehireRequest): void {
  if (!hasLeft(state.stage)) fail(`only a deactivated employee can be rehired (stage is ${state.stage})`);
  if (state.pending.rehire) fail('a rehire is already in progress');
  if (!isCalendarDate(request.startDate)) fail(`startDate '${String(request.startDate)}' is not a YYYY-MM-DD date`);
  if (request.leaveDate !== undefined && !isCalendarDate(request.leaveDate))
    fail(`leaveDate '${String(request.leaveDate)}' is not a YYYY-MM-DD date`);
  if (request.leaveAt !== undefined && !isInstant(request.leaveAt))
    fail(`leaveAt '${String(request.leaveAt)}' is not an ISO-8601 instant with a zone`);
  if (request.leaveDate !== undefined && request.leaveAt !== undefined) fail('give leaveDate or leaveAt, not both');
  if (request.timeZone !== undefined && (typeof request.timeZone !== 'string' || !request.timeZone))
    fail('timeZone must be an IANA zone name');
  const { startDate: _s, leaveDate: _l, leaveAt: _a, timeZone: _t, ...profile } = request;
  checkProfileFields(profile, state.employee.employeeId);
}

export function validateLegalHold(state: EmployeeState, request: LegalHoldRequest): void {
  if (isFinal(state.stage)) fail(`the account is already gone (stage ${state.stage})`);
  if (state.legalHold) fail(`a legal hold is already in force since ${state.legalHold.placedAt}`);
  if (typeof request?.reason !== 'string' || request.reason.trim() === '') fail('a legal hold needs a reason');
}

export function validateLegalHoldRelease(state: EmployeeState): void {
  if (!state.legalHold) fail('there is no legal hold to release');
}

export function validateDeletionConfirmation(state: EmployeeState, _c: DeletionConfirmation): void {
  if (state.stage !== 'AwaitingManualDeletion') fail(`no manual deletion is awaited (stage is ${state.stage})`);
  if (state.legalHold) fail('a legal hold is in force: the account must not be deleted; release the hold first');
  if (state.pending.deletionConfirmed) fail('the deletion is already confirmed');
}

export function validateRetry(state: EmployeeState): void {
  if (!state.needsAttention) fail('nothing to retry: the employee does not need attention');
}
