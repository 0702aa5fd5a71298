import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulkRetry, MAX_BULK_RETRY } from '../../lifecycle/bulk-retry';
import { contextOf } from '../../lifecycle/request-context';
import { errorResponses } from '../../schemas/errors';
import { listQuerySchema } from '../../schemas/list';
import { stageSchema } from '../../schemas/status';
import { noteSchema } from '../../schemas/fields';
import { employeeDocs, idempotencyHeaders } from './shared';

const bodySchema = z
  .strictObject({
    reason: listQuerySchema.shape.reason,
    department: listQuerySchema.shape.department,
    stage: z.array(stageSchema).min(1).optional().meta({ description: 'Only employees in these stages' }),
    note: noteSchema.optional(),
  })
  .meta({ examples: [{ reason: 'directory-unauthorized', note: 'SCIM token rotated' }] });

const responseSchema = z
  .object({
    summary: z.object({
      matched: z.number().int(),
      retried: z.number().int(),
      refused: z.number().int(),
      failed: z.number().int(),
    }),
    more: z.boolean().meta({ description: `More than ${MAX_BULK_RETRY} matched: call again for the rest` }),
    results: z.array(
      z.object({
        employeeId: z.string(),
        status: z.number().int(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
  })
  .meta({
    examples: [
      {
        summary: { matched: 2, retried: 2, refused: 0, failed: 0 },
        more: false,
        results: [
          { employeeId: 'E1001', status: 200 },
          { employeeId: 'E1002', status: 200 },
        ],
      },
    ],
  });

/** `POST /v1/employees/retry`: retry every employee that needs attention and matches a filter. */
export const bulkRetryRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees/retry',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Retry many employees after a fix',
        description:
          'After the cause of many failures was fixed (a rotated directory token: reason directory-unauthorized), ' +
          `retries every running employee that needs attention and matches the filter, up to ${MAX_BULK_RETRY} per ` +
          'call, each answered on its own (200 retried, 422 nothing to retry any more).',
        headers: idempotencyHeaders,
        body: bodySchema,
        response: { 200: responseSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { temporal, cursors } = app.lifecycle;
      const outcome = await bulkRetry(
        temporal,
        cursors,
        request.body,
        contextOf(request),
        app.apiConfig.batchConcurrency,
      );
      const count = (test: (s: number) => boolean) => outcome.results.filter((r) => test(r.status)).length;
      return {
        summary: {
          matched: outcome.matched,
          retried: count((s) => s === 200),
          refused: count((s) => s >= 400 && s < 500),
          failed: count((s) => s >= 500),
        },
        more: outcome.more,
        results: outcome.results,
      };
    },
  );
};
