import { z } from 'zod';
import { DISPLAY_NAME_MAX, EMPLOYEE_ID } from './field-rules';
import { isCalendarDate, isInstant, isTimeZone } from './dates';
import { textProblem } from './text';

/**
 * The field schemas of Tenure's vocabulary: one definition of "an employee id", "an e-mail", "a
 * name", "a calendar date", "an IANA zone" for the API's request schemas and the workflow's
 * validators, with the messages a caller sees.
 */

/** Free text: not blank, bounded, no control or bidirectional-override characters. */
export const text = (max: number) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, max);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Longest given and family names: the derived display name ("given family") must fit the
 * directory's 256 characters whatever the two are.
 */
export const NAME_MAX = 127;

export const employeeIdSchema = z
  .string()
  .regex(EMPLOYEE_ID, 'must be 1–64 of A-Z a-z 0-9 . _ -')
  .meta({ description: "The HR system's employee id", example: 'E1001' });

/**
 * A work e-mail address (the directory's user name): at most 254 characters, one `@`, a dotted
 * domain, and nothing invisible — no spaces, controls or format characters anywhere.
 */
export const emailSchema = z
  .string()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s@\p{C}]+@[^\s@\p{C}]+\.[^\s@\p{C}]+$/u, 'must be an e-mail address (no spaces or control characters)')
  .meta({ description: 'Work e-mail address; the directory user name', example: 'ada.lovelace@example.com' });

export const givenNameSchema = text(NAME_MAX).meta({ example: 'Ada' });
export const familyNameSchema = text(NAME_MAX).meta({ example: 'Lovelace' });
export const displayNameSchema = text(DISPLAY_NAME_MAX).meta({
  description: 'Defaults to "givenName familyName"',
  example: 'Ada Lovelace',
});

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a locale like en_US')
  .meta({ example: 'en_US' });

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  .meta({ description: 'IANA time zone of the employee', example: 'Europe/London' });

export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, 'must be a real calendar date in YYYY-MM-DD form between 1900-01-01 and 2100-12-31')
  .meta({ example: '2026-03-02' });

export const instantSchema = z
  .string()
  .refine(isInstant, 'must be an ISO-8601 instant with a zone between 1900 and 2100, e.g. 2026-03-02T17:00:00Z')
  .meta({ example: '2026-12-31T17:00:00Z' });

export const noteSchema = text(500).meta({
  description: 'Free text kept in the timeline',
  example: 'Agreed with HR on 2026-05-01',
});

export const authMethodSchema = z.enum(['sso', 'password']);
