import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { principalLabel } from './api-tokens';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One log line per change request, answered or refused: who (`role:name`, the token's name, or
 * none), which route pattern, the status — and, through the request's logger, the request id. No
 * body, no URL (the pattern names the operation without personal data).
 */
export const auditLog = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', async (request, reply) => {
      if (!CHANGES.has(request.method)) return;
      request.log.info(
        {
          principal: request.principal ? principalLabel(request.principal) : null,
          method: request.method,
          route: request.routeOptions.url,
          statusCode: reply.statusCode,
        },
        'change request',
      );
    });
  },
  { name: 'tenure-audit-log', dependencies: ['tenure-auth'] },
);
