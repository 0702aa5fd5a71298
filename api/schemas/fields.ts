import { z } from 'zod';
import { isCalendarDate, isInstant } from '../../workflows/lifecycle/validators';

/**
 * The field schemas every request body shares: one definition of "an employee id", "a calendar
 * date", "an IANA zone" for the whole API, with the messages a caller sees in a 400.
 */

/** True when a string holds a C0 control character or DEL. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Free text: not blank, bounded, no control characters (they would end up in Workplace and in e-mails). */
export const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim() !== '', 'must not be blank')
    .refine((value) => !hasControlCharacters(value), 'must not contain control characters');

export const employeeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 of A-Z a-z 0-9 . _ -')
  .meta({ description: "The HR system's employee id", example: 'E1001' });

export const emailSchema = z
  .string()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address')
  .meta({ description: 'Work e-mail address; the Workplace user name', example: 'ada.lovelace@example.com' });

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a locale like en_US')
  .meta({ example: 'en_US' });

/** True when the runtime knows the zone: `Intl` throws a RangeError for unknown ones. */
export function isIanaTimeZone(value: string): boolean {
  if (value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  .meta({ description: 'IANA time zone of the employee', example: 'Europe/London' });

export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, 'must be a real calendar date in YYYY-MM-DD form')
  .meta({ example: '2026-03-02' });

export const instantSchema = z
  .string()
  .refine(isInstant, 'must be an ISO-8601 instant with a zone, e.g. 2026-03-02T17:00:00Z')
  .meta({ example: '2026-12-31T17:00:00Z' });

export const noteSchema = text(500).meta({
  description: 'Free text kept in the timeline',
  example: 'Agreed with HR on 2026-05-01',
});

/** The calendar date an instant falls on in a zone (`YYYY-MM-DD`). */
export function dateInZone(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}
