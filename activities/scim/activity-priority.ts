import { Context } from '@temporalio/activity';
import { DEFAULT_PRIORITY_KEY } from './pacer';

/**
 * The priority key of the activity this request is made for (what the workflow asked of the task
 * queue: workflows/lifecycle/activities.ts); the default outside an activity or when none was set.
 */
export function activityPriorityKey(): number {
  try {
    return Context.current().info.priority?.priorityKey ?? DEFAULT_PRIORITY_KEY;
  } catch {
    // Not in an activity (a script's or a test's client).
    return DEFAULT_PRIORITY_KEY;
  }
}
