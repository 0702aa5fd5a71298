import type { Client } from '@temporalio/client';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auth } from './plugins/auth';
import type { ApiConfig } from './plugins/config';
import { errorHandling } from './plugins/errors';
import { fleetMetrics } from './plugins/fleet-metrics';
import { idempotencyKey } from './plugins/idempotency-key';
import { gracefulClose } from './plugins/graceful-close';
import { keepAliveAlerts } from './plugins/keep-alive-alerts';
import { loggerOptions } from './plugins/logging';
import { metrics } from './plugins/metrics';
import { openApi } from './plugins/openapi';
import { requestIdEcho, requestIdOf } from './plugins/request-id';
import { temporal } from './plugins/temporal';
import { employeeRoutes } from './routes/employees';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    apiConfig: ApiConfig;
  }
}

export interface AppOptions {
  config: ApiConfig;
  /** a Temporal client; the app uses it and leaves closing its connection to the caller */
  client: Client;
}

/** The Tenure API as a Fastify plugin: register it on any Fastify instance (server, tests). */
export const app = fp<AppOptions>(
  async (fastify, { config, client }) => {
    fastify.decorate('apiConfig', config);
    fastify.setValidatorCompiler(validatorCompiler);
    fastify.setSerializerCompiler(serializerCompiler);
    await fastify.register(requestIdEcho);
    await fastify.register(gracefulClose);
    await fastify.register(errorHandling);
    await fastify.register(metrics);
    await fastify.register(temporal, {
      client,
      timeoutMs: config.temporalTimeoutMs,
      readyTimeoutMs: config.readyTimeoutMs,
      ...(config.cursorSecret ? { cursorSecret: config.cursorSecret } : {}),
    });
    await fastify.register(fleetMetrics);
    await fastify.register(keepAliveAlerts, {
      client,
      intervalMs: config.keepAliveCheckIntervalMs,
      timeoutMs: config.temporalTimeoutMs,
    });
    await fastify.register(openApi);
    await fastify.register(healthRoutes);
    await fastify.register(metricsRoutes);
    await fastify.register(
      async (v1) => {
        await v1.register(auth, { tokens: config.tokens });
        await v1.register(idempotencyKey);
        await v1.register(employeeRoutes);
      },
      { prefix: '/v1' },
    );
  },
  { name: 'tenure-api' },
);

/** Fastify's server options for the API: logger with redaction, request ids, body limit. */
export function serverOptions(config: ApiConfig, logStream?: NodeJS.WritableStream): FastifyServerOptions {
  return {
    logger: loggerOptions(config.logLevel, logStream),
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimit,
    // On close: stop accepting, let in-flight requests finish (see plugins/graceful-close.ts).
    return503OnClosing: true,
  };
}

/** A Fastify instance with the API registered, ready to listen. */
export async function buildApi(deps: AppOptions & { logStream?: NodeJS.WritableStream }): Promise<FastifyInstance> {
  const server = Fastify(serverOptions(deps.config, deps.logStream)).withTypeProvider<ZodTypeProvider>();
  await server.register(app, { config: deps.config, client: deps.client });
  await server.ready();
  return server;
}
