import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { describeEmployee, type DescribedEmployee } from '../lifecycle/describe';
import { principalOf, type Principal, type Role, type TokenEntry } from './api-tokens';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the roles that may call the route; none given: nobody may (fail closed) */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * Bearer-token authentication and role checks for the routes registered next to it (the `/v1`
 * scope). The token is read first (onRequest), so that the rate limit that follows can count
 * requests per principal; the verdict comes before the body is parsed (preParsing): 401 with
 * `WWW-Authenticate: Bearer` without a known token, 403 for a role the route does not allow, and an
 * unauthenticated caller learns nothing of the schema.
 */
export const auth = fp<{ tokens: readonly TokenEntry[] }>(
  async (app: FastifyInstance, { tokens }) => {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request) => {
      const match = bearerOf(request);
      const principal = match ? principalOf(tokens, match) : undefined;
      if (principal) request.principal = principal;
    });
    app.addHook('preParsing', async (request, reply) => {
      const principal = request.principal;
      if (!principal) {
        reply.header(
          'www-authenticate',
          bearerOf(request) ? 'Bearer realm="tenure", error="invalid_token"' : 'Bearer realm="tenure"',
        );
        throw new ApiError('UNAUTHENTICATED', 'a valid bearer token is required');
      }
      const roles = request.routeOptions.config.roles ?? [];
      if (!roles.includes(principal.role)) {
        throw new ApiError('FORBIDDEN', `a ${principal.role} token may not ${request.method} this resource`);
      }
    });
  },
  { name: 'tenure-auth' },
);

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return (typeof header === 'string' ? BEARER.exec(header) : null)?.[1];
}

/** The request's principal (set by the auth hook on every `/v1` route). */
export function principalOfRequest(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('UNAUTHENTICATED', 'a valid bearer token is required');
  return request.principal;
}

/**
 * Checks that the principal may act on this employee. A manager may only reach their direct
 * reports (the run's `ManagerEmployeeId`); an unknown employee is a 403 for them too, so that a
 * manager cannot probe which employee ids exist. Returns the description when it had to read it.
 */
export async function authorizeEmployee(
  app: FastifyInstance,
  request: FastifyRequest,
  employeeId: string,
): Promise<DescribedEmployee | undefined> {
  const principal = principalOfRequest(request);
  if (principal.role !== 'manager') return undefined;
  const described = await describeEmployee(app.lifecycle.temporal, employeeId);
  if (!described || described.summary.managerEmployeeId !== principal.employeeId) {
    throw new ApiError('FORBIDDEN', `employee ${employeeId} is not a direct report of ${principal.employeeId}`);
  }
  return described;
}
