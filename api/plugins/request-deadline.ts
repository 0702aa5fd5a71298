import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** this route's deadline, when it needs another than the API's (the batch) */
    timeoutMs?: number;
  }
}

/**
 * A deadline on handling every request, from the moment it was received (receiving it has its own
 * deadline, Node's `requestTimeout`: a 408): one not answered in time is answered 503 `TIMED_OUT`
 * in the error shape, and what the handler answers later is dropped (Fastify logs it as a reply
 * already sent). Each Temporal call has its own deadline too; this one bounds a request that makes
 * several.
 * Fastify's own `handlerTimeout` is not used: in 5.12 a request with a body clears its timer once
 * the body is read (fastify/fastify#6725).
 */
export const requestDeadline = fp<{ timeoutMs: number }>(
  async (app: FastifyInstance, { timeoutMs }) => {
    app.addHook('preValidation', async (request, reply) => {
      const ms = request.routeOptions.config.timeoutMs ?? timeoutMs;
      const timer = setTimeout(() => {
        if (reply.sent) return;
        void reply.send(new ApiError('TIMED_OUT', `the request was not answered within ${ms} ms; try again`));
      }, ms);
      // Only a request in flight keeps the process alive, never its deadline.
      timer.unref();
      // The response finished, or the connection closed: either way the deadline no longer matters.
      reply.raw.once('close', () => clearTimeout(timer));
    });
  },
  { name: 'tenure-request-deadline', dependencies: ['tenure-errors'] },
);
