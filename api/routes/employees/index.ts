import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { batchEmployeesRoute } from './batch';
import { bulkRetryRoute } from './bulk-retry';
import { createEmployeeRoute } from './create';
import { earlyLeaveRoute } from './leave';
import { getEmployeeRoute } from './get';
import { listEmployeesRoute } from './list';
import { patchEmployeeRoute } from './patch';
import { rehireRoute } from './rehire';
import { lifecycleRequestRoutes } from './requests';

/** Every `/employees` route (registered under `/v1`, behind the auth hook). */
export const employeeRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(createEmployeeRoute);
  await app.register(batchEmployeesRoute);
  await app.register(bulkRetryRoute);
  await app.register(listEmployeesRoute);
  await app.register(getEmployeeRoute);
  await app.register(patchEmployeeRoute);
  await app.register(earlyLeaveRoute);
  await app.register(rehireRoute);
  await app.register(lifecycleRequestRoutes);
};
