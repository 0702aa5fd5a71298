import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../schemas/errors';

const ok = z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] });

/** `GET /healthz` (the process is up) and `GET /readyz` (Temporal answers within a short deadline). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up and serving',
        response: { 200: ok },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: Temporal is reachable',
        description: 'Describes the namespace with a short deadline; 503 when Temporal does not answer.',
        response: { 200: ok, ...errorResponses(503) },
      },
    },
    async () => {
      const { temporal, readyTimeoutMs } = app.lifecycle;
      await temporal.call(
        'ready',
        (client) => client.workflowService.describeNamespace({ namespace: temporal.namespace }),
        { timeoutMs: readyTimeoutMs },
      );
      return { status: 'ok' as const };
    },
  );
};
