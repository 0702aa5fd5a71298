import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { REFUSAL, type FieldProblem } from '../workflows/contract';
import { ERROR_CODES, type ErrorCode, type ErrorDetail } from './schemas/errors';

/** An error the API answers with its own code and message: the only kind whose message reaches callers. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = ERROR_CODES[code];
  }
}

// gRPC status codes (CANCELLED 1, DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8, UNAVAILABLE 14): a
// frontend that is down, overloaded or too slow; the request may be tried again.
const UNAVAILABLE_CODES = new Set<number>([1, 4, 8, 14]);

/** True when the error means Temporal could not be reached or did not answer in time. */
export function isTemporalUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcDeadlineError(e)) return true;
    if (isGrpcServiceError(e) && UNAVAILABLE_CODES.has(e.code)) return true;
    // Connecting failed before any call was made (the native client's transport error).
    if (e instanceof Error && e.name === 'TransportError') return true;
  }
  return false;
}

/**
 * Maps what a Temporal call threw to the API's answer: unknown employee → 404, rejected update →
 * 422 with the validator's reason, already started → 409, unreachable → 503. Anything else is
 * returned as is (the error handler answers 500 and logs it).
 */
export function fromTemporal(error: unknown, employeeId?: string): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkflowNotFoundError) {
    return new ApiError('EMPLOYEE_NOT_FOUND', `no employee ${employeeId ?? ''}`.trim(), [], { cause: error });
  }
  if (error instanceof WorkflowUpdateFailedError) return fromRefusal(error);
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiError('CONFLICT', `employee ${employeeId ?? ''} was started by a concurrent request`.trim(), [], {
      cause: error,
    });
  }
  if (isTemporalUnavailable(error)) {
    return new ApiError('TEMPORAL_UNAVAILABLE', 'Temporal is not reachable or did not answer in time; try again', [], {
      cause: error,
    });
  }
  return error;
}

/**
 * A refused update: a malformed request (`InvalidRequest`) is a 400 with the workflow's field
 * problems under `body.` (or the Idempotency-Key's reuse, a 422 of its own); a request the
 * lifecycle cannot take as it stands is a 422 with the reason.
 */
function fromRefusal(error: WorkflowUpdateFailedError): ApiError {
  const cause = error.cause;
  const message = cause?.message ?? 'the lifecycle rejected the request';
  if (cause instanceof ApplicationFailure && cause.type === REFUSAL.invalid) {
    const problems = (cause.details?.[0] ?? []) as FieldProblem[];
    if (problems.some((p) => p.path.startsWith('headers.'))) {
      return new ApiError('IDEMPOTENCY_KEY_REUSED', message, problems, { cause: error });
    }
    const details = problems.map((p) => ({ path: p.path ? `body.${p.path}` : 'body', message: p.message }));
    return new ApiError('VALIDATION_FAILED', message, details, { cause: error });
  }
  return new ApiError('REQUEST_REJECTED', message, [], { cause: error });
}

/** A short, log-safe name of a Temporal failure for metrics (`unavailable`, `not-found`, ...). */
export function temporalErrorKind(error: unknown): string {
  if (error instanceof WorkflowNotFoundError) return 'not-found';
  if (error instanceof WorkflowUpdateFailedError) return 'rejected';
  if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
  if (isTemporalUnavailable(error)) return 'unavailable';
  if (error instanceof ServiceError) return 'service-error';
  return 'other';
}
