import { z } from 'zod';
import { STAGES, type Stage } from '../../workflows/contract';
import { isCalendarDate, isInstant } from '../../workflows/contract';
import { employeeIdSchema, text } from './fields';

/** A bound of a date range: a `YYYY-MM-DD` date (00:00 UTC) or an ISO instant. */
export const bound = (description: string, example: string) =>
  z
    .string()
    .refine((v) => isCalendarDate(v) || isInstant(v), 'must be a YYYY-MM-DD date or an ISO-8601 instant')
    .transform((v) => new Date(isCalendarDate(v) ? `${v}T00:00:00Z` : v))
    .meta({ description, example });

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .meta({ description, example: 'true' });

const stages = z
  .string()
  .transform((value, ctx) => {
    const names = value.split(',').map((s) => s.trim());
    const unknown = names.filter((name) => !(STAGES as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({ code: 'custom', message: `must be stages among ${STAGES.join(', ')} (comma-separated)` });
      return z.NEVER;
    }
    return [...new Set(names)] as Stage[];
  })
  .meta({ description: `One or more of ${STAGES.join(', ')}, comma-separated`, example: 'Invited,Unclaimed' });

/** `GET /v1/employees` filters; every one of them becomes a quoted visibility clause. */
export const listQuerySchema = z
  .strictObject({
    stage: stages.optional(),
    department: text(128).optional().meta({ example: 'Engineering' }),
    manager: employeeIdSchema.optional().meta({ description: "The manager's employee id", example: 'M2001' }),
    startFrom: bound('Starts at or after (date = 00:00 UTC)', '2026-03-01').optional(),
    startBefore: bound('Starts before', '2026-04-01').optional(),
    leaveFrom: bound('Leave due at or after', '2026-12-01').optional(),
    leaveBefore: bound('Leave due before', '2027-01-01').optional(),
    needsAttention: flag(
      'Only employees that need (true) or do not need (false) an operator; a failed run counts as needing one',
    ).optional(),
    reason: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be a reason like directory-unauthorized or WorkplaceRequestRejected')
      .optional()
      .meta({ description: 'Why they need attention (not for managers)', example: 'directory-unauthorized' }),
    legalHold: flag('Only employees under (true) or not under (false) a legal hold').optional(),
    heldByGuard: z
      .literal('true')
      .transform(() => true as const)
      .meta({ description: 'Only employees whose destructive action the guard holds (GET /v1/guard)', example: 'true' })
      .optional(),
    limit: z.coerce
      .number()
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(50)
      .meta({ description: 'Page size (default 50, at most 500)', example: 50 }),
    cursor: z
      .string()
      .max(4096, 'is not a cursor of this API')
      .optional()
      .meta({ description: 'nextCursor of the previous page', example: 'eyJ2IjoxfQ' }),
  })
  .meta({ description: 'Filters' });
export type ListQuery = z.output<typeof listQuerySchema>;
