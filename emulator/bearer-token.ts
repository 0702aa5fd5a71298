import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * A check of presented bearer tokens against the accepted ones in constant time: digests of equal
 * length compared with `timingSafeEqual`, every accepted token every time, so that timing tells
 * nothing about which token (or how much of one) matched.
 */
export function bearerTokenCheck(accepted: readonly string[]): (request: FastifyRequest) => boolean {
  const digests = accepted.map(digestOf);
  return (request) => {
    const presented = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (presented === undefined) return false;
    const digest = digestOf(presented);
    let matched = false;
    for (const known of digests) matched = timingSafeEqual(known, digest) || matched;
    return matched;
  };
}
