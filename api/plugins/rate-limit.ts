import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { isImportRowRequest } from '../routes/imports/inject-port';
import { principalLabel } from './api-tokens';

export interface RateLimitOptions {
  /** requests per window and key */
  max: number;
  windowMs: number;
}

/**
 * What a request counts against: its principal (so that one token's burst cannot starve the others,
 * and a token used from many addresses is still one budget), or its client address when it carries
 * no known token.
 */
export function rateLimitKeyOf(request: FastifyRequest): string {
  return request.principal ? `principal ${principalLabel(request.principal)}` : `address ${request.ip}`;
}

/**
 * Per-principal rate limiting for the routes registered after it in the same scope (`/v1`): past
 * `max` requests in a window, 429 in the API's error shape with `Retry-After` in seconds. Needs the
 * auth plugin's onRequest hook to have recognised the token first. The counts live in this process:
 * each API replica limits on its own.
 */
export const perPrincipalRateLimit = fp<RateLimitOptions>(
  async (app: FastifyInstance, { max, windowMs }) => {
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: windowMs,
      keyGenerator: rateLimitKeyOf,
      // An import counts once, like a batch: its rows' in-process requests are not counted again.
      allowList: (request) => isImportRowRequest(request),
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          'RATE_LIMITED',
          `too many requests: at most ${max} in ${windowMs / 1000} s; retry in ${context.after}`,
        ),
    });
  },
  { name: 'tenure-rate-limit', dependencies: ['tenure-auth'] },
);
