import { ApiUnreachableError, type ApiPort, type ApiReply, type ApiRequest } from './api-port';

export interface HttpPortOptions {
  /** the API's base URL, e.g. http://localhost:3000 */
  baseUrl: string;
  /** an hr token */
  token: string;
  /** tries of one request answered 429 or 503 (every change carries an Idempotency-Key: retrying is safe) */
  attempts?: number;
  /** the longest wait between tries, whatever Retry-After says */
  maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds of a Retry-After header (delta-seconds form), or undefined. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = Number(headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
}

/**
 * The API over HTTP with an hr token. Rate limiting (429, honouring Retry-After) and a Temporal
 * that is briefly unavailable (503) are waited out; 401/403 and a refused connection stop the
 * import with ApiUnreachableError, since no further row could succeed either.
 */
export function httpPort({ baseUrl, token, attempts = 6, maxWaitMs = 60_000 }: HttpPortOptions): ApiPort {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async send({ method, path, body, idempotencyKey }: ApiRequest): Promise<ApiReply> {
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(`${base}/v1${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          });
        } catch (error) {
          // A refused connection is rarely fixed by waiting long: three tries, then stop.
          if (attempt >= Math.min(attempts, 3)) {
            throw new ApiUnreachableError(`the API at ${base} cannot be reached`, { cause: error });
          }
          await sleep(Math.min(maxWaitMs, 250 * 2 ** attempt));
          continue;
        }
        const text = await response.text();
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        if (response.status === 401 || response.status === 403) {
          throw new ApiUnreachableError(
            response.status === 401
              ? 'the API refused the token (401): give an hr token with --token or TENURE_API_TOKEN'
              : 'the token may not do this (403): imports need an hr token',
          );
        }
        const retriable = response.status === 429 || response.status === 503;
        if (!retriable || attempt >= attempts) return { status: response.status, body: parsed };
        await sleep(Math.min(maxWaitMs, retryAfterMs(response.headers) ?? 250 * 2 ** attempt));
      }
    },
  };
}
