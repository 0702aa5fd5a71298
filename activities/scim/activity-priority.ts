import { Context } from '@temporalio/activity';
import { DEFAULT_PRIORITY_KEY } from './pacer';

/** How this process paces a request: its turn among waiting requests, and whether it may wait for one. */
export interface RequestPacing {
  priorityKey: number;
  /** false inside a local activity: a request tried in the workflow task takes a free turn or none */
  wait: boolean;
}

/**
 * The pacing of the activity this request is made for: the priority key the workflow asked of the
 * task queue (workflows/lifecycle/activities.ts), and no waiting in a local activity — the workflow
 * tries a directory request in its own task first and, when no turn is free, hands it to the task
 * queue, where it waits in priority order. Outside an activity (a script's or a test's client): the
 * default key, waiting.
 */
export function activityPacing(): RequestPacing {
  let info: Context['info'];
  try {
    info = Context.current().info;
  } catch {
    return { priorityKey: DEFAULT_PRIORITY_KEY, wait: true };
  }
  // 0 is Temporal's "unset" (an activity scheduled without a key): the default, not the first.
  const key = info.priority?.priorityKey;
  return { priorityKey: key !== undefined && key > 0 ? key : DEFAULT_PRIORITY_KEY, wait: !info.isLocal };
}
