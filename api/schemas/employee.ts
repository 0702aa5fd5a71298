import { z } from 'zod';
import type { EmployeeProfile, EmployeeRecord } from '../../workflows/definitions';
import {
  calendarDateSchema,
  dateInZone,
  emailSchema,
  employeeIdSchema,
  instantSchema,
  localeSchema,
  text,
  timeZoneSchema,
} from './fields';

/** The profile fields a mover can change (the workflow's `EmployeeProfile`). */
export const profileShape = {
  email: emailSchema,
  givenName: text(128).meta({ example: 'Ada' }),
  familyName: text(128).meta({ example: 'Lovelace' }),
  displayName: text(256).meta({ description: 'Defaults to "givenName familyName"', example: 'Ada Lovelace' }),
  title: text(128).meta({ example: 'Analyst' }),
  department: text(128).meta({ example: 'Engineering' }),
  costCenter: text(64).meta({ example: 'CC-4711' }),
  managerEmployeeId: employeeIdSchema.meta({ description: "The manager's employee id", example: 'M2001' }),
  locale: localeSchema,
} as const;

/** Every profile field, optional: what a joiner may leave out, and what a mover or a rehire may change. */
export const optionalProfileShape = z.object(profileShape).partial().shape;

const leaveBeforeStart = z
  .boolean()
  .meta({ description: 'Set to true to accept a leave before the start date (refused otherwise)', example: false });

interface Dated {
  startDate?: string;
  timeZone?: string;
  leaveDate?: string | null;
  leaveAt?: string | null;
  leaveBeforeStart?: boolean;
}

/** Problems of leave fields that contradict each other or the start date (paths relative to the body). */
export function leaveProblems(
  value: Dated,
  start?: { startDate: string; timeZone: string },
): { path: string; message: string }[] {
  if (typeof value.leaveDate === 'string' && typeof value.leaveAt === 'string') {
    return [{ path: 'leaveAt', message: 'give leaveDate or leaveAt, not both' }];
  }
  const startDate = value.startDate ?? start?.startDate;
  const timeZone = value.timeZone ?? start?.timeZone;
  if (!startDate || !timeZone || value.leaveBeforeStart) return [];
  const problems: { path: string; message: string }[] = [];
  if (typeof value.leaveDate === 'string' && value.leaveDate < startDate) {
    problems.push({
      path: 'leaveDate',
      message: `the leave date is before the start date ${startDate} (set leaveBeforeStart: true if intended)`,
    });
  }
  if (typeof value.leaveAt === 'string' && dateInZone(value.leaveAt, timeZone) < startDate) {
    problems.push({
      path: 'leaveAt',
      message: `the leave instant is before the start date ${startDate} in ${timeZone} (set leaveBeforeStart: true if intended)`,
    });
  }
  return problems;
}

/** leaveProblems as zod issues. */
export function checkLeave(value: Dated, ctx: z.RefinementCtx): void {
  for (const problem of leaveProblems(value))
    ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

export const employeeRecordExample = {
  employeeId: 'E1001',
  email: 'ada.lovelace@example.com',
  givenName: 'Ada',
  familyName: 'Lovelace',
  title: 'Analyst',
  department: 'Engineering',
  managerEmployeeId: 'M2001',
  locale: 'en_GB',
  timeZone: 'Europe/London',
  startDate: '2026-03-02',
  leaveDate: '2027-02-26',
} satisfies EmployeeRecord;

/** A joiner as the HR system sends it: the employee record, plus `leaveBeforeStart` to confirm an odd leave. */
export const joinerSchema = z
  .strictObject({
    employeeId: employeeIdSchema,
    ...optionalProfileShape,
    email: profileShape.email,
    givenName: profileShape.givenName,
    familyName: profileShape.familyName,
    timeZone: timeZoneSchema,
    startDate: calendarDateSchema.meta({ description: 'First working day (YYYY-MM-DD)', example: '2026-03-02' }),
    leaveDate: calendarDateSchema
      .meta({ description: 'Deactivate at the end of this day in timeZone', example: '2027-02-26' })
      .optional(),
    leaveAt: instantSchema.meta({ description: 'Deactivate at this instant (exclusive with leaveDate)' }).optional(),
    authMethod: z.enum(['sso', 'password']).optional(),
    leaveBeforeStart: leaveBeforeStart.optional(),
  })
  .superRefine((value, ctx) => {
    checkLeave(value, ctx);
    if (value.managerEmployeeId !== undefined && value.managerEmployeeId === value.employeeId) {
      ctx.addIssue({ code: 'custom', path: ['managerEmployeeId'], message: 'an employee cannot be their own manager' });
    }
  })
  .meta({ description: 'An employee record: a joiner', examples: [employeeRecordExample] });

export type Joiner = z.output<typeof joinerSchema>;

/** The employee record a joiner request carries (without the request-only flags). */
export function recordOf(joiner: Joiner): EmployeeRecord {
  const { leaveBeforeStart: _flag, ...record } = joiner;
  return record;
}

/** `PATCH`: profile changes (a mover) and/or a leave change (`null` removes the leave). */
export const employeeChangeSchema = z
  .strictObject({
    ...optionalProfileShape,
    leaveDate: calendarDateSchema.nullable().optional().meta({ description: 'New leave date; null removes the leave' }),
    leaveAt: instantSchema.nullable().optional().meta({ description: 'New leave instant; null removes the leave' }),
    leaveBeforeStart: leaveBeforeStart.optional(),
    note: text(500).optional().meta({ description: 'Kept in the timeline with a leave change' }),
  })
  .superRefine((value, ctx) => {
    checkLeave(value, ctx);
    const fields = Object.keys(value).filter((key) => !['leaveBeforeStart', 'note'].includes(key));
    if (fields.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'give at least one field to change' });
  })
  .meta({
    description: 'Profile changes (a mover) and/or a new leave',
    examples: [{ title: 'Senior Analyst', department: 'Research', leaveDate: '2027-06-30' }],
  });

export type EmployeeChange = z.output<typeof employeeChangeSchema>;

/** The profile part of a change, as `changeProfileUpdate` takes it. */
export function profileChangeOf(change: EmployeeChange): Partial<EmployeeProfile> {
  const profile: Partial<EmployeeProfile> = {};
  for (const key of Object.keys(profileShape) as (keyof EmployeeProfile)[]) {
    if (change[key] !== undefined) profile[key] = change[key];
  }
  return profile;
}
