/**
 * Calendar dates in an employee's IANA time zone, resolved to instants. Runs in activities, not in
 * workflow code: the zone rules come from the Node runtime's ICU data, which can change with a
 * Node upgrade; resolving here records the instant in history, so replays never recompute it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone name the runtime knows (`Asia/Tokyo`, `UTC`); false for anything else. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in ms (Tokyo: +9 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

function wallDate(instant: number, timeZone: string): string {
  return new Date(instant + zoneOffsetMs(instant, timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar date in a zone. Where the zone skips midnight (a DST change at
 * 00:00, as in Santiago or Beirut), the day starts at the first wall-clock time that exists.
 */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  const guess = midnightAsUtc - zoneOffsetMs(midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone), timeZone);
  if (wallDate(guess, timeZone) === date && wallDate(guess - 1000, timeZone) < date) return guess;
  // Midnight is not a wall-clock time that day: find the first second that belongs to the date.
  let before = guess - 86_400_000;
  let after = guess + 86_400_000;
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (wallDate(mid, timeZone) < date) before = mid;
    else after = mid;
  }
  return after;
}

/** The calendar date after `date`. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The end of a calendar date in a zone: the first instant of the next day (deactivation is due then). */
export function endOfDay(date: string, timeZone: string): number {
  return startOfDay(nextDate(date), timeZone);
}
