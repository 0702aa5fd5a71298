/** Per-request bookkeeping shared by the hooks: start time and the faults applied. */
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FaultKind } from './faults';

/** What the hooks note about one request. */
export interface RequestMeta {
  /** performance.now() at arrival */
  startedAt: number;
  /** Date.now() at arrival */
  arrivedAt: number;
  faultApplied?: FaultKind;
  delayedMs?: number;
  dropResponse?: boolean;
  /** already written to the request log (dropped responses are logged before the socket closes) */
  logged?: boolean;
}

const metas = new WeakMap<IncomingMessage, RequestMeta>();

/** The bookkeeping of `request`, created on first use. */
export function metaOf(request: FastifyRequest): RequestMeta {
  let meta = metas.get(request.raw);
  if (!meta) {
    meta = { startedAt: performance.now(), arrivedAt: Date.now() };
    metas.set(request.raw, meta);
  }
  return meta;
}
