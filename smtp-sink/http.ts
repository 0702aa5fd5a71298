import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderIndexPage } from './index-page';
import { messageFilterSchema, sinkMessageSchema } from './message';
import type { MessageStore } from './store';

const notFound = z.object({ error: z.string() });
const byId = z.object({ id: z.string().min(1) });

/** The inspection API over the received messages. */
export const sinkRoutes = (store: MessageStore): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get('/healthz', { schema: { response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
      status: 'ok' as const,
    }));

    app.get(
      '/messages',
      { schema: { querystring: messageFilterSchema, response: { 200: z.array(sinkMessageSchema) } } },
      async (request) => store.list(request.query),
    );

    app.get(
      '/messages/:id',
      { schema: { params: byId, response: { 200: sinkMessageSchema, 404: notFound } } },
      async (request, reply) => {
        const message = store.get(request.params.id);
        return message ?? reply.code(404).send({ error: 'no such message' });
      },
    );

    app.get('/messages/:id/text', { schema: { params: byId } }, async (request, reply) => {
      const text = store.get(request.params.id)?.text;
      if (text === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('no text body');
      return reply.type('text/plain; charset=utf-8').send(text);
    });

    app.get('/messages/:id/html', { schema: { params: byId } }, async (request, reply) => {
      const html = store.get(request.params.id)?.html;
      if (html === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('no HTML body');
      // A received body is untrusted: the sandbox keeps its scripts away from this origin.
      return reply.header('content-security-policy', 'sandbox').type('text/html; charset=utf-8').send(html);
    });

    app.delete('/messages', async (_request, reply) => {
      store.clear();
      return reply.code(204).send();
    });

    app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderIndexPage(store.list())));
  };

/** A Fastify instance serving the inspection API; quiet, since tests and the demo read the API instead. */
export async function buildSinkHttp(store: MessageStore): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(sinkRoutes(store));
  return app;
}
