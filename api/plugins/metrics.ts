import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics: one registry per app, so that several apps in one process never mix. */
export interface ApiMetrics {
  registry: Registry;
  temporalError(operation: string, kind: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/** Request counts and latencies by route pattern (never the raw URL: bounded labels) and status; Temporal call errors. */
export const metrics = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'tenure_api_' });
    const requests = new Counter({
      name: 'tenure_api_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const durations = new Histogram({
      name: 'tenure_api_request_duration_seconds',
      help: 'HTTP request latency, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const temporalErrors = new Counter({
      name: 'tenure_api_temporal_errors_total',
      help: 'Failed Temporal calls, by operation and kind (unavailable, not-found, rejected, ...)',
      labelNames: ['operation', 'kind'] as const,
      registers: [registry],
    });

    app.decorate('metrics', {
      registry,
      temporalError: (operation: string, kind: string) => temporalErrors.inc({ operation, kind }),
    });

    app.addHook('onResponse', async (request, reply) => {
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      };
      requests.inc(labels);
      durations.observe(labels, reply.elapsedTime / 1000);
    });
  },
  { name: 'tenure-metrics' },
);
