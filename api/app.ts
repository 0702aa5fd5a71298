import type { Client } from '@temporalio/client';
import type { Server } from 'node:http';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { LogController, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditLog } from './plugins/audit-log';
import { auth } from './plugins/auth';
import type { TenureStore } from '../store';
import type { ApiConfig } from './plugins/config';
import { errorHandling } from './plugins/errors';
import { evidenceMetrics } from './plugins/evidence-metrics';
import { fleetMetrics } from './plugins/fleet-metrics';
import { idempotencyKey } from './plugins/idempotency-key';
import { gracefulClose } from './plugins/graceful-close';
import { keepAliveAlerts } from './plugins/keep-alive-alerts';
import { loggerOptions } from './plugins/logging';
import { metrics } from './plugins/metrics';
import { openApi } from './plugins/openapi';
import { perPrincipalRateLimit } from './plugins/rate-limit';
import { requestDeadline } from './plugins/request-deadline';
import { requestIdEcho, requestIdOf } from './plugins/request-id';
import { temporal } from './plugins/temporal';
import { codecRoutes } from './routes/codec';
import { employeeRoutes } from './routes/employees';
import { guardRoutes } from './routes/guard';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { ledgerRoutes } from './routes/ledger';
import { reportRoutes } from './routes/reports';
import { reportsPageRoute } from './routes/reports/page';
import { metricsRoutes } from './routes/metrics';
import { clientErrorHandler, frameworkErrors } from './transport-errors';
import type { RequestDigests } from './lifecycle/request-hash';

declare module 'fastify' {
  interface FastifyInstance {
    apiConfig: ApiConfig;
    /** the Tenure store: the audit ledger the evidence routes read */
    store: TenureStore;
  }
}

export interface AppOptions {
  config: ApiConfig;
  /** a Temporal client; the app uses it and leaves closing its connection to the caller */
  client: Client;
  /** the payload codec the client encrypts with, served to the Temporal UI at `/codec` */
  codec: PayloadCodec;
  /** the keyed digests of joiner requests (from the same master keys as the codec) */
  digests: RequestDigests;
  /** the Tenure store (the codec's): the guard's queue, the audit ledger; the app leaves closing it to the caller */
  store: TenureStore;
}

/** The Tenure API as a Fastify plugin: register it on any Fastify instance (server, tests). */
export const app = fp<AppOptions>(
  async (fastify, { config, client, codec, digests, store }) => {
    fastify.decorate('apiConfig', config);
    fastify.decorate('store', store);
    fastify.setValidatorCompiler(validatorCompiler);
    fastify.setSerializerCompiler(serializerCompiler);
    await fastify.register(requestIdEcho);
    await fastify.register(gracefulClose);
    await fastify.register(errorHandling);
    await fastify.register(requestDeadline, { timeoutMs: config.requestTimeoutMs });
    await fastify.register(metrics);
    await fastify.register(temporal, {
      client,
      timeoutMs: config.temporalTimeoutMs,
      readyTimeoutMs: config.readyTimeoutMs,
      digests,
      ...(config.cursorSecret ? { cursorSecret: config.cursorSecret } : {}),
    });
    await fastify.register(fleetMetrics);
    await fastify.register(evidenceMetrics);
    await fastify.register(keepAliveAlerts, {
      client,
      intervalMs: config.keepAliveCheckIntervalMs,
      timeoutMs: config.temporalTimeoutMs,
    });
    await fastify.register(openApi);
    await fastify.register(healthRoutes);
    await fastify.register(metricsRoutes);
    await fastify.register(codecRoutes, { prefix: '/codec', codec });
    await fastify.register(reportsPageRoute);
    await fastify.register(
      async (v1) => {
        await v1.register(auth, { tokens: config.tokens });
        if (config.rateLimit) await v1.register(perPrincipalRateLimit, config.rateLimit);
        await v1.register(auditLog);
        await v1.register(idempotencyKey);
        await v1.register(employeeRoutes);
        await v1.register(guardRoutes, { store });
        await v1.register(ledgerRoutes);
        await v1.register(reportRoutes);
        await v1.register(importRoutes);
      },
      { prefix: '/v1' },
    );
  },
  { name: 'tenure-api' },
);

/**
 * Fastify's server options for the API: logger with redaction, request ids, body limit, how long a
 * client may take to send its request, and the parser's and router's refusals in the error shape.
 */
export function serverOptions(config: ApiConfig, logStream?: NodeJS.WritableStream): FastifyHttpOptions<Server> {
  const receiveMs = config.requestTimeoutMs;
  return {
    logger: loggerOptions(config.logLevel, logStream),
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimit,
    requestTimeout: receiveMs,
    // Node checks the receive deadline every `connectionsCheckingInterval` (30 s by default): check
    // often enough for the deadline to mean something; the headers' own deadline may not exceed it.
    http: {
      requestTimeout: receiveMs,
      headersTimeout: Math.min(60_000, receiveMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(receiveMs / 4))),
    },
    clientErrorHandler,
    frameworkErrors,
    // On close: stop accepting, let in-flight requests finish (see plugins/graceful-close.ts).
    return503OnClosing: true,
  };
}

/** A Fastify instance with the API registered, ready to listen. */
export async function buildApi(deps: AppOptions & { logStream?: NodeJS.WritableStream }): Promise<FastifyInstance> {
  const server = Fastify(serverOptions(deps.config, deps.logStream)).withTypeProvider<ZodTypeProvider>();
  await server.register(app, {
    config: deps.config,
    client: deps.client,
    codec: deps.codec,
    digests: deps.digests,
    store: deps.store,
  });
  await server.ready();
  return server;
}
