import { ApplicationFailure } from '@temporalio/workflow';
import { REFUSAL } from '../contract/core';
import type { EmployeeState } from './state';

/**
 * Requests that arrive twice. The API gives each request with an `Idempotency-Key` the update id
 * `k.<key digest>.<request digest>`: Temporal answers a repeat within a run with the first
 * outcome; the state remembers recent ids so that a repeat after continue-as-new changes nothing
 * either; and a key reused for a different request is refused.
 */

const KEYED = /^k\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** True when this update id was accepted before (a retried request). */
export function isRepeat(state: EmployeeState, id: string | undefined): boolean {
  return id !== undefined && state.requests.some((r) => r.id === id);
}

/** Refuses a request whose Idempotency-Key was already used for a different request. */
export function checkIdempotencyKey(state: EmployeeState, id: string | undefined): void {
  const key = id ? KEYED.exec(id)?.[1] : undefined;
  if (!key) return;
  if (state.requests.some((r) => KEYED.exec(r.id)?.[1] === key)) {
    throw ApplicationFailure.create({
      type: REFUSAL.invalid,
      message: 'this Idempotency-Key was already used for a different request',
      details: [[{ path: 'headers.idempotency-key', message: 'already used for a different request' }]],
      nonRetryable: true,
    });
  }
}
