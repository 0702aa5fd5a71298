/** Locale-aware formatting of the dates that notifications show. */
export interface DateFormatter {
  /** A calendar day (`YYYY-MM-DD`) in full, e.g. "Tuesday, September 1, 2026"; it has no time zone. */
  day(isoDate: string): string;
  /** An instant as a wall-clock time in `timeZone`, followed by the zone's name in brackets. */
  instant(isoInstant: string, timeZone: string): string;
}

/** A formatter for one BCP 47 locale, built on `Intl.DateTimeFormat`. */
export function dateFormatter(locale: string): DateFormatter {
  return {
    day(isoDate) {
      const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
      // A calendar day is the same everywhere: format midnight UTC in UTC so no zone shifts it.
      const midnight = new Date(Date.UTC(year, month - 1, day));
      return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(midnight);
    },
    instant(isoInstant, timeZone) {
      const wallClock = new Intl.DateTimeFormat(locale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      }).format(new Date(isoInstant));
      return `${wallClock} (${timeZone})`;
    },
  };
}
