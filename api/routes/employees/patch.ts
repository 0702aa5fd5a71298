import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changeLeaveUpdate,
  changeProfileUpdate,
  type EmployeeStatus,
  type LeaveChange,
} from '../../../workflows/definitions';
import { ApiError } from '../../errors';
import { requireEmployee } from '../../lifecycle/describe';
import { fullStatus, readStatus } from '../../lifecycle/read-status';
import { sendUpdate } from '../../lifecycle/send-update';
import { employeeChangeSchema, leaveProblems, profileChangeOf, type EmployeeChange } from '../../schemas/employee';
import { errorResponses } from '../../schemas/errors';
import { statusResponse } from '../../schemas/status';
import { employeeDocs, params } from './shared';

/** The leave change a PATCH asks for, if any: a date, an instant, or `null` to remove it. */
function leaveChangeOf(change: EmployeeChange): LeaveChange | undefined {
  if (change.leaveDate === undefined && change.leaveAt === undefined) return undefined;
  const note = change.note ? { note: change.note } : {};
  if (typeof change.leaveDate === 'string') return { effective: 'date', leaveDate: change.leaveDate, ...note };
  if (typeof change.leaveAt === 'string') return { effective: 'at', leaveAt: change.leaveAt, ...note };
  return { effective: 'none', ...note };
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
          'that order. The lifecycle validates each: a rejection is a 422 with its reason.',
        params,
        body: employeeChangeSchema,
        response: { 200: statusResponse, ...errorResponses(400, 401, 403, 404, 413, 422, 503) },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      const { temporal } = app.lifecycle;
      const profile = profileChangeOf(request.body);
      const leave = leaveChangeOf(request.body);
      if (leave && !request.body.leaveBeforeStart && leave.effective !== 'none') {
        // The start date lives in the workflow: read it to refuse a leave before it.
        const current = fullStatus(await readStatus(temporal, await requireEmployee(temporal, employeeId)));
        const problems = current ? leaveProblems(request.body, current.employee) : [];
        if (problems.length > 0) {
          throw new ApiError(
            'VALIDATION_FAILED',
            'the request is invalid',
            problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
          );
        }
      }
      let status: EmployeeStatus | undefined;
      if (Object.keys(profile).length > 0)
        status = await sendUpdate(temporal, employeeId, changeProfileUpdate, profile);
      if (leave) {
        try {
          status = await sendUpdate(temporal, employeeId, changeLeaveUpdate, leave);
        } catch (error) {
          if (status && error instanceof ApiError && error.status === 422) {
            throw new ApiError(
              'REQUEST_REJECTED',
              `the profile change was applied; the leave change was not: ${error.message}`,
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
