import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rehire } from '../../lifecycle/rehire';
import { contextOf } from '../../lifecycle/request-context';
import { errorResponses } from '../../schemas/errors';
import { rehireSchema } from '../../schemas/requests';
import { acceptedViewSchema, viewResponse } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders, params } from './shared';

/** `POST /v1/employees/{employeeId}/rehire`: same account after a leave, or a new run after the lifecycle ended. */
export const rehireRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees/:employeeId/rehire',
    {
      config: { roles: ['hr'] },
      schema: {
        ...employeeDocs,
        summary: 'Rehire',
        description:
          'A Deactivated or AwaitingManualDeletion employee is rehired on the same account (200). After the ' +
          'lifecycle ended (Deleted, Withdrawn) a new run starts with the last known record merged with the request (201).',
        params,
        headers: idempotencyHeaders,
        body: rehireSchema,
        response: {
          200: viewResponse.meta({ description: 'Rehired on the running lifecycle' }),
          201: z.union([acceptedViewSchema, viewResponse]).meta({
            description: 'A new run started: the record and the first stage',
            examples: acceptedViewSchema.meta()?.examples,
          }),
          ...errorResponses(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { employeeId } = request.params;
      const { created, view } = await rehire(app.lifecycle.temporal, employeeId, request.body, contextOf(request));
      return reply.code(created ? 201 : 200).send(view);
    },
  );
};
