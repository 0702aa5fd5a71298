import { z } from 'zod';
import { employeeIdSchema, noteSchema } from '../../workflows/contract';

const heldPermitSchema = z.object({
  slot: z.string().meta({ description: 'The held action: workflow id, employment, cycle, action, attempt' }),
  employeeId: z.string(),
  action: z.string().meta({ example: 'deactivate' }),
  requestedAt: z.string(),
});

const decisionSchema = z.object({
  id: z.string(),
  decidedAt: z.string(),
  principal: z.string().meta({ example: 'operator:ops-desk' }),
  decision: z.enum(['released', 'rejected']),
  slots: z.array(z.string()),
  note: z.string().optional(),
});

const heldExample = {
  slot: 'employee-E1001:e0a1b2c3:c1:deactivate:0',
  employeeId: 'E1001',
  action: 'deactivate',
  requestedAt: '2026-11-30T08:00:00.000Z',
};

/** `GET /v1/guard`: the brake's state and its queue. */
export const guardViewSchema = z
  .object({
    /** true while any destructive action is held: every further one is held too, until operators decide */
    engaged: z.boolean(),
    limits: z.object({ perHour: z.number().int(), share: z.number() }),
    /** destructive actions counted in the last hour and day (granted, urgent and released ones) */
    counted: z.object({ lastHour: z.number().int(), lastDay: z.number().int() }),
    held: z.array(heldPermitSchema),
    /** the latest operator decisions, newest first */
    decisions: z.array(decisionSchema),
  })
  .meta({
    examples: [
      {
        engaged: true,
        limits: { perHour: 50, share: 0.05 },
        counted: { lastHour: 50, lastDay: 50 },
        held: [heldExample],
        decisions: [],
      },
    ],
  });

/** `POST /v1/guard`: release or reject held actions — the slots named, the employees named, or all. */
export const guardDecisionBodySchema = z
  .strictObject({
    decision: z.enum(['release', 'reject']),
    slots: z.array(z.string().min(1).max(300)).min(1).max(10_000).optional(),
    employeeIds: z.array(employeeIdSchema).min(1).max(10_000).optional(),
    all: z.literal(true).optional(),
    note: noteSchema.optional(),
  })
  .refine((b) => [b.slots, b.employeeIds, b.all].filter((x) => x !== undefined).length === 1, {
    message: 'name exactly one of slots, employeeIds or all: true',
  })
  .meta({ examples: [{ decision: 'reject', all: true, note: 'Bad HR export: every leave date set to yesterday' }] });
export type GuardDecisionBody = z.output<typeof guardDecisionBodySchema>;

export const guardDecisionResponse = z
  .object({
    decision: decisionSchema,
    /** the held actions decided (already decided ones are left as they were) */
    decided: z.array(heldPermitSchema),
    /** lifecycles told at once; the others ask the guard again on their own within the hour */
    signalled: z.number().int(),
  })
  .meta({
    examples: [
      {
        decision: {
          id: '1d6f3c8e-4b1a-4f7e-9a55-0d3c9f1b2a77',
          decidedAt: '2026-11-30T08:05:00.000Z',
          principal: 'operator:ops-desk',
          decision: 'rejected',
          slots: [heldExample.slot],
          note: 'Bad HR export',
        },
        decided: [heldExample],
        signalled: 1,
      },
    ],
  });
