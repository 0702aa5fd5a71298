/** What the route plugins share: the store, the fault injector, the request log and the base URL. */
import type { FastifyRequest } from 'fastify';
import type { FaultInjector } from './faults';
import type { RequestLog } from './request-log';
import type { UserStore } from './store';

/** The emulator's state, handed to every route plugin. */
export interface EmulatorContext {
  store: UserStore;
  faults: FaultInjector;
  log: RequestLog;
  /** true when the request carries an accepted bearer token (checked in constant time) */
  authorized(request: FastifyRequest): boolean;
  /** the base URL of claim links and `meta.location` (known once the server listens) */
  baseUrl(): string;
}

/** Options of every route plugin. */
export interface ContextOptions {
  ctx: EmulatorContext;
}
