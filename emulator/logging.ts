/** Writes served requests to the request log (once each). */
import type { FastifyRequest } from 'fastify';
import type { RequestLog } from './request-log';
import { metaOf } from './request-meta';

/** The prefix of the inspection endpoints, which are not logged: they are the observer. */
export const ADMIN_PREFIX = '/_emulator';

/** Records `request` with the status it was (or would have been) answered with. */
export function recordRequest(log: RequestLog, request: FastifyRequest, status: number): void {
  const meta = metaOf(request);
  if (meta.logged) return;
  meta.logged = true;
  const [path = '/', query] = request.url.split(/\?(.*)/s, 2);
  log.record({
    method: request.method,
    path,
    ...(query ? { query } : {}),
    status,
    at: new Date(meta.arrivedAt).toISOString(),
    durationMs: Math.round((performance.now() - meta.startedAt) * 100) / 100,
    kind: path.startsWith('/claim/') ? 'claim' : 'scim',
    ...(meta.faultApplied ? { faultApplied: meta.faultApplied } : {}),
    ...(meta.delayedMs ? { delayedMs: meta.delayedMs } : {}),
  });
}
