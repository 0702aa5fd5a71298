import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeLeaveUpdate, changeProfileUpdate, type LeaveChange } from '../../../workflows/contract';
import { ApiError } from '../../errors';
import { refuseProtectedEmployee } from '../../lifecycle/protected-accounts';
import { dryRunUpdate } from '../../lifecycle/dry-run';
import { contextOf, requested } from '../../lifecycle/request-context';
import { sendUpdate } from '../../lifecycle/send-update';
import { employeeChangeSchema, profileChangeOf, type EmployeeChange } from '../../schemas/employee';
import { dryRunQuerySchema, isDryRun, orDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { updateResponse, type UpdateAnswer } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders, params } from './shared';

/** The leave change a PATCH asks for, if any: a date, an instant, or `null` to remove it. */
function leaveChangeOf(change: EmployeeChange): LeaveChange | undefined {
  if (change.leaveDate === undefined && change.leaveAt === undefined) return undefined;
  const extra = {
    ...(change.note ? { note: change.note } : {}),
    ...(change.leaveBeforeStart ? { leaveBeforeStart: true } : {}),
  };
  if (typeof change.leaveDate === 'string') return { effective: 'date', leaveDate: change.leaveDate, ...extra };
  if (typeof change.leaveAt === 'string') return { effective: 'at', leaveAt: change.leaveAt, ...extra };
  return { effective: 'none', ...extra };
}

/** `PATCH /v1/employees/{employeeId}`: a mover's profile changes and/or a new leave. */
export const patchEmployeeRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/employees/:employeeId',
    {
      config: { roles: ['hr'] },
      schema: {
        ...employeeDocs,
        summary: 'Change an employee (mover, leave date)',
        description:
          'Profile fields go to changeProfile, leaveDate/leaveAt (null removes the leave) to changeLeave, in ' +
          'that order. The lifecycle validates each: a malformed change is a 400, a refused one a 422 with its ' +
          'reason. A leave before the start date is refused unless leaveBeforeStart is true. With ?dryRun=true ' +
          'nothing is changed: 200 with what the lifecycle would do (validated alike).',
        params,
        headers: idempotencyHeaders,
        querystring: dryRunQuerySchema,
        body: employeeChangeSchema,
        response: {
          200: orDryRun(updateResponse, 'The status after the changes'),
          ...errorResponses(400, 401, 403, 404, 409, 413, 422, 503),
        },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      const { temporal } = app.lifecycle;
      const context = contextOf(request);
      const changes = profileChangeOf(request.body);
      const leave = leaveChangeOf(request.body);
      if (leave && leave.effective !== 'none') {
        await refuseProtectedEmployee(temporal, app.apiConfig.guard.protectedAccounts, employeeId);
      }
      if (isDryRun(request.query)) {
        if (Object.keys(changes).length === 0 && !leave) {
          throw new ApiError('VALIDATION_FAILED', 'give at least one field to change');
        }
        const by = requested(context);
        return dryRunUpdate(temporal, employeeId, [
          ...(Object.keys(changes).length > 0
            ? [{ update: 'changeProfile' as const, request: { changes, ...by } }]
            : []),
          ...(leave ? [{ update: 'changeLeave' as const, request: { ...leave, ...by } }] : []),
        ]);
      }
      let status: UpdateAnswer | undefined;
      if (Object.keys(changes).length > 0) {
        status = await sendUpdate(temporal, employeeId, changeProfileUpdate, { changes }, context);
      }
      if (leave) {
        try {
          status = await sendUpdate(temporal, employeeId, changeLeaveUpdate, leave, context);
        } catch (error) {
          if (status && error instanceof ApiError && (error.status === 422 || error.status === 400)) {
            throw new ApiError(
              error.code,
              `the profile change was applied; the leave change was not: ${error.message}`,
              error.details,
            );
          }
          throw error;
        }
      }
      if (!status) throw new ApiError('VALIDATION_FAILED', 'give at least one field to change');
      return status;
    },
  );
};
