import {
  answerCalendar,
  calendarQuestionOf,
  type Calendar,
  type CalendarQuestion,
  LIFECYCLE_RELEASE,
  type LifecyclePolicy,
} from '../workflows/contract';

/**
 * Local activities that read the worker's world: the policy in force and the calendar of the
 * employee's time zone. Their results are recorded in history, so a replay (even on a Node with
 * newer zone rules, or a worker with another policy) takes the same decisions.
 */
export function createScheduleActivities(
  policy: () => LifecyclePolicy,
  protectedAccounts: () => readonly string[] = () => [],
  directoryInTask: () => boolean = () => true,
) {
  return {
    /** The lifecycle policy of the worker's configuration. */
    async readLifecyclePolicy(): Promise<LifecyclePolicy> {
      return policy();
    },

    /** GUARD_PROTECTED of the worker's configuration (a policy refresh reads it again). */
    async readProtectedAccounts(): Promise<string[]> {
      return [...protectedAccounts()];
    },

    /**
     * What a new lifecycle needs of the worker's world, in one local activity: the policy (the one
     * given, or the worker's), the calendar under it, the protected accounts (`GUARD_PROTECTED`;
     * absent from histories recorded before the guard, which therefore protect no one), the
     * lifecycle release of this worker's code and whether the run tries directory requests in its
     * workflow tasks (both absent before release 2).
     */
    async beginLifecycle(args: {
      policy?: LifecyclePolicy;
      timeZone: string;
      startDate: string;
      leaveDate?: string;
    }): Promise<{
      policy: LifecyclePolicy;
      calendar: Calendar;
      protectedAccounts?: string[];
      release?: number;
      directoryInTask?: boolean;
    }> {
      const inForce = args.policy ?? policy();
      return {
        policy: inForce,
        calendar: answerCalendar(calendarQuestionOf(args, args.leaveDate, inForce.inviteOffset)),
        protectedAccounts: [...protectedAccounts()],
        // The release of the code this worker runs: the run takes its branches (recorded here, so
        // a replay on any later code takes them too; a run begun by older code has none).
        release: LIFECYCLE_RELEASE,
        directoryInTask: directoryInTask(),
      };
    },

    /** The start of the start date, the invite instant and the end of the leave date, in the employee's zone. */
    async resolveCalendar(question: CalendarQuestion): Promise<Calendar> {
      return answerCalendar(question);
    },
  };
}
