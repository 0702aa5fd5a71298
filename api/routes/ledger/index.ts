import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../schemas/errors';
import { ledgerVerificationSchema } from '../../schemas/ledger';

/** `GET /v1/ledger/verify`: checks the audit ledger's hash chain and names the first broken link. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ledger/verify',
    {
      config: { roles: ['operator'], timeoutMs: 60_000 },
      schema: {
        tags: ['evidence'],
        security: [{ bearerAuth: [] }],
        summary: 'Verify the audit ledger',
        description:
          'Recomputes the SHA-256 chain of the ledger (one row per lifecycle decision and directory write) and ' +
          'answers the first row that was edited, or the first gap where rows were deleted. A broken ledger is an ' +
          'answer, not an error: 200 with ok false.',
        response: { 200: ledgerVerificationSchema, ...errorResponses(401, 403) },
      },
    },
    async () => app.store.ledger.verify(),
  );
};
