import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from './failures';
import { countInTask } from './in-task-metrics';
import { IN_TASK_ACTIVITIES, type InTaskActivity } from '../workflows/contract';

export { IN_TASK_ACTIVITIES, type InTaskActivity } from '../workflows/contract';

/** How a try failed, as the task-queue activity would have failed: the workflow decides from it. */
export interface InTaskFailure {
  type: string;
  message: string;
  /** no retry can fix it: the workflow raises it as is, without sending the request again */
  nonRetryable: boolean;
  details?: unknown[];
  /** the directory's Retry-After, in ms: the task-queue activity waits this long first */
  nextRetryDelayMs?: number;
}

/** What a try in the workflow task gave: the activity's result, or why it gave way to the task queue. */
export type InTaskOutcome = { done: true; result: unknown } | { done: false; why: string; failure?: InTaskFailure };

/** The failure a try met, for the workflow; a busy directory is not one (nothing was sent). */
function failureOf(error: unknown): InTaskFailure | undefined {
  if (!(error instanceof ApplicationFailure)) {
    return { type: 'error', message: error instanceof Error ? error.message : String(error), nonRetryable: false };
  }
  if (error.type === FailureType.DirectoryBusy) return undefined;
  const delay: unknown = error.nextRetryDelay;
  return {
    type: error.type ?? 'Error',
    message: error.message,
    nonRetryable: Boolean(error.nonRetryable),
    ...(error.details?.length ? { details: [...error.details] } : {}),
    ...(typeof delay === 'number' ? { nextRetryDelayMs: delay } : {}),
  };
}

type Dispatchable = Record<InTaskActivity, (...args: never[]) => Promise<unknown>>;

/**
 * `tryInTask`: runs one directory activity as a local activity, inside the workflow task that
 * needs it — one history event instead of six, no activity task for the server to dispatch. It
 * takes a free turn of the directory's rate limit or none (the pacer does not wait in a local
 * activity: `activityPacing`); when there is none, or the request failed in any way, it answers
 * `done: false` and the workflow schedules the same activity on the task queue, where it waits its
 * turn by priority and retries under its own policy. A failure is answered as the activity would
 * have failed (its type, whether a retry can fix it, the directory's details and Retry-After): the
 * workflow raises one no retry can fix without sending the request again, and hands a transient one
 * to the task queue after the first retry interval (or the Retry-After). Answering rather than
 * throwing keeps the worker's log free of a warning per busy try during a burst.
 */
export function createInTaskActivity(activities: Dispatchable) {
  return {
    async tryInTask({ activity, args }: { activity: InTaskActivity; args: unknown[] }): Promise<InTaskOutcome> {
      if (!IN_TASK_ACTIVITIES.includes(activity)) return { done: false, why: `not tried in a task: ${activity}` };
      const run = activities[activity] as (...a: unknown[]) => Promise<unknown>;
      try {
        const result = await run(...args);
        countInTask(activity, 'done');
        return { done: true, result };
      } catch (error) {
        const failure = failureOf(error);
        countInTask(activity, failure ? 'failed' : 'busy');
        return failure ? { done: false, why: failure.type, failure } : { done: false, why: FailureType.DirectoryBusy };
      }
    },
  };
}
