import { Context } from '@temporalio/activity';
import { DEFAULT_PRIORITY_KEY } from './pacer';

/** How this process paces a request: its turn among waiting requests, and whether it may wait for one. */
export interface RequestPacing {
  priorityKey: number;
  /** false for the first request of a local activity: a try in the workflow task takes a free turn or none */
  wait: boolean;
  /** to call when the request is sent: the try's later requests then wait their turn */
  sent(): void;
}

// Local activities that sent a request: from then on the try is under way, and its next requests
// (an invite's read after a 204, say) wait their turn rather than abandon a write half done.
const sending = new WeakSet<Context>();

/**
 * The pacing of the activity this request is made for: the priority key the workflow asked of the
 * task queue (workflows/lifecycle/activities.ts), and no waiting for the first request of a local
 * activity — the workflow tries a directory request in its own task first and, when no turn is
 * free, hands it to the task queue, where it waits in priority order. Outside an activity (a
 * script's or a test's client): the default key, waiting.
 */
export function activityPacing(): RequestPacing {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return { priorityKey: DEFAULT_PRIORITY_KEY, wait: true, sent: () => undefined };
  }
  const { info } = context;
  // 0 is Temporal's "unset" (an activity scheduled without a key): the default, not the first.
  const key = info.priority?.priorityKey;
  return {
    priorityKey: key !== undefined && key > 0 ? key : DEFAULT_PRIORITY_KEY,
    wait: !info.isLocal || sending.has(context),
    sent: () => void sending.add(context),
  };
}
