/**
 * One SCIM request over HTTP and the typed error for each failure. Exactly one attempt per call:
 * retrying is the caller's business (Temporal retries activities with backoff and knows when to stop).
 */
import { version } from '../../package.json';
import {
  ScimConflictError,
  ScimNetworkError,
  ScimNotFoundError,
  ScimUnauthorizedError,
  ScimPreconditionFailedError,
  ScimRejectedError,
  ScimThrottledError,
  ScimUnavailableError,
  ScimUnexpectedResponseError,
  type ScimError,
  type ScimErrorContext,
  type ScimErrorDetails,
} from './errors';
import { activityPacing } from './activity-priority';
import { PacerBusyError, RequestPacer } from './pacer';
import { parseRetryAfter } from './retry-after';
import { SCHEMAS, SCIM_MEDIA_TYPE } from './schemas';
import { attribute, isWireObject, stringAttribute } from './wire';

/** The `User-Agent` Tenure sends unless configured otherwise; Workplace rejects requests without one. */
export const DEFAULT_USER_AGENT = `Tenure/${version} (+scim)`;

const ACCEPT = `${SCIM_MEDIA_TYPE}, application/json`;
// Enough of an unexpected body to diagnose it, without holding a whole HTML error page.
const KEPT_BODY_CHARS = 2048;

/** Where the transport reports each request; Temporal's activity logger fits. Never given the token. */
export interface ScimLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
}

export interface ScimHttpOptions {
  baseUrl: string;
  token: string;
  userAgent?: string;
  /** per request, from sending to the end of the response body */
  timeoutMs?: number;
  logger?: ScimLogger;
  /** pace this client's requests: at most this many in any second, evenly spread (see `pacer.ts`) */
  maxRequestsPerSecond?: number;
}

export interface ScimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** under the base URL, like `/Users/123` */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
  /** the caller's cancellation (e.g. the activity's), on top of the timeout */
  signal?: AbortSignal;
}

/** A 2xx response; `body` is the parsed JSON, or undefined when the response had none. */
export interface ScimResponse {
  status: number;
  body: unknown;
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

// setTimeout fires at once for anything above this (a 32-bit signed millisecond count).
const LONGEST_TIMEOUT_MS = 2_147_483_647;

/** Sends SCIM requests to one service provider with one credential. */
export class ScimHttp {
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  // A private field: invisible to JSON.stringify, util.inspect and Jest's printer.
  readonly #authorization: string;
  readonly #logger: ScimLogger | undefined;
  readonly #pacer: RequestPacer | undefined;

  constructor(options: ScimHttpOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    // Checked here because fetch's own header validation quotes the offending value in its error.
    if (!isHeaderSafe(options.token) || options.token.trim() === '')
      throw new TypeError('the SCIM access token is empty or holds characters not allowed in an HTTP header');
    this.#authorization = `Bearer ${options.token}`;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    if (!isHeaderSafe(this.userAgent) || this.userAgent.trim() === '')
      throw new TypeError('the User-Agent is empty or holds characters not allowed in an HTTP header');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    if (!(this.timeoutMs > 0 && this.timeoutMs <= LONGEST_TIMEOUT_MS))
      throw new TypeError(`the SCIM timeout must be between 1 and ${LONGEST_TIMEOUT_MS} milliseconds`);
    this.#logger = options.logger;
    this.#pacer = options.maxRequestsPerSecond ? new RequestPacer(options.maxRequestsPerSecond) : undefined;
  }

  /** Sends one request; resolves with a 2xx response, rejects with a `ScimError`. */
  async send(request: ScimRequest): Promise<ScimResponse> {
    const context: ScimErrorContext = { method: request.method, path: request.path };
    const started = Date.now();
    let exchanged: RawResponse;
    try {
      exchanged = await this.paced(request, context);
    } catch (error) {
      this.#logger?.debug('SCIM request failed', {
        ...context,
        error: String(error),
        durationMs: Date.now() - started,
      });
      throw error;
    }
    const { status, headers, text } = exchanged;
    this.#logger?.debug('SCIM response', { ...context, status, durationMs: Date.now() - started });
    const withStatus = { ...context, status };
    if (status >= 200 && status < 300) return { status, body: parseSuccessBody(withStatus, headers, text) };
    throw errorForResponse(withStatus, headers, text);
  }

  /** The exchange, in its turn when requests are paced. */
  private async paced(request: ScimRequest, context: ScimErrorContext): Promise<RawResponse> {
    const pacer = this.#pacer;
    if (!pacer) return this.exchange(request, context);
    let sent = false;
    const pacing = activityPacing();
    try {
      return await pacer.run(
        () => {
          sent = true;
          pacing.sent();
          return this.exchange(request, context);
        },
        request.signal,
        pacing.priorityKey,
        { wait: pacing.wait },
      );
    } catch (error) {
      if (sent) throw error;
      if (error instanceof PacerBusyError) {
        throw new ScimNetworkError(
          `SCIM ${describe(context)} was not sent: no free turn within the rate limit`,
          context,
          {
            cause: error,
            busy: true,
          },
        );
      }
      throw new ScimNetworkError(`SCIM ${describe(context)} was cancelled before it was sent`, context, {
        cause: error,
        cancelled: true,
      });
    }
  }

  private async exchange(request: ScimRequest, context: ScimErrorContext): Promise<RawResponse> {
    const { signal } = request;
    if (signal?.aborted)
      throw new ScimNetworkError(`SCIM ${describe(context)} was cancelled before it was sent`, context, {
        cause: signal.reason,
        cancelled: true,
      });

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const cancel = () => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });

    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      'User-Agent': this.userAgent,
      Accept: ACCEPT,
    };
    if (request.body !== undefined) headers['Content-Type'] = SCIM_MEDIA_TYPE;
    if (request.ifMatch !== undefined) headers['If-Match'] = request.ifMatch;

    try {
      const response = await fetch(this.url(request), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
        // A redirect would resend the request (and, same-origin, the token) somewhere unplanned.
        redirect: 'manual',
      });
      // Read inside the timeout: a server can stall after the headers as well as before them.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (timedOut)
        throw new ScimNetworkError(`SCIM ${describe(context)} timed out after ${this.timeoutMs} ms`, context, {
          cause: error,
          timedOut: true,
        });
      if (signal?.aborted)
        throw new ScimNetworkError(`SCIM ${describe(context)} was cancelled`, context, {
          cause: error,
          cancelled: true,
        });
      throw new ScimNetworkError(`SCIM ${describe(context)} failed: ${networkReason(error)}`, context, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  private url(request: ScimRequest): string {
    const query = Object.entries(request.query ?? {})
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      // encodeURIComponent, not URLSearchParams: a `+` for a space is form encoding, which not every server decodes.
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${this.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  /** No token here, whatever serialises the transport. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, userAgent: this.userAgent, timeoutMs: this.timeoutMs };
  }
}

/** The base URL without trailing slashes, so that `${base}/Users` is right either way. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('the SCIM base URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError('the SCIM base URL must be http or https');
  if (url.search || url.hash) throw new TypeError('the SCIM base URL must not have a query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Whether a media type is one a SCIM response may use: `application/scim+json`, `application/json` or another `+json`. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}

function parseSuccessBody(context: ScimErrorContext, headers: Headers, text: string): unknown {
  if (text.trim() === '') return undefined;
  const contentType = headers.get('content-type');
  // A missing Content-Type is tolerated when the body is JSON; a declared other type (an HTML page from a proxy) is not.
  if (contentType !== null && !isJsonMediaType(contentType))
    throw new ScimUnexpectedResponseError(
      `SCIM ${describe(context)} answered ${context.status} with media type ${contentType.split(';')[0]}, not SCIM JSON`,
      context,
      { body: keep(text) },
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ScimUnexpectedResponseError(
      `SCIM ${describe(context)} answered ${context.status} with a body that is not JSON`,
      context,
      { body: keep(text), cause: error },
    );
  }
}

/** The typed error for a non-2xx response. */
export function errorForResponse(
  context: ScimErrorContext & { status: number },
  headers: Headers,
  text: string,
): ScimError {
  const { status } = context;
  const details = { ...parseErrorBody(text), retryAfterMs: parseRetryAfter(headers.get('retry-after')) };
  const detail = details.detail && details.detail.length > 300 ? `${details.detail.slice(0, 300)}…` : details.detail;
  const message = `SCIM ${describe(context)} answered ${status}${details.scimType ? ` ${details.scimType}` : ''}${
    detail ? `: ${detail}` : ''
  }`;
  if (status === 401 || status === 403) return new ScimUnauthorizedError(message, context, details);
  if (status === 404) return new ScimNotFoundError(message, context, details);
  if (status === 409) return new ScimConflictError(message, context, details);
  if (status === 412) return new ScimPreconditionFailedError(message, context, details);
  if (status === 429) return new ScimThrottledError(message, context, details);
  if (status >= 400 && status < 500) return new ScimRejectedError(message, context, details);
  if (status >= 500 && status < 600) return new ScimUnavailableError(message, context, details);
  return new ScimUnexpectedResponseError(`SCIM ${describe(context)} answered ${status}`, context, {
    body: keep(text),
  });
}

/**
 * The RFC 7644 §3.12 fields of an error body, or the raw body when it is not one. `status` is a
 * string per the RFC; numbers are accepted too. The HTTP status, not the body's, decides the class.
 */
export function parseErrorBody(text: string): ScimErrorDetails {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() === '' ? {} : { body: keep(text) };
  }
  if (!isWireObject(body)) return { body: keep(text) };
  const schemas = attribute(body, 'schemas');
  const declared = Array.isArray(schemas) && schemas.some((schema) => schema === SCHEMAS.error);
  const bodyStatus = attribute(body, 'status');
  const scimType = stringAttribute(body, 'scimType');
  const detail = stringAttribute(body, 'detail');
  const statusLike = typeof bodyStatus === 'string' || typeof bodyStatus === 'number';
  if (!declared && !(statusLike && (scimType !== undefined || detail !== undefined))) return { body: keep(text) };
  return {
    ...(scimType ? { scimType } : {}),
    ...(detail !== undefined ? { detail } : {}),
  };
}

function describe(context: ScimErrorContext): string {
  return `${context.method} ${context.path}`;
}

function keep(text: string): string {
  return text.length > KEPT_BODY_CHARS ? `${text.slice(0, KEPT_BODY_CHARS)}…` : text;
}

// fetch reports every transport failure as TypeError('fetch failed'); the reason is in its causes.
function networkReason(error: unknown): string {
  const reasons: string[] = [];
  // Duck-typed, not instanceof: fetch's errors can come from another realm (Jest's sandbox, for one).
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof message === 'string') reasons.push(typeof code === 'string' ? `${code} (${message})` : message);
    current = cause;
  }
  return reasons.length > 0 ? reasons[reasons.length - 1]! : String(error);
}

function isHeaderSafe(value: string): boolean {
  // Visible ASCII, space and tab: no CR, LF or other controls, and nothing fetch would re-encode.
  return /^[\t\x20-\x7e]*$/.test(value);
}
