import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TenureStore } from '../../../store';
import { employeeWorkflowId, guardDecisionSignal } from '../../../workflows/contract';
import { mapBounded } from '../../lifecycle/map-bounded';
import { contextOf } from '../../lifecycle/request-context';
import { principalLabel } from '../../plugins/api-tokens';
import { principalOfRequest } from '../../plugins/auth';
import { errorResponses } from '../../schemas/errors';
import { guardDecisionBodySchema, guardDecisionResponse, guardViewSchema } from '../../schemas/guard';

const docs = { tags: ['guard'] };
/** Lifecycles signalled at once after a decision. */
const SIGNAL_CONCURRENCY = 8;

/**
 * `GET /v1/guard` and `POST /v1/guard`: the blast-radius brake's queue and the operators' decisions.
 * The decision is recorded in the Tenure store first (with its principal), then each decided
 * lifecycle is signalled to ask the guard again; a lifecycle the signal misses asks on its own
 * within the hour, and reads the same decision.
 */
export const guardRoutes: FastifyPluginAsyncZod<{ store: TenureStore }> = async (app, { store }) => {
  const { temporal } = app.lifecycle;
  const { maxPerHour, maxShare } = app.apiConfig.guard;

  app.get(
    '/guard',
    {
      config: { roles: ['operator', 'hr'] },
      schema: {
        ...docs,
        summary: 'The guard’s queue',
        description:
          'Whether the brake is engaged, its limits, the destructive actions counted in the last hour and day, ' +
          'the held actions (oldest first) and the latest decisions.',
        response: { 200: guardViewSchema, ...errorResponses(401, 403) },
      },
    },
    async () => {
      const permits = store.guardPermits;
      const now = Date.now();
      const [counts, held, decisions] = await Promise.all([permits.counts(now), permits.held(), permits.decisions()]);
      return {
        engaged: counts.held > 0,
        limits: { perHour: maxPerHour, share: maxShare },
        counted: { lastHour: counts.hour, lastDay: counts.day },
        held,
        decisions,
      };
    },
  );

  app.post(
    '/guard',
    {
      config: { roles: ['operator'] },
      schema: {
        ...docs,
        summary: 'Release or reject held actions',
        description:
          'Release (the actions go ahead, and count) or reject (the employees go to NeedsAttention with reason ' +
          'guard-rejected; a retry claims again) the held actions named by slot or employee id, or all of them. ' +
          'Recorded with the caller’s principal.',
        body: guardDecisionBodySchema,
        response: { 200: guardDecisionResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body;
      const decision = body.decision === 'release' ? ('released' as const) : ('rejected' as const);
      const permits = store.guardPermits;
      let which: readonly string[] | 'all' = 'all';
      if (body.slots) which = body.slots;
      if (body.employeeIds) {
        const wanted = new Set(body.employeeIds);
        which = (await permits.held(100_000)).filter((p) => wanted.has(p.employeeId)).map((p) => p.slot);
      }
      const principal = principalLabel(principalOfRequest(request));
      const result = await permits.decide(decision, which, principal, Date.now(), body.note);
      const by = contextOf(request).actor;
      const employees = [...new Set(result.permits.map((p) => p.employeeId))];
      const told = await mapBounded(employees, SIGNAL_CONCURRENCY, async (employeeId) => {
        try {
          await temporal.call(
            'signal:guardDecision',
            (client) =>
              client.workflow.getHandle(employeeWorkflowId(employeeId)).signal(guardDecisionSignal, { decision, by }),
            { employeeId },
          );
          return true;
        } catch (error) {
          request.log.warn(
            { err: error, employeeId },
            'a lifecycle was not told of a guard decision; it asks within the hour',
          );
          return false;
        }
      });
      return { decision: result.decision, decided: result.permits, signalled: told.filter(Boolean).length };
    },
  );
};
