/**
 * Inspection and control endpoints under `/_emulator/` (the SCIM bearer token, no faults, not
 * logged): for tests, benchmarks and demos. They read every user and reset the store: the token
 * guards them like the SCIM endpoints.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ContextOptions } from '../context';
import { faultConfigSchema } from '../faults';
import { toScimUser } from '../resource';
import { claimPage } from './claim';

/** The body of an admin error response. */
export interface AdminError {
  error: string;
  issues?: { path: string; message: string }[];
}

function invalid(reply: FastifyReply, error: string, issues: z.core.$ZodIssue[]): FastifyReply {
  const body: AdminError = {
    error,
    issues: issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message })),
  };
  return reply.code(400).send(body);
}

// `since` is a sequence number (a cursor) or an ISO instant.
const sinceQuery = z
  .object({
    since: z
      .union([z.coerce.number().int().min(0), z.iso.datetime({ offset: true }).transform((s) => new Date(s))])
      .optional(),
  })
  .strict();

/** `/_emulator/users`, `/requests`, `/stats`, `/faults`, `/reset` and `/users/:id/claim`. */
export const adminRoutes: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.addHook('onRequest', async (request, reply) => {
    if (ctx.authorized(request)) return;
    reply.header('WWW-Authenticate', 'Bearer realm="emulator"');
    return reply.code(401).send({ error: 'a valid bearer token is required' } satisfies AdminError);
  });

  app.get('/users', async () => ({ users: ctx.store.list().map((u) => toScimUser(u, ctx.baseUrl())) }));

  app.post('/users/:id/claim', async (request, reply) => {
    const { id } = request.params as { id: string };
    const outcome = ctx.store.claim(id);
    if (outcome.result === 'claimed' || outcome.result === 'alreadyClaimed')
      return { result: outcome.result, user: toScimUser(outcome.user, ctx.baseUrl()) };
    if (request.headers.accept?.includes('text/html')) return claimPage(reply, outcome);
    const status = outcome.result === 'notFound' ? 404 : 409;
    return reply.code(status).send({ error: `cannot claim user ${id}: ${outcome.result}` } satisfies AdminError);
  });

  app.get('/requests', async (request, reply) => {
    const query = sinceQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, 'invalid query', query.error.issues);
    return { requests: ctx.log.entries(query.data.since), cursor: ctx.log.lastSeq() };
  });

  app.delete('/requests', async (_request, reply) => {
    ctx.log.clear();
    return reply.code(204).send();
  });

  app.get('/stats', async (request, reply) => {
    const query = sinceQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, 'invalid query', query.error.issues);
    return ctx.log.stats(query.data.since);
  });

  app.get('/faults', async () => ctx.faults.get());

  app.put('/faults', async (request, reply) => {
    const config = faultConfigSchema.safeParse(request.body ?? {});
    if (!config.success) return invalid(reply, 'invalid fault configuration', config.error.issues);
    return ctx.faults.set(config.data);
  });

  app.delete('/faults', async (_request, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  // Back to a clean start: no users, no log, no faults. Ids keep counting, so none is ever reused.
  app.post('/reset', async (_request, reply) => {
    ctx.store.clear();
    ctx.log.clear();
    ctx.faults.clear();
    return reply.code(204).send();
  });
};
