import type { LifecyclePolicy } from '../workflows/lifecycle/types';
import { endOfDay, startOfDay } from './time-zone';

/**
 * Local activities that read the worker's world: the policy in force and the calendar of the
 * employee's time zone. Their results are recorded in history, so a replay (even on a Node with
 * newer zone rules, or a worker with another policy) takes the same decisions.
 */
export function createScheduleActivities(policy: () => LifecyclePolicy) {
  return {
    /** The lifecycle policy of the worker's configuration. */
    async readLifecyclePolicy(): Promise<LifecyclePolicy> {
      return policy();
    },

    /**
     * What a new lifecycle needs of the worker's world, in one local activity: the policy (unless
     * the starter gave one) and the employee's dates resolved in their zone.
     */
    async beginLifecycle(args: {
      timeZone: string;
      startDate: string;
      leaveDate?: string;
      withPolicy: boolean;
    }): Promise<{ policy?: LifecyclePolicy; startsAt: string; leaveAt?: string }> {
      return {
        ...(args.withPolicy ? { policy: policy() } : {}),
        startsAt: new Date(startOfDay(args.startDate, args.timeZone)).toISOString(),
        ...(args.leaveDate ? { leaveAt: new Date(endOfDay(args.leaveDate, args.timeZone)).toISOString() } : {}),
      };
    },

    /** The start of the start date and the end of the leave date, in the employee's zone. */
    async resolveLifecycleInstants(args: {
      timeZone: string;
      startDate: string;
      leaveDate?: string;
    }): Promise<{ startsAt: string; leaveAt?: string }> {
      return {
        startsAt: new Date(startOfDay(args.startDate, args.timeZone)).toISOString(),
        ...(args.leaveDate ? { leaveAt: new Date(endOfDay(args.leaveDate, args.timeZone)).toISOString() } : {}),
      };
    },
  };
}
