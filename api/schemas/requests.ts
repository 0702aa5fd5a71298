import { z } from 'zod';
import { calendarDateSchema, instantSchema, noteSchema, text, timeZoneSchema, employeeIdSchema } from './fields';
import { checkLeave, optionalProfileShape } from './employee';

/** Bodies of the lifecycle's requests other than joiners and movers. */

/**
 * A body the caller may leave out. Fastify validates an absent body as `null`, so optional bodies
 * accept null; the examples sit on the outer schema, where the OpenAPI document looks for them.
 */
export function optionalBody<S extends z.ZodType>(schema: S, examples: unknown[]) {
  return schema.nullish().meta({ description: 'Optional: the body may be left out', examples });
}

export const employeeParamsSchema = z.strictObject({ employeeId: employeeIdSchema });

/** An early leave: now, at an instant, or at the end of a date. */
export const earlyLeaveSchema = z
  .strictObject({
    leaveAt: instantSchema.optional().meta({ description: 'Leave at this instant' }),
    leaveDate: calendarDateSchema.optional().meta({ description: 'Leave at the end of this date' }),
    note: noteSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.leaveAt !== undefined && value.leaveDate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'give leaveDate or leaveAt, not both' });
    }
  })
  .meta({
    description: 'Neither leaveAt nor leaveDate: effective now',
    examples: [{ leaveDate: '2026-09-30', note: 'Resigned; last day agreed with the manager' }],
  });
export type EarlyLeave = z.output<typeof earlyLeaveSchema>;

/** A rehire: new dates, and optionally profile changes. */
export const rehireSchema = z
  .strictObject({
    startDate: calendarDateSchema,
    leaveDate: calendarDateSchema.optional(),
    leaveAt: instantSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    ...optionalProfileShape,
    leaveBeforeStart: z.boolean().optional(),
  })
  .superRefine((value, ctx) => checkLeave(value, ctx))
  .meta({ examples: [{ startDate: '2027-09-01', title: 'Senior Analyst', department: 'Research' }] });
export type Rehire = z.output<typeof rehireSchema>;

export const noteBodySchema = z
  .strictObject({ note: noteSchema.optional() })
  .meta({ examples: [{ note: 'Candidate declined the offer' }] });

export const legalHoldSchema = z
  .strictObject({ reason: text(500).meta({ example: 'Litigation hold, case 2026-17' }) })
  .meta({ examples: [{ reason: 'Litigation hold, case 2026-17' }] });

/** Who confirmed is the caller's principal, not a field of the body. */
export const deletionConfirmationSchema = z
  .strictObject({ note: noteSchema.optional() })
  .meta({ examples: [{ note: 'Deleted in the Admin Panel, ticket IT-4711' }] });
