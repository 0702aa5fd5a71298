import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** the caller's `Idempotency-Key` on a mutating request, when it sent one */
    idempotencyKey?: string;
  }
}

/** 1–255 visible ASCII characters: UUIDs, ULIDs, hashes and a feed's own row keys all fit. */
const KEY = /^[\x21-\x7e]{1,255}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The `Idempotency-Key` header (the IETF httpapi draft's convention) of mutating requests: a retry
 * with the same key and the same request gets the original answer and changes nothing; the same
 * key with a different request is a 422. A malformed key is a 400.
 */
export const idempotencyKey = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('idempotencyKey', undefined);
    app.addHook('preValidation', async (request) => {
      if (!MUTATING.has(request.method)) return;
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      if (typeof header !== 'string' || !KEY.test(header)) {
        throw new ApiError('VALIDATION_FAILED', 'the Idempotency-Key header is invalid', [
          { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters, given once' },
        ]);
      }
      request.idempotencyKey = header;
    });
  },
  { name: 'tenure-idempotency-key' },
);
