import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../../errors';
import { listEmployees } from '../../lifecycle/list-employees';
import { principalOfRequest } from '../../plugins/auth';
import { errorResponses } from '../../schemas/errors';
import { listQuerySchema } from '../../schemas/list';
import { listResponse } from '../../schemas/status';
import { employeeDocs } from './shared';

/** `GET /v1/employees`: list and filter through Temporal visibility, a page at a time. */
export const listEmployeesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/employees',
    {
      config: { roles: ['hr', 'operator', 'manager'] },
      schema: {
        ...employeeDocs,
        summary: 'List employees',
        description:
          'Filters combine with AND. Date ranges are half-open: from ≤ x < before. Visibility is eventually ' +
          'consistent: a change shows within a moment. A manager sees their direct reports only. Each run is ' +
          'listed: an employee started again after their lifecycle ended appears with both runs.',
        querystring: listQuerySchema,
        response: { 200: listResponse, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const principal = principalOfRequest(request);
      if (principal.role === 'manager') {
        if (filters.manager !== undefined && filters.manager !== principal.employeeId) {
          throw new ApiError('FORBIDDEN', `a manager may list their own direct reports only`);
        }
        if (filters.reason !== undefined) throw new ApiError('FORBIDDEN', 'a manager may not filter by reason');
        filters.manager = principal.employeeId;
      }
      const { temporal, cursors } = app.lifecycle;
      const page = await listEmployees(temporal, cursors, filters, { limit, ...(cursor ? { cursor } : {}) });
      if (principal.role !== 'manager') return page;
      // Managers see flags, not reasons.
      return { ...page, items: page.items.map(({ needsAttentionReason: _r, ...item }) => item) };
    },
  );
};
