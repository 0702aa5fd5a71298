import { activityContext } from './alerts';

/**
 * Counts directory requests tried in a workflow task, by outcome: `done` there, `busy` (no free turn
 * within the rate limit: handed to the task queue) or `failed` (handed to the task queue, which
 * retries it). A high busy share means the directory's limit, not Temporal, sets the pace.
 */
export function countInTask(activity: string, outcome: 'done' | 'busy' | 'failed'): void {
  activityContext()
    ?.metricMeter.createCounter(
      'tenure_directory_in_task',
      'requests',
      'Directory requests tried inside a workflow task, by activity and outcome',
    )
    .withTags({ activity, outcome })
    .add(1);
}
