import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiPort, ApiReply, ApiRequest } from '../../../imports/api-port';

/** The header that marks an import's own row requests, made inside this process. */
const ROW_HEADER = 'x-tenure-import-row';

// A secret of this process: only the import's injected requests can carry it, never a client.
const SECRET = randomBytes(32).toString('hex');

/** True for a request an import made in this process for one of its rows (the import itself counted). */
export function isImportRowRequest(request: FastifyRequest): boolean {
  const value = request.headers[ROW_HEADER];
  if (typeof value !== 'string' || value.length !== SECRET.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(SECRET));
}

/**
 * The API in-process, for `POST /v1/imports`: each row's request goes through the whole app —
 * authentication with the caller's own token, validation, idempotency, the audit log — exactly as
 * the same request over HTTP would, with the import's request id (plus `.row`) so the timeline
 * and the log lead back to it. The rate limit counts the import once, not once per row.
 */
export function injectPort(app: FastifyInstance, caller: FastifyRequest): ApiPort {
  const authorization = caller.headers.authorization ?? '';
  return {
    async send({ method, path, body, idempotencyKey }: ApiRequest): Promise<ApiReply> {
      const response = await app.inject({
        method,
        url: `/v1${path}`,
        headers: {
          authorization,
          [ROW_HEADER]: SECRET,
          'x-request-id': `${caller.id}.row`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      let parsed: unknown;
      try {
        parsed = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        parsed = response.body;
      }
      return { status: response.statusCode, body: parsed };
    },
  };
}
