import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const exposition = z.string().meta({
  description: 'Prometheus text exposition format',
  examples: [
    '# TYPE tenure_api_requests_total counter\ntenure_api_requests_total{method="GET",route="/healthz",status="200"} 3\n',
  ],
});

/**
 * `GET /metrics`: Prometheus metrics, open like the health probes (scrapers carry no token; the
 * metrics hold route patterns and counts, no personal data). Keep the port off the internet.
 */
export const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        produces: ['text/plain'],
        response: { 200: exposition },
      },
    },
    async (_request, reply) => {
      const { registry } = app.metrics;
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
};
