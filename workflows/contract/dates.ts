/**
 * Calendar dates and instants as Tenure accepts them: a real date between 1900-01-01 and
 * 2100-12-31, an ISO-8601 instant with a zone in the same span, an IANA zone the runtime knows.
 * Outside that span no directory, e-mail or timer makes sense, and JavaScript dates misbehave.
 */

export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';
const EARLIEST_MS = Date.UTC(1900, 0, 1);
/** The first instant after the latest date in any zone (UTC−12 ends 2100-12-31 at 12:00 the next day). */
const LATEST_MS = Date.UTC(2101, 0, 2);

/** A real calendar date in `YYYY-MM-DD` form within 1900-01-01 … 2100-12-31. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !isNaN(d.getTime()) && d.toISOString().startsWith(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/** An ISO-8601 instant with a zone (`Z` or an offset) within the same span as the dates. */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return false;
  const ms = Date.parse(value);
  return !isNaN(ms) && ms >= EARLIEST_MS && ms < LATEST_MS;
}

/** True for an IANA zone name the runtime knows (`Europe/Berlin`, `UTC`); `Intl` refuses the others. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date an instant falls on in a zone (`YYYY-MM-DD`). */
export function dateInZone(instant: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** An instant as Tenure writes it: ISO-8601 in UTC with milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString();
