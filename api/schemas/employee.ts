import { z } from 'zod';
import {
  calendarDateSchema,
  instantSchema,
  PROFILE_FIELDS,
  profileChangeSchema,
  recordProblems,
  recordShape,
  text,
  type EmployeeProfile,
  type EmployeeRecord,
} from '../../workflows/contract';

/**
 * The request bodies about an employee record, built from the contract's schemas: what the API
 * lets through is what the workflow's validators accept (bar the lifecycle's own reasons).
 */

/** Every profile field, optional: what a mover or a rehire may change. */
export const optionalProfileShape = profileChangeSchema.shape;

const leaveBeforeStart = z
  .boolean()
  .meta({ description: 'Set to true to accept a leave before the start date (refused otherwise)', example: false });

/** Whole-record problems as zod issues (paths relative to the body). */
function addProblems(problems: { path: string; message: string }[], ctx: z.RefinementCtx): void {
  for (const problem of problems) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
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
  .strictObject({ ...recordShape, leaveBeforeStart: leaveBeforeStart.optional() })
  .superRefine((value, ctx) =>
    addProblems(recordProblems(value, { leaveBeforeStart: Boolean(value.leaveBeforeStart) }), ctx),
  )
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
    if (typeof value.leaveDate === 'string' && typeof value.leaveAt === 'string') {
      ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'give leaveDate or leaveAt, not both' });
    }
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
  for (const key of PROFILE_FIELDS) {
    if (change[key] !== undefined) profile[key] = change[key];
  }
  return profile;
}

/** leave rules as zod issues, for bodies that carry their own dates (a rehire). */
export function checkLeave(
  value: {
    startDate?: string;
    timeZone?: string;
    leaveDate?: string | null;
    leaveAt?: string | null;
    leaveBeforeStart?: boolean;
  },
  ctx: z.RefinementCtx,
): void {
  addProblems(
    recordProblems(value as Partial<EmployeeRecord>, { leaveBeforeStart: Boolean(value.leaveBeforeStart) }),
    ctx,
  );
}
