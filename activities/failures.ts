import { ApplicationFailure } from '@temporalio/common';
import { InvalidNotificationError, MailDeliveryError } from './notifications';
import {
  ScimNetworkError,
  ScimNotFoundError,
  ScimRejectedError,
  ScimUnauthorizedError,
  ScimThrottledError,
  ScimUnavailableError,
  ScimUnexpectedResponseError,
  ScimUnsupportedError,
} from './scim';

/**
 * The `type` of every ApplicationFailure Tenure's activities raise: stable names that operators
 * see in the Temporal UI and in `lastError`, and that the workflow and tests match on.
 */
export const FailureType = {
  /** Workplace refused the request (4xx): fix the data or the configuration, then retry. */
  WorkplaceRequestRejected: 'WorkplaceRequestRejected',
  /**
   * Workplace refused Tenure's credentials (401/403): nothing is wrong with the employee; the
   * workflow tries again on its own with a long backoff and flags the employee, and the worker
   * raises a fleet-wide alert (metric and log).
   */
  DirectoryUnauthorized: 'DirectoryUnauthorized',
  /** An account Tenure manages is gone from Workplace. */
  WorkplaceUserMissing: 'WorkplaceUserMissing',
  /** The work e-mail belongs to another Workplace account (another externalId). */
  WorkplaceUserNameTaken: 'WorkplaceUserNameTaken',
  /** Workplace throttled the call (429); retried after `Retry-After`. */
  WorkplaceThrottled: 'WorkplaceThrottled',
  /** Workplace failed or is down (5xx); retried. */
  WorkplaceUnavailable: 'WorkplaceUnavailable',
  /** Workplace could not be reached or did not answer in time; retried. */
  WorkplaceUnreachable: 'WorkplaceUnreachable',
  /**
   * A request tried in a workflow task (a local activity) found no free turn within the directory's
   * rate limit and was not sent; the workflow hands it to the task queue. Never an employee's problem.
   */
  DirectoryBusy: 'DirectoryBusy',
  /** Workplace answered something the connector cannot use. */
  WorkplaceUnexpectedResponse: 'WorkplaceUnexpectedResponse',
  /** An invited account has no claim link to remind the employee with. */
  MissingClaimLink: 'MissingClaimLink',
  /** The directory's profile cannot do what was asked. */
  DirectoryUnsupported: 'DirectoryUnsupported',
  /** The SMTP server refused the message for good (unknown recipient, bad credentials). */
  MailRejected: 'MailRejected',
  /** The SMTP server could not be reached or failed temporarily; retried. */
  MailUnavailable: 'MailUnavailable',
  /** A notification's data is invalid (bad address, link, zone). */
  InvalidNotification: 'InvalidNotification',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];

/** Failure types that a retry of the same call cannot fix. */
export const NON_RETRYABLE_FAILURES: readonly FailureType[] = [
  FailureType.DirectoryUnauthorized,
  FailureType.WorkplaceRequestRejected,
  FailureType.WorkplaceUserMissing,
  FailureType.WorkplaceUserNameTaken,
  FailureType.WorkplaceUnexpectedResponse,
  FailureType.DirectoryUnsupported,
  FailureType.MissingClaimLink,
  FailureType.MailRejected,
  FailureType.InvalidNotification,
];

function failure(type: FailureType, error: Error, extra: { nextRetryDelay?: number; details?: unknown[] } = {}) {
  return ApplicationFailure.create({
    type,
    message: error.message,
    nonRetryable: NON_RETRYABLE_FAILURES.includes(type),
    cause: error,
    ...(extra.nextRetryDelay !== undefined ? { nextRetryDelay: extra.nextRetryDelay } : {}),
    ...(extra.details ? { details: extra.details } : {}),
  });
}

/**
 * Turns a connector or mailer error into the ApplicationFailure the workflow sees: rejections are
 * non-retryable (with the directory's `scimType`/`detail`), throttling retries after `Retry-After`,
 * outages and network errors retry with the activity's backoff. Anything else is rethrown as is
 * (a bug: Temporal retries it and shows it in the UI).
 */
export function toApplicationFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof ScimThrottledError) {
    return failure(FailureType.WorkplaceThrottled, error, { nextRetryDelay: error.retryAfterMs });
  }
  if (error instanceof ScimUnavailableError) {
    return failure(FailureType.WorkplaceUnavailable, error, { nextRetryDelay: error.retryAfterMs });
  }
  if (error instanceof ScimNetworkError && error.busy) return failure(FailureType.DirectoryBusy, error);
  if (error instanceof ScimNetworkError) return failure(FailureType.WorkplaceUnreachable, error);
  if (error instanceof ScimUnauthorizedError) {
    return failure(FailureType.DirectoryUnauthorized, error, { details: [{ status: error.status }] });
  }
  if (error instanceof ScimNotFoundError) return failure(FailureType.WorkplaceUserMissing, error);
  if (error instanceof ScimRejectedError) {
    return failure(FailureType.WorkplaceRequestRejected, error, {
      details: [{ status: error.status, scimType: error.scimType, detail: error.detail }],
    });
  }
  if (error instanceof ScimUnexpectedResponseError) return failure(FailureType.WorkplaceUnexpectedResponse, error);
  if (error instanceof ScimUnsupportedError) return failure(FailureType.DirectoryUnsupported, error);
  if (error instanceof MailDeliveryError) {
    return failure(error.permanent ? FailureType.MailRejected : FailureType.MailUnavailable, error);
  }
  if (error instanceof InvalidNotificationError) return failure(FailureType.InvalidNotification, error);
  return error;
}

/** Hears of failures that concern the whole fleet, not one employee (the worker's alerts). */
export interface FailureListener {
  /** the directory refused Tenure's credentials */
  directoryUnauthorized?(error: ScimUnauthorizedError): void;
}

/** Runs an activity body and maps what it throws through {@link toApplicationFailure}. */
export async function mappingFailures<T>(body: () => Promise<T>, listener: FailureListener = {}): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ScimUnauthorizedError) listener.directoryUnauthorized?.(error);
    throw toApplicationFailure(error);
  }
}
