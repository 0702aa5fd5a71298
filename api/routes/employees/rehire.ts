import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { rehire } from '../../lifecycle/rehire';
import { dryRunUpdate } from '../../lifecycle/dry-run';
import { contextOf, requested } from '../../lifecycle/request-context';
import { dryRunQuerySchema, isDryRun, orDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { rehireSchema } from '../../schemas/requests';
import { updateResponse } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders, params } from './shared';

/** `POST /v1/employees/{employeeId}/rehire`: the same account again, after a leave and before its deletion. */
export const rehireRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees/:employeeId/rehire',
    {
      config: { roles: ['hr'] },
      schema: {
        ...employeeDocs,
        summary: 'Rehire',
        description:
          'A Deactivated or AwaitingManualDeletion employee is rehired on the same account. After the lifecycle ' +
          'ended (Deleted, Withdrawn) its personal data is erased: the answer is a 422 saying to start the ' +
          'employee again with POST /v1/employees and their full record. With ?dryRun=true nothing is changed: ' +
          '200 with what the lifecycle would do.',
        params,
        headers: idempotencyHeaders,
        querystring: dryRunQuerySchema,
        body: rehireSchema,
        response: {
          200: orDryRun(updateResponse, 'The status after the rehire'),
          ...errorResponses(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (request) => {
      const context = contextOf(request);
      if (isDryRun(request.query)) {
        return dryRunUpdate(app.lifecycle.temporal, request.params.employeeId, [
          { update: 'rehire', request: { ...request.body, ...requested(context) } },
        ]);
      }
      return rehire(app.lifecycle.temporal, request.params.employeeId, request.body, context);
    },
  );
};
