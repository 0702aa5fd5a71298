import { Context } from '@temporalio/activity';
import type { FailureListener } from './failures';

/**
 * The worker's fleet-wide alerts, raised from inside the failing activity: an error log line
 * (through the activity's logger, with the workflow and activity ids) and a counter in the SDK's
 * metrics (exported with the worker's other metrics when its Prometheus endpoint is on). No
 * personal data: the request's method and resource path, the HTTP status.
 */
export const workerAlerts: FailureListener = {
  directoryUnauthorized(error) {
    let context: Context;
    try {
      context = Context.current();
    } catch {
      return; // not inside an activity (a unit test calling the function directly)
    }
    context.log.error('ALERT the directory refused Tenure’s credentials: check WORKPLACE_ACCESS_TOKEN', {
      status: error.status,
      method: error.method,
      path: error.path,
    });
    context.metricMeter
      .createCounter('tenure_directory_unauthorized', 'requests', 'Directory requests refused with 401/403')
      .add(1);
  },
};
