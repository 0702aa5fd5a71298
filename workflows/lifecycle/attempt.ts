import { ActivityFailure, ApplicationFailure, isCancellation, log, TimeoutFailure } from '@temporalio/workflow';
import { ATTENTION_REASONS, iso, type LifecycleAction } from '../contract/core';
import { isBackground } from './action-kinds';
import { LifecycleFailure } from './failure';
import { record, tenure, type EmployeeState, type Parked } from './state';

/**
 * How a failed action is parked. A failure no retry can fix (the directory rejected the data, a
 * mail server refused the address) waits for an operator's retry. Two kinds are Tenure's to retry
 * on its own, with a backoff, while the employee is flagged: the directory refusing Tenure's
 * credentials (someone must fix the token; every employee is affected alike) and a non-critical
 * action that kept failing transiently past its time bound.
 */

const MINUTE = 60_000;

/**
 * Tenure's own retries after a refused credential: 1 min, doubling, at most 30 min for the actions
 * that take access away or remove data (a deactivation must not wait long once the token is fixed),
 * at most 6 h for background actions (a fleet would otherwise call a refusing directory for every
 * employee's profile every half hour). An operator's bulk retry does not wait for either.
 */
export const unauthorizedRetryDelay = (failures: number, action: LifecycleAction) =>
  Math.min(MINUTE * 2 ** (failures - 1), (isBackground(action) ? 360 : 30) * MINUTE);
/** Tenure's own retries of a non-critical action that gave up for now: 1 h, doubling, at most a day. */
export const gaveUpRetryDelay = (failures: number) => Math.min(60 * MINUTE * 2 ** (failures - 1), 24 * 60 * MINUTE);

interface Classified {
  type: string;
  message: string;
  reason: string;
  retryDelay?: (failures: number, action: LifecycleAction) => number;
}

/** What a failure means for the lifecycle; undefined for a cancellation (a pre-emption). */
export function classify(error: unknown): Classified | undefined {
  if (isCancellation(error)) return undefined;
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    if (error.retryState === 'TIMEOUT' || cause instanceof TimeoutFailure) return gaveUp(cause);
    if (cause instanceof ApplicationFailure) return fromApplicationFailure(cause);
    return {
      type: cause?.name ?? 'ActivityFailure',
      message: cause?.message ?? error.message,
      reason: cause?.name ?? 'ActivityFailure',
    };
  }
  // A local activity's failure arrives as its ApplicationFailure, not wrapped in an ActivityFailure.
  if (error instanceof ApplicationFailure) return fromApplicationFailure(error);
  if (error instanceof LifecycleFailure) return { type: error.type, message: error.message, reason: error.reason };
  // A defect in the workflow's own code: parked and shown, rather than failing the workflow task forever.
  const e = error instanceof Error ? error : new Error(String(error));
  return { type: `WorkflowError:${e.name}`, message: e.message, reason: 'workflow-error' };
}

/** A non-critical action whose transient failures outlasted its time bound. */
function gaveUp(cause: Error | undefined): Classified {
  const last = cause instanceof ApplicationFailure ? `${cause.type ?? 'Error'}: ${cause.message}` : cause?.message;
  return {
    type: 'GaveUpForNow',
    message: `still failing after its time bound${last ? ` (${last})` : ''}; Tenure tries again later`,
    reason: ATTENTION_REASONS.gaveUp,
    retryDelay: gaveUpRetryDelay,
  };
}

function fromApplicationFailure(failure: ApplicationFailure): Classified {
  const type = failure.type ?? 'Error';
  // Only a bounded (non-critical) activity gives up on a failure that could still pass: a local
  // activity's failure arrives unwrapped, so a retryable one here means its time bound ran out.
  if (!failure.nonRetryable) return gaveUp(failure);
  if (type === 'DirectoryUnauthorized') {
    return {
      type,
      message: failure.message,
      reason: ATTENTION_REASONS.directoryUnauthorized,
      retryDelay: unauthorizedRetryDelay,
    };
  }
  return { type, message: failure.message, reason: type };
}

/** Parks a failed action (replacing an earlier parking of the same action) and records it. */
export function park(state: EmployeeState, action: LifecycleAction, failure: Classified, now: number): void {
  const previous = state.parked.find((p) => p.action === action && p.type === failure.type);
  const failures = (previous?.failures ?? 0) + 1;
  const parked: Parked = {
    action,
    type: failure.type,
    message: failure.message,
    reason: failure.reason,
    at: iso(now),
    failures,
    ...(failure.retryDelay ? { retryAt: iso(now + failure.retryDelay(failures, action)) } : {}),
  };
  state.parked = [...state.parked.filter((p) => p.action !== action), parked];
  record(state, now, 'failed', tenure(action), `${action}: ${failure.type}: ${failure.message}`);
  log.error('lifecycle action failed; parked', {
    action,
    type: failure.type,
    reason: failure.reason,
    retryAt: parked.retryAt,
  });
}

/** An action that succeeded is no longer parked (Tenure's own retry worked). */
export function unpark(state: EmployeeState, action: LifecycleAction): void {
  if (state.parked.some((p) => p.action === action)) state.parked = state.parked.filter((p) => p.action !== action);
}
