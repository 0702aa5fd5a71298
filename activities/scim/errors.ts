/**
 * The SCIM client's typed errors. Each one names the request (method and resource path, never the
 * query string, which can hold an e-mail address, and never the token) and keeps its cause.
 */

/** Where an error happened: the request, and the HTTP status when a response arrived. */
export interface ScimErrorContext {
  method: string;
  /** the resource path under the base URL, like `/Users/123`, without the query string */
  path: string;
  status?: number;
}

/** Base of every error the SCIM client throws. */
export class ScimError extends Error {
  override name = 'ScimError';
  readonly method: string;
  readonly path: string;
  declare readonly status?: number;

  constructor(message: string, context: ScimErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.method = context.method;
    this.path = context.path;
    if (context.status !== undefined) this.status = context.status;
  }
}

/** No HTTP response: the connection was refused or reset, or the request timed out or was cancelled. */
export class ScimNetworkError extends ScimError {
  override name = 'ScimNetworkError';
  /** the client's per-request timeout fired */
  readonly timedOut: boolean;
  /** the caller's signal aborted the request */
  readonly cancelled: boolean;
  /** not sent: the rate limit had no free turn for a request that may not wait (one tried in a workflow task) */
  readonly busy: boolean;

  constructor(
    message: string,
    context: ScimErrorContext,
    options: { cause: unknown; timedOut?: boolean; cancelled?: boolean; busy?: boolean },
  ) {
    super(message, context, { cause: options.cause });
    this.timedOut = options.timedOut ?? false;
    this.cancelled = options.cancelled ?? false;
    this.busy = options.busy ?? false;
  }
}

/** What an error response said: the RFC 7644 §3.12 fields, or the raw body when it was not of that shape. */
export interface ScimErrorDetails {
  scimType?: string;
  detail?: string;
  /** the response body (truncated) when it was not a SCIM error message */
  body?: string;
  retryAfterMs?: number;
}

/** The service provider refused the request (4xx other than 429): retrying the same request will not help. */
export class ScimRejectedError extends ScimError {
  override name = 'ScimRejectedError';
  declare readonly status: number;
  declare readonly scimType?: string;
  declare readonly detail?: string;
  declare readonly body?: string;

  constructor(message: string, context: ScimErrorContext & { status: number }, details: ScimErrorDetails = {}) {
    super(message, context);
    assignDetails(this, details);
  }
}

/** 404: no such resource (for a delete, the work is already done). */
export class ScimNotFoundError extends ScimRejectedError {
  override name = 'ScimNotFoundError';
}

/**
 * 401 or 403: the directory refused Tenure's credentials (a rotated or revoked token, a lost
 * permission). Retrying the same call will not help until someone fixes the credentials, but it is
 * nothing wrong with the employee's data: every call of the integration fails alike.
 */
export class ScimUnauthorizedError extends ScimRejectedError {
  override name = 'ScimUnauthorizedError';
}

/** 409: the resource already exists (`scimType: uniqueness`) or changed underneath. */
export class ScimConflictError extends ScimRejectedError {
  override name = 'ScimConflictError';
}

/** 412: a precondition failed; Workplace answers it to deleting a claimed account. */
export class ScimPreconditionFailedError extends ScimRejectedError {
  override name = 'ScimPreconditionFailedError';
}

/** 429: too many requests; `retryAfterMs` comes from `Retry-After` when the server sent it. */
export class ScimThrottledError extends ScimError {
  override name = 'ScimThrottledError';
  declare readonly status: number;
  declare readonly retryAfterMs?: number;
  declare readonly scimType?: string;
  declare readonly detail?: string;
  declare readonly body?: string;

  constructor(message: string, context: ScimErrorContext & { status: number }, details: ScimErrorDetails = {}) {
    super(message, context);
    assignDetails(this, details);
  }
}

/** 5xx: the service provider failed or is down; `retryAfterMs` when it sent `Retry-After`. */
export class ScimUnavailableError extends ScimError {
  override name = 'ScimUnavailableError';
  declare readonly status: number;
  declare readonly retryAfterMs?: number;
  declare readonly scimType?: string;
  declare readonly detail?: string;
  declare readonly body?: string;

  constructor(message: string, context: ScimErrorContext & { status: number }, details: ScimErrorDetails = {}) {
    super(message, context);
    assignDetails(this, details);
  }
}

/**
 * A response the client cannot use: a success whose body is missing, not JSON, of the wrong media
 * type or not the expected resource; or a redirect or other status outside 2xx/4xx/5xx.
 */
export class ScimUnexpectedResponseError extends ScimError {
  override name = 'ScimUnexpectedResponseError';
  /** the response body (truncated) */
  declare readonly body?: string;

  constructor(message: string, context: ScimErrorContext, options: { body?: string; cause?: unknown } = {}) {
    super(message, context, { cause: options.cause });
    if (options.body !== undefined) this.body = options.body;
  }
}

/** The configured profile cannot express the request (e.g. an invite through plain SCIM 2.0); nothing was sent. */
export class ScimUnsupportedError extends ScimError {
  override name = 'ScimUnsupportedError';
}

// Only the details that were given become properties, so errors print and serialise without noise.
function assignDetails(error: ScimError, details: ScimErrorDetails): void {
  for (const key of ['scimType', 'detail', 'body', 'retryAfterMs'] as const)
    if (details[key] !== undefined) Object.defineProperty(error, key, { value: details[key], enumerable: true });
}

/**
 * Whether trying the same call again later may succeed: network failures, throttling and outages
 * are transient; rejections, unexpected responses and unsupported requests are not.
 */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof ScimNetworkError || error instanceof ScimThrottledError || error instanceof ScimUnavailableError
  );
}
