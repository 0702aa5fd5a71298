import { Context } from '@temporalio/activity';
import { DEFAULT_PRIORITY_KEY } from './pacer';

/**
 * The priority key of the activity this request is made for (what the workflow asked of the task
 * queue: workflows/lifecycle/activities.ts); the default outside an activity or when none was set.
 */
export function activityPriorityKey(): number {
  try {
    // 0 is Temporal's "unset" (an activity scheduled without a key): the default, not the first.
    const key = Context.current().info.priority?.priorityKey;
    return key !== undefined && key > 0 ? key : DEFAULT_PRIORITY_KEY;
  } catch {
    // Not in an activity (a script's or a test's client).
    return DEFAULT_PRIORITY_KEY;
  }
}
