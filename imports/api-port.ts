/**
 * How an import talks to Tenure: the API's own routes, as an HR system would call them. The CLI
 * sends them over HTTP with an hr token; `POST /v1/imports` sends them through the running app
 * (Fastify's inject) with the caller's token. Either way each row is the same request, validated,
 * authorised, deduplicated and recorded as any other.
 */

/** An answer of the API: status and JSON body. */
export interface ApiReply {
  status: number;
  body: unknown;
}

/** One request of the import: method, path under `/v1`, JSON body, and the row's Idempotency-Key. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

/** Sends the import's requests to the API. */
export interface ApiPort {
  send(request: ApiRequest): Promise<ApiReply>;
}

/** The API could not be reached or refused the import's credentials: nothing more can be done. */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
}

/** The API's error shape, read defensively: code and message, or the status alone. */
export function errorOf(reply: ApiReply): {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
} {
  const error = (reply.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${reply.status}`;
  const message = typeof error?.message === 'string' ? error.message : `the API answered ${reply.status}`;
  const details = Array.isArray(error?.details) ? (error.details as { path: string; message: string }[]) : undefined;
  return { code, message, ...(details && details.length > 0 ? { details } : {}) };
}
