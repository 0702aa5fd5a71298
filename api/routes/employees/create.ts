import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refuseProtectedRecord } from '../../lifecycle/protected-accounts';
import { dryRunJoiner } from '../../lifecycle/dry-run';
import { contextOf } from '../../lifecycle/request-context';
import { admitJoiner } from '../../lifecycle/start-joiner';
import { joinerSchema, recordOf } from '../../schemas/employee';
import { dryRunQuerySchema, isDryRun, orDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { acceptedViewSchema, viewResponse } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders } from './shared';

/** `POST /v1/employees`: start a joiner's lifecycle; idempotent by employee id. */
export const createEmployeeRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees',
    {
      config: { roles: ['hr'] },
      schema: {
        ...employeeDocs,
        summary: 'Start a joiner',
        description:
          'Starts the lifecycle of one employee. Idempotent: the same request again answers 200 with the ' +
          'employee; another record for a running employee is a 409 (change it with PATCH). After the ' +
          'lifecycle ended (Deleted, Withdrawn) a different record starts a new run under the same id. ' +
          'With ?dryRun=true nothing is started: 200 with the planned timeline (outcome new or unchanged).',
        headers: idempotencyHeaders,
        querystring: dryRunQuerySchema,
        body: joinerSchema,
        response: {
          201: z.union([acceptedViewSchema, viewResponse]).meta({
            description: 'Started: the record and the first stage (GET follows the lifecycle)',
            examples: acceptedViewSchema.meta()?.examples,
          }),
          200: orDryRun(viewResponse, 'Already started with this request: its status'),
          ...errorResponses(400, 401, 403, 409, 413, 503),
        },
      },
    },
    async (request, reply) => {
      refuseProtectedRecord(app.apiConfig.guard.protectedAccounts, recordOf(request.body));
      if (isDryRun(request.query)) {
        const by = contextOf(request).actor;
        return dryRunJoiner(
          app.lifecycle.temporal,
          recordOf(request.body),
          app.apiConfig.policy,
          by,
          app.lifecycle.digests,
        );
      }
      const outcome = await admitJoiner(app.lifecycle.temporal, recordOf(request.body), {
        withStatus: true,
        by: contextOf(request).actor,
        digests: app.lifecycle.digests,
        requestId: request.id,
      });
      if (!outcome.view) throw new Error('admitJoiner answered no status');
      if (outcome.outcome === 'created') reply.header('location', `/v1/employees/${request.body.employeeId}`);
      return reply.code(outcome.outcome === 'created' ? 201 : 200).send(outcome.view);
    },
  );
};
