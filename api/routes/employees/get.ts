import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireEmployee } from '../../lifecycle/describe';
import { managerViewOf } from '../../../workflows/contract';
import { fullStatus, readStatus } from '../../lifecycle/read-status';
import { authorizeEmployee, principalOfRequest } from '../../plugins/auth';
import { errorResponses } from '../../schemas/errors';
import { viewResponse } from '../../schemas/status';
import { employeeDocs, params } from './shared';

/** `GET /v1/employees/{employeeId}`: the status, for running and ended lifecycles alike. */
export const getEmployeeRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/employees/:employeeId',
    {
      config: { roles: ['hr', 'operator', 'manager'] },
      schema: {
        ...employeeDocs,
        summary: "An employee's status",
        description:
          'Stage, account, schedule of next actions, timeline and last error. A manager may read their direct ' +
          'reports only, and gets the manager’s view: stage, dates, flags and the next action.',
        params,
        response: { 200: viewResponse, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      const { employeeId } = request.params;
      const { temporal } = app.lifecycle;
      const described =
        (await authorizeEmployee(app, request, employeeId)) ?? (await requireEmployee(temporal, employeeId));
      const view = await readStatus(temporal, described);
      const status = fullStatus(view);
      if (principalOfRequest(request).role !== 'manager') return view;
      // A manager sees the manager's view; a summary (an ended or degraded read) loses its reason too.
      if (status) return { ...managerViewOf(status), ...('run' in view && view.run ? { run: view.run } : {}) };
      if ('needsAttentionReason' in view) {
        const { needsAttentionReason: _r, ...summary } = view;
        return summary;
      }
      return view;
    },
  );
};
