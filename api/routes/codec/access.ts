import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors';
import { principalOf, type Principal, type TokenEntry } from '../../plugins/api-tokens';
import { cookieValue, principalOfSession, SESSION_COOKIE } from './session';

const BEARER = /^Bearer ([^\s]+)$/i;

export interface CodecAccess {
  tokens: readonly TokenEntry[];
  /** the development tokens are in force: the codec is open (their operator token is public anyway) */
  open: boolean;
  origins: readonly string[];
}

/**
 * CORS for the Temporal UI's origins: its codec client sends JSON with `X-Namespace`, an
 * `Authorization` header when told to pass its access token, and cookies when told to include
 * credentials. Only the listed origins may read an answer.
 */
export function allowOrigin(request: FastifyRequest, reply: FastifyReply, origins: readonly string[]): void {
  const origin = request.headers.origin;
  reply.header('vary', 'Origin');
  if (typeof origin !== 'string' || !origins.includes(origin)) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-allow-credentials', 'true');
}

/** The answer to a CORS preflight of `/codec/encode` and `/codec/decode`. */
export function preflight(request: FastifyRequest, reply: FastifyReply, origins: readonly string[]): void {
  allowOrigin(request, reply, origins);
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type, x-namespace, authorization, authorization-extras');
  reply.header('access-control-max-age', '600');
  void reply.code(204).send();
}

/**
 * Who calls the codec: an operator's bearer token (the Temporal CLI's `--codec-auth`), or the
 * session cookie an operator got at `/codec/login` (the Temporal UI with "include cross-origin
 * credentials"). Anyone else is refused: 401 without credentials, 403 for another role.
 */
export function codecPrincipal(request: FastifyRequest, access: CodecAccess): Principal {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  const session = cookieValue(request.headers.cookie, SESSION_COOKIE);
  const principal =
    (bearer ? principalOf(access.tokens, bearer) : undefined) ??
    (session ? principalOfSession(access.tokens, session) : undefined) ??
    (access.open ? ({ role: 'operator', name: 'development' } as const) : undefined);
  if (!principal) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'an operator token (Authorization: Bearer) or a codec session (sign in at /codec/login) is required',
    );
  }
  if (principal.role !== 'operator') {
    throw new ApiError('FORBIDDEN', `a ${principal.role} token may not use the codec: operators only`);
  }
  return principal;
}
