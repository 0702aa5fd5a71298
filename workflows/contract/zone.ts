/**
 * Wall-clock times in an employee's IANA time zone, resolved to instants. The zone rules come from
 * the runtime's ICU data, which can change with a Node upgrade: the lifecycle's instants are
 * resolved by a local activity (recorded in history, never recomputed on replay). Workflow code
 * uses these only in update validators (which do not replay) and never for its state.
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

/** The wall-clock time of an instant in a zone, as `YYYY-MM-DDTHH:MM:SS`. */
export function wallTimeOf(instant: number, timeZone: string): string {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The zone's offset from UTC at `instant`, in ms (Tokyo: +9 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  return Date.parse(`${wallTimeOf(instant, timeZone)}Z`) - Math.floor(instant / 1000) * 1000;
}

const HOURS_26 = 26 * 3_600_000;

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:MM:SS`) happens in a zone. When the clocks go back
 * and the time happens twice, the first; when they go forward over it (a DST gap, or a zone that
 * skips midnight, as Santiago or Beirut do), the first instant after the gap — the moment the wall
 * clock passes that time.
 */
export function wallTimeToInstant(wallTime: string, timeZone: string): number {
  const naive = Date.parse(`${wallTime}Z`);
  const exact = [
    zoneOffsetMs(naive - HOURS_26, timeZone),
    zoneOffsetMs(naive + HOURS_26, timeZone),
    zoneOffsetMs(naive, timeZone),
  ]
    .map((offset) => naive - offset)
    .filter((t) => wallTimeOf(t, timeZone) === wallTime)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  let before = naive - HOURS_26;
  let after = naive + HOURS_26;
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (wallTimeOf(mid, timeZone) < wallTime) before = mid;
    else after = mid;
  }
  return after;
}

/** The first instant of a calendar date in a zone. */
export function startOfDay(date: string, timeZone: string): number {
  return wallTimeToInstant(`${date}T00:00:00`, timeZone);
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
