import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document generated from the routes' zod schemas, at `/openapi.json`, and Swagger UI at `/docs`. */
export const openApi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Tenure API',
          version: '1.0.0',
          description:
            'Drives employee-account lifecycles on Temporal: joiners, movers, leavers, legal holds and ' +
            'manual deletions. Temporal holds the state; the API holds none.',
        },
        tags: [
          { name: 'employees', description: 'Employee lifecycles' },
          { name: 'operations', description: 'Health, readiness and metrics (no token needed)' },
          { name: 'codec', description: "The Temporal UI's codec server: decrypts payloads for operators" },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'A token of API_TOKENS: hr, operator or manager (bound to an employee id)',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'tenure-openapi' },
);
