import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeLeaveUpdate, type LeaveChange } from '../../../workflows/contract';
import { refuseProtectedEmployee } from '../../lifecycle/protected-accounts';
import { dryRunUpdate } from '../../lifecycle/dry-run';
import { contextOf, requested, viewFor } from '../../lifecycle/request-context';
import { sendUpdate } from '../../lifecycle/send-update';
import { authorizeEmployee } from '../../plugins/auth';
import { dryRunQuerySchema, isDryRun, orDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { earlyLeaveSchema, optionalBody } from '../../schemas/requests';
import { statusResponse } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders, params } from './shared';

/** `POST /v1/employees/{employeeId}/leave`: a manager's (or HR's) early leave. */
export const earlyLeaveRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/employees/:employeeId/leave',
    {
      config: { roles: ['hr', 'manager'] },
      schema: {
        ...employeeDocs,
        summary: 'Early leave',
        description:
          'Deactivate earlier than planned: now (no leaveAt/leaveDate), at an instant, or at the end of a date. ' +
          'A manager may do this for their direct reports only, and only bring a leave forward: now, or an ' +
          'instant between now and the current leave (422 otherwise); a manager gets the manager’s view back. ' +
          'With ?dryRun=true nothing is changed: 200 with what the lifecycle would do.',
        params,
        headers: idempotencyHeaders,
        querystring: dryRunQuerySchema,
        body: optionalBody(earlyLeaveSchema, [
          { leaveDate: '2026-09-30', note: 'Resigned; last day agreed with the manager' },
        ]),
        response: {
          200: orDryRun(statusResponse, 'The status after the leave'),
          ...errorResponses(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      await authorizeEmployee(app, request, employeeId);
      await refuseProtectedEmployee(app.lifecycle.temporal, app.apiConfig.guard.protectedAccounts, employeeId);
      const context = contextOf(request);
      const body = request.body ?? {};
      // An early leave may come before the start date (the new hire's first day never comes).
      const base = {
        reason: 'early-leave' as const,
        leaveBeforeStart: true,
        ...(body.note ? { note: body.note } : {}),
      };
      const change: LeaveChange = body.leaveAt
        ? { effective: 'at', leaveAt: body.leaveAt, ...base }
        : body.leaveDate
          ? { effective: 'date', leaveDate: body.leaveDate, ...base }
          : { effective: 'now', ...base };
      if (isDryRun(request.query)) {
        return dryRunUpdate(app.lifecycle.temporal, employeeId, [
          { update: 'changeLeave', request: { ...change, ...requested(context) } },
        ]);
      }
      return viewFor(context, await sendUpdate(app.lifecycle.temporal, employeeId, changeLeaveUpdate, change, context));
    },
  );
};
