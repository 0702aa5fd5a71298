import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors';
import { errorResponses } from '../../schemas/errors';
import { reconciliationRunSchema } from '../../schemas/reconciliation';

/** `GET /v1/reports/reconciliation`: the latest run of the directory reconciler and what it found. */
export const reconciliationReportRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/reconciliation',
    {
      config: { roles: ['operator', 'hr'] },
      schema: {
        tags: ['evidence'],
        security: [{ bearerAuth: [] }],
        summary: 'Latest directory reconciliation',
        description:
          'The last run of the reconciler (a Temporal Schedule, RECONCILE_CRON): accounts no employee owns, leavers ' +
          'whose account was active again (deactivated again at once, with a ledger row), active employees without ' +
          'an account, attribute drift. Ids only. 404 before the first run.',
        response: { 200: reconciliationRunSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async () => {
      const run = await app.store.reconciliations.latest();
      if (!run) throw new ApiError('NOT_FOUND', 'no reconciliation has run yet (see RECONCILE_CRON)');
      return run;
    },
  );
};
