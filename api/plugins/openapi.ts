import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../schemas/errors';

/** Marks, between the per-route transform and the document's, an operation whose body may be left out. */
const BODY_OPTIONAL = 'x-tenure-body-optional';

type Transform = typeof jsonSchemaTransform;

/**
 * The routes' zod schemas as OpenAPI, plus what the routes' declarations do not say: every
 * authenticated operation may answer 429 (the per-token rate limit), and an operation whose body
 * schema accepts an absent body (Fastify validates that as `null`) gets `requestBody.required:
 * false` — @fastify/swagger marks every body required.
 */
const transform: Transform = (input) => {
  const { schema } = input;
  const secured = Boolean(schema?.security);
  const documented = secured ? { ...schema, response: { ...(schema.response ?? {}), ...errorResponses(429) } } : schema;
  const out = jsonSchemaTransform({ ...input, schema: documented });
  const body = schema?.body;
  if (body instanceof z.ZodType && body.safeParse(null).success) {
    return { ...out, schema: { ...out.schema, [BODY_OPTIONAL]: true } };
  }
  return out;
};

/** Turns the per-route marks into `requestBody.required: false`, and drops them. */
const markOptionalBodies: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  const { openapiObject } = document;
  const paths = (openapiObject.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (!operation[BODY_OPTIONAL]) continue;
      delete operation[BODY_OPTIONAL];
      const requestBody = operation.requestBody as { required?: boolean } | undefined;
      if (requestBody) requestBody.required = false;
    }
  }
  return openapiObject;
};

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
          { name: 'guard', description: 'The blast-radius brake: held destructive actions and operators’ decisions' },
          { name: 'operations', description: 'Health, readiness and metrics (no token needed)' },
          { name: 'codec', description: "The Temporal UI's codec server: decrypts payloads for operators" },
          { name: 'evidence', description: 'The audit ledger and the reports auditors ask for' },
          { name: 'imports', description: 'HR exports (CSV, JSON lines) diffed and applied as API requests' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description:
                'A token of API_TOKENS: hr, operator or manager (bound to an employee id), each with a name that logs record',
            },
          },
        },
      },
      transform,
      transformObject: markOptionalBodies,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'tenure-openapi' },
);
