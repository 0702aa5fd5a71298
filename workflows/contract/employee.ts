import { z } from 'zod';
import { recordProblems, type PROFILE_FIELDS } from './employee-rules';
import {
  authMethodSchema,
  calendarDateSchema,
  displayNameSchema,
  emailSchema,
  employeeIdSchema,
  familyNameSchema,
  givenNameSchema,
  instantSchema,
  localeSchema,
  text,
  timeZoneSchema,
} from './fields';

/**
 * The employee record (see the domain notes): what an HR system sends for a joiner, what a mover
 * changes, and what the workflow keeps in force — one schema for the API and the workflow.
 */

export type AuthMethod = z.output<typeof authMethodSchema>;

/** The fields a mover can change; written to the directory by the profile sync. */
export const profileShape = {
  email: emailSchema,
  givenName: givenNameSchema,
  familyName: familyNameSchema,
  displayName: displayNameSchema,
  title: text(128).meta({ example: 'Analyst' }),
  department: text(128).meta({ example: 'Engineering' }),
  costCenter: text(64).meta({ example: 'CC-4711' }),
  managerEmployeeId: employeeIdSchema.meta({ description: "The manager's employee id", example: 'M2001' }),
  locale: localeSchema,
} as const;

// The profile's fields are listed once more, zod-free, in employee-rules.ts: the two lists must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const SAME_FIELDS: Same<keyof typeof profileShape, (typeof PROFILE_FIELDS)[number]> = true;
void SAME_FIELDS;

/** Every profile field, optional: a mover's change, or what a joiner may leave out. */
export const profileChangeSchema = z.strictObject(profileShape).partial();

/** What a mover can change: applied to the directory by the profile sync. */
export interface EmployeeProfile {
  /** work address; the directory user name */
  email: string;
  givenName: string;
  familyName: string;
  /** defaults to "given family" */
  displayName?: string;
  title?: string;
  department?: string;
  costCenter?: string;
  /** the manager's HR employee id; resolved to their directory user id */
  managerEmployeeId?: string;
  /** like `en_US` */
  locale?: string;
}

/** The employee record an HR system sends for a joiner. */
export interface EmployeeRecord extends EmployeeProfile {
  /** HR id: 1–64 of `A-Z a-z 0-9 . _ -`; the directory's `externalId` and `employeeNumber` */
  employeeId: string;
  /** IANA zone: decides "start of the start day" and "end of the leave day" */
  timeZone: string;
  /** `YYYY-MM-DD` */
  startDate: string;
  /** `YYYY-MM-DD`: deactivate at the end of that day in `timeZone` (exclusive with `leaveAt`) */
  leaveDate?: string;
  /** ISO-8601 instant: deactivate then (exclusive with `leaveDate`) */
  leaveAt?: string;
  authMethod?: AuthMethod;
}

export const recordShape = {
  employeeId: employeeIdSchema,
  ...profileChangeSchema.shape,
  email: profileShape.email,
  givenName: profileShape.givenName,
  familyName: profileShape.familyName,
  timeZone: timeZoneSchema,
  startDate: calendarDateSchema.meta({ description: 'First working day (YYYY-MM-DD)', example: '2026-03-02' }),
  leaveDate: calendarDateSchema
    .meta({ description: 'Deactivate at the end of this day in timeZone', example: '2027-02-26' })
    .optional(),
  leaveAt: instantSchema.meta({ description: 'Deactivate at this instant (exclusive with leaveDate)' }).optional(),
  authMethod: authMethodSchema.optional(),
} as const;

/** An employee record: a joiner as the workflow keeps it. */
export const employeeRecordSchema = z.strictObject(recordShape).superRefine((value, ctx) => {
  for (const p of recordProblems(value, { leaveBeforeStart: true }))
    ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
});
