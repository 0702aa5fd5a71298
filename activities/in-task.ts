import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from './failures';
import { countInTask } from './in-task-metrics';
import { IN_TASK_ACTIVITIES, type InTaskActivity } from '../workflows/contract';

export { IN_TASK_ACTIVITIES, type InTaskActivity } from '../workflows/contract';

/** What a try in the workflow task gave: the activity's result, or why it gave way to the task queue. */
export type InTaskOutcome = { done: true; result: unknown } | { done: false; why: string };

type Dispatchable = Record<InTaskActivity, (...args: never[]) => Promise<unknown>>;

/**
 * `tryInTask`: runs one directory activity as a local activity, inside the workflow task that
 * needs it — one history event instead of six, no activity task for the server to dispatch. It
 * takes a free turn of the directory's rate limit or none (the pacer does not wait in a local
 * activity: `activityPacing`); when there is none, or the request failed in any way, it answers
 * `done: false` and the workflow schedules the same activity on the task queue, where it waits its
 * turn by priority and retries under its own policy. So a failure is never decided here: only the
 * task-queue activity's classification parks an action. Answering rather than throwing keeps the
 * worker's log free of a warning per busy try during a burst.
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
        const why = error instanceof ApplicationFailure && error.type ? error.type : 'error';
        countInTask(activity, why === FailureType.DirectoryBusy ? 'busy' : 'failed');
        return { done: false, why };
      }
    },
  };
}
