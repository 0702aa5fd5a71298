import { Context } from '@temporalio/activity';
import type { FailureListener } from './failures';

/** The running activity's context; undefined outside an activity (a unit test calling a function directly). */
export function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * The worker's fleet-wide alerts, raised from inside the failing activity: an error log line
 * (through the activity's logger, with the workflow and activity ids) and a counter in the SDK's
 * metrics (exported with the worker's other metrics when its Prometheus endpoint is on). No
 * personal data: the request's method and resource path, the HTTP status.
 */
export const workerAlerts: FailureListener = {
  directoryUnauthorized(error) {
    const context = activityContext();
    if (!context) return;
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
