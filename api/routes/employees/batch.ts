import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../errors';
import type { Actor } from '../../../workflows/contract';
import { refuseProtectedRecord } from '../../lifecycle/protected-accounts';
import { dryRunBatch } from '../../lifecycle/dry-run-batch';
import { contextOf } from '../../lifecycle/request-context';
import type { RequestDigests } from '../../lifecycle/request-hash';
import { admitJoiner } from '../../lifecycle/start-joiner';
import { TemporalCalls } from '../../lifecycle/temporal-calls';
import { apiErrorOf } from '../../plugins/errors';
import { batchResponse, batchSchema, type BatchItemResult } from '../../schemas/batch';
import { joinerSchema, recordOf } from '../../schemas/employee';
import { dryRunBatchResponse, dryRunQuerySchema, isDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { detailsOf } from '../../validation';
import { employeeDocs } from './shared';

/** Why a batch stopped starting items before the end of its list. */
type StopReason = 'deadline' | 'unavailable' | 'disconnected';

const NOT_STARTED: Record<StopReason, string> = {
  deadline: "not started: the batch's deadline passed; send it again",
  unavailable: 'not started: Temporal was unavailable for an earlier item; send it again',
  disconnected: 'not started: the client disconnected',
};

/**
 * The batch's Temporal calls: the app's own (so that they count as in flight), each under the
 * usual deadline but cut short at the batch's, so that the answer comes at the deadline however
 * slow Temporal is.
 */
class BatchCalls extends TemporalCalls {
  constructor(
    private readonly base: TemporalCalls,
    private readonly callMs: number,
    readonly deadline: number,
  ) {
    super(base.client, callMs);
  }

  override call<T>(
    operation: string,
    fn: (client: Client) => Promise<T>,
    options: { timeoutMs?: number; employeeId?: string } = {},
  ): Promise<T> {
    const remaining = Math.max(1, this.deadline - Date.now());
    return this.base.call(operation, fn, {
      ...options,
      timeoutMs: Math.min(options.timeoutMs ?? this.callMs, remaining),
    });
  }
}

const errorOf = (error: ApiError) => ({ code: error.code, message: error.message, details: error.details });

/** The employee id an item claims, for its result line, even when the item is invalid. */
function claimedEmployeeId(item: unknown): { employeeId?: string } {
  const employeeId = (item as { employeeId?: unknown } | null)?.employeeId;
  return typeof employeeId === 'string' ? { employeeId } : {};
}

/** Who admits the items: the principal asking, and the digests that recognise a request again. */
interface Who {
  by: Actor;
  digests: RequestDigests;
  /** the batch request's id: each item's timeline names it */
  requestId: string;
  /** GUARD_PROTECTED: a joiner whose record would end a protected account is refused */
  protectedAccounts: readonly string[];
}

/** Validates and starts one item: every outcome, failures included, becomes its result. */
async function admitItem(
  temporal: BatchCalls,
  log: FastifyBaseLogger,
  who: Who,
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
    const { protectedAccounts, ...admit } = who;
    refuseProtectedRecord(protectedAccounts, recordOf(parsed.data));
    const { outcome } = await admitJoiner(temporal, recordOf(parsed.data), { withStatus: false, ...admit });
    return { index, employeeId, status: outcome === 'created' ? 201 : 200 };
  } catch (error) {
    let known = apiErrorOf(error, employeeId);
    if (!known) log.error({ err: error, index }, 'batch item failed');
    if (known?.code === 'TEMPORAL_UNAVAILABLE' && Date.now() >= temporal.deadline) {
      // Cut short by the batch's deadline, not by Temporal: the start may have reached it.
      known = new ApiError(
        'BATCH_DEADLINE_EXCEEDED',
        "the batch's deadline passed while this item was being started; it may have started: send it again",
      );
    }
    const reported = known ?? new ApiError('INTERNAL', 'internal error; quote the request id when reporting it');
    return { index, employeeId, status: reported.status, error: errorOf(reported) };
  }
}

/** Becomes true when the client is gone: its connection closed before the answer was written. */
function watchDisconnect(reply: FastifyReply): { readonly gone: boolean } {
  const state = { gone: false };
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) state.gone = true;
  });
  return state;
}

/**
 * Starts items `concurrency` at a time, in order, until the list ends or a reason to stop comes
 * (the deadline, Temporal unavailable, the client gone); what was not started is answered as such.
 */
async function runBatch(
  items: readonly unknown[],
  concurrency: number,
  temporal: BatchCalls,
  client: { readonly gone: boolean },
  log: FastifyBaseLogger,
  who: Who,
): Promise<BatchItemResult[]> {
  const results = new Array<BatchItemResult | undefined>(items.length);
  let stopped: StopReason | undefined;
  const stopReason = (): StopReason | undefined => {
    if (!stopped && client.gone) stopped = 'disconnected';
    if (!stopped && Date.now() >= temporal.deadline) stopped = 'deadline';
    return stopped;
  };
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopReason()) {
      const index = next++;
      const result = await admitItem(temporal, log, who, items[index], index);
      results[index] = result;
      if (result.error?.code === 'TEMPORAL_UNAVAILABLE') stopped ??= 'unavailable';
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (stopped) {
    log.warn({ reason: stopped, started: next, items: items.length }, 'batch stopped before its end');
    const error = new ApiError('NOT_STARTED', NOT_STARTED[stopped]);
    // A plain loop: the items never started are holes in the array, which forEach skips.
    for (let index = 0; index < items.length; index++) {
      results[index] ??= { index, ...claimedEmployeeId(items[index]), status: 503, error: errorOf(error) };
    }
  }
  return results as BatchItemResult[];
}

/** `POST /v1/employees/batch`: up to 1,000 joiners; each item answered on its own, by the batch's deadline. */
export const batchEmployeesRoute: FastifyPluginAsyncZod = async (app) => {
  const { batchDeadlineMs, batchConcurrency, temporalTimeoutMs } = app.apiConfig;
  app.post(
    '/employees/batch',
    {
      // The batch answers at its own deadline; the request's deadline only backs that up.
      config: { roles: ['hr'], timeoutMs: batchDeadlineMs + temporalTimeoutMs },
      bodyLimit: app.apiConfig.batchBodyLimit,
      schema: {
        ...employeeDocs,
        summary: 'Start up to 1,000 joiners',
        description:
          'For nightly HR feeds and acquisitions. Every item is validated and started on its own, with the ' +
          'same idempotency as POST /v1/employees: one bad item does not fail the others. Answers 200 with ' +
          'a result per item (201 started, 200 already there, 409 conflict or a leave of a protected account, 400 invalid, ' +
          '503 Temporal unavailable). ' +
          'The batch stops starting items at its deadline (API_BATCH_DEADLINE_MS), when Temporal is unavailable or ' +
          'when the client disconnects: those items answer 503 NOT_STARTED (an item cut short by the deadline, ' +
          '503 BATCH_DEADLINE_EXCEEDED); send them again — items already started answer 200. With ?dryRun=true ' +
          'nothing is started: each item says what it would do (new with its plan, unchanged, conflicting, ' +
          'invalid) and the summary counts the destructive actions and their peak per hour.',
        querystring: dryRunQuerySchema,
        body: batchSchema,
        response: {
          200: z.union([batchResponse, dryRunBatchResponse]).meta({
            description: 'A result per item; with ?dryRun=true, what each item would do',
            examples: [
              ...((batchResponse.meta()?.examples as unknown[] | undefined) ?? []),
              ...((dryRunBatchResponse.meta()?.examples as unknown[] | undefined) ?? []),
            ],
          }),
          ...errorResponses(400, 401, 403, 413),
        },
      },
    },
    async (request, reply) => {
      const client = watchDisconnect(reply);
      const temporal = new BatchCalls(app.lifecycle.temporal, temporalTimeoutMs, Date.now() + batchDeadlineMs);
      const by = contextOf(request).actor;
      const protectedAccounts = app.apiConfig.guard.protectedAccounts;
      if (isDryRun(request.query)) {
        const { policy, guard } = app.apiConfig;
        const counts = await app.store.guardPermits.counts(Date.now());
        const brake = { perHour: guard.maxPerHour, lastHour: counts?.hour ?? 0, held: counts?.held ?? 0 };
        return dryRunBatch(temporal, request.body.employees, {
          concurrency: batchConcurrency,
          policy,
          protectedAccounts,
          by,
          digests: app.lifecycle.digests,
          brake,
        });
      }
      const results = await runBatch(request.body.employees, batchConcurrency, temporal, client, request.log, {
        by,
        digests: app.lifecycle.digests,
        requestId: request.id,
        protectedAccounts,
      });
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
