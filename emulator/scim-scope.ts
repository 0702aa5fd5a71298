/**
 * The SCIM part of the server: fault injection, bearer-token and User-Agent checks, the
 * drop-response fault, and the SCIM routes, all in one encapsulated Fastify context so that none of
 * it touches the claim links or the `/_emulator/` endpoints.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextOptions } from './context';
import { scimErrorBody } from './errors';
import { recordRequest } from './logging';
import { sendScim } from './reply';
import { metaOf } from './request-meta';
import { discoveryRoutes } from './routes/discovery';
import { unsupportedRoutes } from './routes/unsupported';
import { usersRoutes } from './routes/users';

/** The SCIM endpoints with their guards; register at the root (SCIM paths live directly under the base URL). */
export const scimScope: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', async (request, reply) => {
    const meta = metaOf(request);
    const decision = ctx.faults.decide(request.method);
    if (decision.delayMs > 0) {
      meta.faultApplied = 'latency';
      meta.delayedMs = decision.delayMs;
      await sleep(decision.delayMs);
    }
    if (decision.reject) {
      const { kind, status, retryAfterSeconds, detail } = decision.reject;
      meta.faultApplied = kind;
      if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
      return sendScim(reply, status, scimErrorBody(status, detail));
    }
    if (!ctx.authorized(request)) {
      reply.header('WWW-Authenticate', 'Bearer realm="scim"');
      return sendScim(reply, 401, scimErrorBody(401, 'a valid bearer token is required'));
    }
    // Workplace refused requests without a User-Agent.
    if (!request.headers['user-agent']?.trim())
      return sendScim(reply, 400, scimErrorBody(400, 'the User-Agent header is required'));
    if (decision.dropResponse) meta.dropResponse = true;
  });

  // "Apply the request but drop the response": the handler has changed the store; the client gets
  // a closed connection instead of the answer, like a network failure after the server committed.
  app.addHook('onSend', async (request, reply, payload) => {
    const meta = metaOf(request);
    if (!meta.dropResponse) return payload;
    meta.faultApplied = 'dropResponse';
    recordRequest(ctx.log, request, reply.statusCode);
    request.raw.socket.destroy();
    return payload;
  });

  await app.register(usersRoutes, { ctx });
  await app.register(discoveryRoutes, { ctx });
  await app.register(unsupportedRoutes);
};
