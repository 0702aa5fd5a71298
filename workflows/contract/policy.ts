import { z } from 'zod';
import { parseDuration } from './duration';

/**
 * The lifecycle policy in force for one employee (durations in Temporal's notation: `'3 days'`,
 * `'9h'`, `'-7d'`). Read from the worker's configuration when the workflow starts and carried
 * across continue-as-new; `refreshPolicy` re-reads it.
 */
export interface LifecyclePolicy {
  /**
   * when to invite, from the start of the start date, on the employee's wall clock: `9h` is 09:00
   * local time on the start date whatever the DST; `-7d` is midnight a week before
   */
  inviteOffset: string;
  reminderInterval: string;
  /** after this many reminders the manager is e-mailed too (0: never) */
  escalateAfter: number;
  /** after this many reminders the employee is `Unclaimed`: no more e-mails */
  maxReminders: number;
  /** e-mail the manager this long before a scheduled deactivation */
  leaveNotice: string;
  /** time from the leave (HR's effective leave instant) to deletion */
  retention: string;
}

/** A duration in Temporal's notation; `sign` says which values are allowed. */
export const durationSchema = (sign: 'any' | 'non-negative' | 'positive') =>
  z.string().refine(
    (value) => {
      const ms = parseDuration(value);
      if (ms === undefined) return false;
      return sign === 'any' || (sign === 'positive' ? ms > 0 : ms >= 0);
    },
    `must be a duration like '2s', '9h' or '3 days'${sign === 'any' ? " (negative allowed, e.g. '-7d')" : sign === 'positive' ? ', above zero' : ''}`,
  );

export const lifecyclePolicySchema = z.strictObject({
  inviteOffset: durationSchema('any'),
  reminderInterval: durationSchema('positive'),
  escalateAfter: z.number().int().min(0),
  maxReminders: z.number().int().min(0),
  leaveNotice: durationSchema('non-negative'),
  retention: durationSchema('non-negative'),
});
