import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import {
  displayNameOf,
  DISPLAY_NAME_MAX,
  endOfDay,
  hasLeft,
  isFinal,
  isLive,
  PROFILE_FIELDS,
  recordProblems,
  REFUSAL,
  startOfDay,
  type Actor,
  type FieldProblem,
  type LeaveChange,
  type ProfileChange,
  type RehireRequest,
} from '../contract/core';
import { leaveInstant } from './plan';
import type { EmployeeState } from './state';
import type * as RequestSchemas from '../contract/requests';

let loaded: typeof RequestSchemas | undefined;

/**
 * The request schemas, loaded when this workflow first validates an update: built at module load
 * they would cost every workflow, sleeping ones included, about 1 MB and 11 ms (contract/core.ts).
 */
function schemas(): typeof RequestSchemas {
  // A require inside a function: the bundler evaluates the module on the first call, not at load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('../contract/requests') as typeof RequestSchemas);
}

/**
 * Validators of the lifecycle's updates. They run before an update is accepted: a refused request
 * never enters history. A malformed request is refused as `InvalidRequest` with its field problems
 * (the API answers 400), a request the lifecycle cannot take as it stands as `RequestRejected` with
 * the reason (422). The field rules are the contract's — the same the API checks first.
 */

function invalid(message: string, problems: FieldProblem[]): never {
  throw ApplicationFailure.create({ type: REFUSAL.invalid, message, details: [problems], nonRetryable: true });
}

function reject(message: string): never {
  throw ApplicationFailure.create({ type: REFUSAL.rejected, message, nonRetryable: true });
}

/** Parses a request with its contract schema; a malformed one is refused with every field problem. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return invalid(
    `the request is invalid: ${problems.map((p) => `${p.path || '(request)'}: ${p.message}`).join('; ')}`,
    problems,
  );
}

function refuseProblems(problems: FieldProblem[], prefix = ''): void {
  if (problems.length === 0) return;
  const paths = problems.map((p) => ({ path: `${prefix}${p.path}`, message: p.message }));
  invalid(`the request is invalid: ${paths.map((p) => `${p.path}: ${p.message}`).join('; ')}`, paths);
}

export function validateProfileChange(state: EmployeeState, request: ProfileChange): void {
  const { changes } = parsed(schemas().profileChangeRequestSchema, request);
  if (!isLive(state.stage)) {
    reject(`profile changes are not accepted in stage ${state.stage}${hasLeft(state.stage) ? ': rehire first' : ''}`);
  }
  const merged = { ...state.employee, ...changes };
  refuseProblems(recordProblems(merged, { leaveBeforeStart: true }), 'changes.');
  if (!changes.displayName && displayNameOf(merged).length > DISPLAY_NAME_MAX) {
    refuseProblems(
      [{ path: 'familyName', message: `the display name would exceed ${DISPLAY_NAME_MAX} characters` }],
      'changes.',
    );
  }
  if (!PROFILE_FIELDS.some((key) => changes[key] !== undefined && changes[key] !== state.employee[key])) {
    reject('the profile change changes nothing');
  }
}

/** The instant a leave change asks for, in the employee's zone (validators only: never recorded). */
function askedInstant(state: EmployeeState, change: LeaveChange, now: number): number | undefined {
  switch (change.effective) {
    case 'now':
      return now;
    case 'at':
      return Date.parse(change.leaveAt);
    case 'date':
      return endOfDay(change.leaveDate, state.employee.timeZone);
    case 'none':
      return undefined;
  }
}

/** A manager may only bring a leave forward: to now, or to an instant between now and the current leave. */
function checkManagerLeave(state: EmployeeState, change: LeaveChange, by: Actor, now: number): void {
  if (by.role !== 'manager') return;
  if (change.effective === 'none') reject('a manager cannot remove a leave; ask HR');
  const asked = askedInstant(state, change, now)!;
  // A minute's grace for clocks: a manager's "now" computed a moment ago is still now.
  if (asked < now - 60_000) reject('a manager cannot back-date a leave: give now or a later instant');
  const current = leaveInstant(state);
  if (current !== undefined && asked > current) {
    reject(
      `a manager can only bring the leave forward (it is due ${new Date(current).toISOString()}); ask HR to postpone it`,
    );
  }
}

export function validateLeaveChange(state: EmployeeState, change: LeaveChange, now: number): void {
  const request = parsed(schemas().leaveChangeSchema, change);
  if (!isLive(state.stage)) reject(`the leave cannot change in stage ${state.stage}`);
  if (state.withdrawn) reject('the offer was withdrawn: the account is being removed');
  if (request.effective === 'none' && !state.leave) reject('there is no leave to remove');
  const asked = {
    ...(request.effective === 'date' ? { leaveDate: request.leaveDate } : {}),
    ...(request.effective === 'at' ? { leaveAt: request.leaveAt } : {}),
  };
  refuseProblems(
    recordProblems(
      { ...asked, startDate: state.employee.startDate, timeZone: state.employee.timeZone },
      { leaveBeforeStart: Boolean(request.leaveBeforeStart) },
    ),
  );
  if (request.by) checkManagerLeave(state, request, request.by, now);
}

export function validateWithdrawal(state: EmployeeState, request: unknown, now: number): void {
  parsed(schemas().noteRequestSchema, request ?? {});
  if (!isLive(state.stage)) reject(`an offer cannot be withdrawn in stage ${state.stage}`);
  if (state.withdrawn) reject('the offer is already withdrawn');
  if (now >= startOfDay(state.employee.startDate, state.employee.timeZone)) {
    reject(`the employee started on ${state.employee.startDate}: schedule a leave instead`);
  }
}

export function validateRehire(state: EmployeeState, request: RehireRequest): void {
  const r = parsed(schemas().rehireRequestSchema, request);
  if (!hasLeft(state.stage)) reject(`only a deactivated employee can be rehired (stage is ${state.stage})`);
  if (state.rehirePending) reject('a rehire is already in progress');
  const { by: _b, requestId: _r, leaveBeforeStart, ...fields } = r;
  const { leaveDate: _d, leaveAt: _a, ...kept } = state.employee;
  const merged = { ...kept, ...fields };
  refuseProblems(recordProblems(merged, { leaveBeforeStart: Boolean(leaveBeforeStart) }));
  if (!merged.displayName && displayNameOf(merged).length > DISPLAY_NAME_MAX) {
    refuseProblems([{ path: 'familyName', message: `the display name would exceed ${DISPLAY_NAME_MAX} characters` }]);
  }
}

export function validateLegalHold(state: EmployeeState, request: unknown): void {
  parsed(schemas().legalHoldRequestSchema, request);
  if (isFinal(state.stage)) reject(`the account is already gone (stage ${state.stage})`);
  if (state.legalHold) reject(`a legal hold is already in force since ${state.legalHold.placedAt}`);
}

/**
 * Whether two actors are one person. A person is their name, whatever the role they act in: one
 * person may hold an `hr` and an `operator` token under one name, and must not confirm their own
 * request with the other token.
 */
export function samePerson(a: Actor, b: Actor): boolean {
  if (a.role === 'tenure' || b.role === 'tenure') return a.role === b.role;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

export function validateLegalHoldRelease(state: EmployeeState, request: unknown, by: Actor): void {
  parsed(schemas().noteRequestSchema, request ?? {});
  const hold = state.legalHold;
  if (!hold) reject('there is no legal hold to release');
  if (hold.releaseRequested && samePerson(hold.releaseRequested.by, by)) {
    reject('releasing a legal hold takes two people: a second, different person must confirm the release');
  }
}

export function validateDeletionConfirmation(state: EmployeeState, request: unknown): void {
  parsed(schemas().noteRequestSchema, request ?? {});
  if (state.stage !== 'AwaitingManualDeletion') reject(`no manual deletion is awaited (stage is ${state.stage})`);
  if (state.rehirePending) reject('the employee is being rehired: the account must not be deleted');
  if (state.legalHold) reject('a legal hold is in force: the account must not be deleted; release the hold first');
  if (!state.deletion.requestedAt || state.deletion.retractedAt) reject('no deletion request is out');
  if (state.deletion.confirmed) reject('the deletion is already confirmed');
}

export function validateRetry(state: EmployeeState, request: unknown): void {
  parsed(schemas().noteRequestSchema, request ?? {});
  if (state.parked.length === 0) reject('nothing to retry: the employee does not need attention');
}

export function validatePolicyRefresh(request: unknown): void {
  parsed(schemas().policyRefreshSchema, request ?? {});
}
