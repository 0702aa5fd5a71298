import { iso } from './dates';
import { durationMs } from './duration';

/**
 * The employee's calendar: which wall-clock times in their zone the lifecycle needs as instants
 * (the start of the start date, the invite, the end of the leave date). The planner asks; a local
 * activity answers with the zone rules of its runtime, and the answer is recorded in history.
 */

/** What the calendar must answer. */
export interface CalendarQuestion {
  timeZone: string;
  startDate: string;
  /** the invite's local wall-clock time, `YYYY-MM-DDTHH:MM:SS` */
  inviteWallTime: string;
  leaveDate?: string;
}

/** The question with its answers (ISO instants), as the workflow keeps it. */
export interface Calendar extends CalendarQuestion {
  startsAt: string;
  inviteAt: string;
  leaveAt?: string;
}

/**
 * The invite's local wall-clock time: the start of the start date plus the policy's offset, on the
 * employee's wall clock (`9h` is 09:00 local whatever the DST; `-7d` midnight a week before).
 */
export function inviteWallTime(startDate: string, inviteOffset: string): string {
  return iso(Date.parse(`${startDate}T00:00:00Z`) + durationMs(inviteOffset)).slice(0, 19);
}

/** The calendar question of a record (its zone, dates and leave date still to resolve) under a policy. */
export function calendarQuestionOf(
  record: { timeZone: string; startDate: string },
  leaveDate: string | undefined,
  inviteOffset: string,
): CalendarQuestion {
  return {
    timeZone: record.timeZone,
    startDate: record.startDate,
    inviteWallTime: inviteWallTime(record.startDate, inviteOffset),
    ...(leaveDate ? { leaveDate } : {}),
  };
}
