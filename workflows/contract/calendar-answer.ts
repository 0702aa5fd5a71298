import type { Calendar, CalendarQuestion } from './calendar';
import { endOfDay, startOfDay, wallTimeToInstant } from './zone';

/**
 * The instants of a calendar question, in the employee's zone: the start of the start date, the
 * invite and the end of the leave date. The worker's calendar activity answers with it (recorded in
 * history); a dry run answers with it directly.
 */
export function answerCalendar(q: CalendarQuestion): Calendar {
  return {
    ...q,
    startsAt: new Date(startOfDay(q.startDate, q.timeZone)).toISOString(),
    inviteAt: new Date(wallTimeToInstant(q.inviteWallTime, q.timeZone)).toISOString(),
    ...(q.leaveDate ? { leaveAt: new Date(endOfDay(q.leaveDate, q.timeZone)).toISOString() } : {}),
  };
}
