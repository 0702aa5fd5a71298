import { dateInZone, isCalendarDate, isInstant, isTimeZone } from './dates';

/**
 * The leave rules: a leave is an instant or the end of a date (not both), and not before the start
 * date unless the caller says so (`leaveBeforeStart`: an offer turned into an immediate leave).
 */

/** Why an account is deactivated: the planned leave, an early leave, or a withdrawn offer. */
export type LeaveReason = 'leave-date' | 'early-leave' | 'offer-withdrawn';

interface Dated {
  startDate?: string | undefined;
  timeZone?: string | undefined;
  leaveDate?: string | null | undefined;
  leaveAt?: string | null | undefined;
}

/**
 * Problems of leave fields that contradict each other or the start date (paths relative to the
 * body). Only well-formed values are compared: a malformed one is its own field's problem.
 */
export function leaveProblems(
  value: Dated,
  {
    leaveBeforeStart = false,
    start,
  }: { leaveBeforeStart?: boolean; start?: { startDate: string; timeZone: string } } = {},
): { path: string; message: string }[] {
  if (typeof value.leaveDate === 'string' && typeof value.leaveAt === 'string') {
    return [{ path: 'leaveAt', message: 'give leaveDate or leaveAt, not both' }];
  }
  const startDate = value.startDate ?? start?.startDate;
  const timeZone = value.timeZone ?? start?.timeZone;
  if (leaveBeforeStart || !isCalendarDate(startDate) || !isTimeZone(timeZone)) return [];
  const problems: { path: string; message: string }[] = [];
  if (isCalendarDate(value.leaveDate) && value.leaveDate < startDate) {
    problems.push({
      path: 'leaveDate',
      message: `the leave date is before the start date ${startDate} (set leaveBeforeStart: true if intended)`,
    });
  }
  if (isInstant(value.leaveAt) && dateInZone(value.leaveAt, timeZone) < startDate) {
    problems.push({
      path: 'leaveAt',
      message: `the leave instant is before the start date ${startDate} in ${timeZone} (set leaveBeforeStart: true if intended)`,
    });
  }
  return problems;
}
