import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auth } from './plugins/auth';
import type { ApiConfig } from './plugins/config';
import { errorHandling } from './plugins/errors';
import { gracefulClose } from './plugins/graceful-close';
import { loggerOptions } from './plugins/logging';
import { metrics } from './plugins/metrics';
import { openApi } from './plugins/openapi';
import { requestIdEcho, requestIdOf } from './plugins/request-id';
import { temporal } from './plugins/temporal';
import { codecRoutes } from './routes/codec';
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
  /** the payload codec the client encrypts with, served to the Temporal UI at `/codec` */
  codec: PayloadCodec;
}

/** The Tenure API as a Fastify plugin: register it on any Fastify instance (server, tests). */
export const app = fp<AppOptions>(
  async (fastify, { config, client, codec }) => {
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
    await fastify.register(openApi);
    await fastify.register(healthRoutes);
    await fastify.register(metricsRoutes);
    await fastify.register(codecRoutes, { prefix: '/codec', codec });
    await fastify.register(
      async (v1) => {
        await v1.register(auth, { tokens: config.tokens });
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
  await server.register(app, { config: deps.config, client: deps.client, codec: deps.codec });
  await server.ready();
  return server;
}
