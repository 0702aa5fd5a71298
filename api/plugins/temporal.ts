import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CursorCodec } from '../lifecycle/cursor';
import type { RequestDigests } from '../lifecycle/request-hash';
import { TemporalCalls } from '../lifecycle/temporal-calls';

/** What routes use to reach Temporal. */
export interface Lifecycle {
  temporal: TemporalCalls;
  cursors: CursorCodec;
  /** recognise a joiner request again (keyed by the master keys) */
  digests: RequestDigests;
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
  digests: RequestDigests;
}

/**
 * Temporal calls that know how many are in flight. A request answered at its own deadline leaves
 * its call running until the call's deadline; closing the connection under it would make the
 * SDK's retry timer throw ("Channel has been shut down") outside any promise.
 */
class InFlightCalls extends TemporalCalls {
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  override async call<T>(
    operation: string,
    fn: (client: Client) => Promise<T>,
    options?: { timeoutMs?: number; employeeId?: string },
  ): Promise<T> {
    this.inFlight++;
    try {
      return await super.call(operation, fn, options);
    } finally {
      if (--this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves once no call is in flight. */
  settled(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Decorates the app with the Temporal client it was given (the app does not own the connection:
 * whoever made it closes it, after the app closed — which waits for the calls still in flight).
 */
export const temporal = fp<TemporalPluginOptions>(
  async (app: FastifyInstance, options) => {
    const calls = new InFlightCalls(options.client, options.timeoutMs, (operation, kind) =>
      app.metrics.temporalError(operation, kind),
    );
    app.decorate('lifecycle', {
      temporal: calls,
      cursors: new CursorCodec(options.cursorSecret),
      digests: options.digests,
      readyTimeoutMs: options.readyTimeoutMs,
    });
    app.addHook('onClose', async () => {
      // Every call has a deadline: this wait is bounded by the longest one.
      await calls.settled();
    });
  },
  { name: 'tenure-temporal', dependencies: ['tenure-metrics'] },
);
