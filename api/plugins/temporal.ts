import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CursorCodec } from '../lifecycle/cursor';
import { TemporalCalls } from '../lifecycle/temporal-calls';

/** What routes use to reach Temporal. */
export interface Lifecycle {
  temporal: TemporalCalls;
  cursors: CursorCodec;
  readyTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export interface TemporalPluginOptions {
  client: Client;
  timeoutMs: number;
  readyTimeoutMs: number;
  cursorSecret?: string;
}

/**
 * Decorates the app with the Temporal client it was given (the app does not own the connection:
 * whoever made it closes it, after the server stopped serving).
 */
export const temporal = fp<TemporalPluginOptions>(
  async (app: FastifyInstance, options) => {
    const calls = new TemporalCalls(options.client, options.timeoutMs, (operation, kind) =>
      app.metrics.temporalError(operation, kind),
    );
    app.decorate('lifecycle', {
      temporal: calls,
      cursors: new CursorCodec(options.cursorSecret),
      readyTimeoutMs: options.readyTimeoutMs,
    });
  },
  { name: 'tenure-temporal', dependencies: ['tenure-metrics'] },
);
