import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors';
import type { Actor } from '../../../workflows/contract';
import { contextOf } from '../../lifecycle/request-context';
import { mapBounded } from '../../lifecycle/map-bounded';
import { admitJoiner } from '../../lifecycle/start-joiner';
import type { TemporalCalls } from '../../lifecycle/temporal-calls';
import { apiErrorOf } from '../../plugins/errors';
import { batchResponse, batchSchema, type BatchItemResult } from '../../schemas/batch';
import { joinerSchema, recordOf } from '../../schemas/employee';
import { errorResponses } from '../../schemas/errors';
import { detailsOf } from '../../validation';
import { employeeDocs } from './shared';

const errorOf = (error: ApiError) => ({ code: error.code, message: error.message, details: error.details });

/** The employee id an item claims, for its result line, even when the item is invalid. */
function claimedEmployeeId(item: unknown): { employeeId?: string } {
  const employeeId = (item as { employeeId?: unknown } | null)?.employeeId;
  return typeof employeeId === 'string' ? { employeeId } : {};
}

/** Validates and starts one item: every outcome, failures included, becomes its result. */
async function admitItem(
  temporal: TemporalCalls,
  log: FastifyBaseLogger,
  by: Actor,
  item: unknown,
  index: number,
): Promise<BatchItemResult> {
  const parsed = joinerSchema.safeParse(item);
  if (!parsed.success) {
    const details = detailsOf(parsed.error.issues, `body.employees[${index}]`);
    const error = new ApiError('VALIDATION_FAILED', `employees[${index}] is invalid`, details);
    return { index, ...claimedEmployeeId(item), status: 400, error: errorOf(error) };
  }
  const { employeeId } = parsed.data;
  try {
    const { outcome } = await admitJoiner(temporal, recordOf(parsed.data), { withStatus: false, by });
    return { index, employeeId, status: outcome === 'created' ? 201 : 200 };
  } catch (error) {
    const known = apiErrorOf(error, employeeId);
    if (!known) log.error({ err: error, index }, 'batch item failed');
    const reported = known ?? new ApiError('INTERNAL', 'internal error; quote the request id when reporting it');
    return { index, employeeId, status: reported.status, error: errorOf(reported) };
  }
}

/** `POST /v1/employees/batch`: up to 1,000 joiners; each item answered on its own. */
export const batchEmployeesRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees/batch',
    {
      config: { roles: ['hr'] },
      bodyLimit: app.apiConfig.batchBodyLimit,
      schema: {
        ...employeeDocs,
        summary: 'Start up to 1,000 joiners',
        description:
          'For nightly HR feeds and acquisitions. Every item is validated and started on its own, with the ' +
          'same idempotency as POST /v1/employees: one bad item does not fail the others. Answers 200 with ' +
          'a result per item (201 started, 200 already there, 409 conflict, 400 invalid, 503 Temporal unavailable).',
        body: batchSchema,
        response: { 200: batchResponse, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const by = contextOf(request).actor;
      const results = await mapBounded(request.body.employees, app.apiConfig.batchConcurrency, (item, index) =>
        admitItem(app.lifecycle.temporal, request.log, by, item, index),
      );
      const count = (test: (status: number) => boolean) => results.filter((r) => test(r.status)).length;
      return {
        summary: {
          created: count((s) => s === 201),
          existing: count((s) => s === 200),
          conflicts: count((s) => s === 409),
          invalid: count((s) => s === 400),
          failed: count((s) => s >= 500 || s === 422),
        },
        results,
      };
    },
  );
};
