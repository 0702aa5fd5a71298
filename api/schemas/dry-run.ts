import { z } from 'zod';
import { dryRunPlanSchema } from '../../workflows/contract';
import { batchItemResultSchema } from './batch';

/** `?dryRun=true`: validate and plan, start or change nothing. */
export const dryRunQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .meta({
      description: 'true: answer what the request would do (the planned timeline); nothing is started or changed',
      example: 'true',
    })
    .optional(),
});

/** True when the request asks for a dry run. */
export const isDryRun = (query: { dryRun?: 'true' | 'false' } | undefined) => query?.dryRun === 'true';

const planExample = {
  dryRun: true,
  employeeId: 'E1001',
  stage: 'Provisioning',
  schedule: [{ action: 'provision', at: '2026-11-30T08:00:00.000Z' }],
  projection: [
    { action: 'provision', at: '2026-11-30T08:00:00.000Z' },
    { action: 'invite', at: '2026-12-10T09:00:00.000Z' },
    { action: 'check-claim', at: '2026-12-13T09:00:00.000Z' },
    { action: 'deactivate', at: '2027-03-31T23:59:59.999Z' },
    { action: 'expire-retention', at: '2027-04-30T23:59:59.999Z' },
    { action: 'request-manual-deletion', at: '2027-04-30T23:59:59.999Z' },
  ],
  destructive: 2,
} as const;

/** The answer of a dry run about one employee. */
export const dryRunResponse = dryRunPlanSchema
  .extend({
    /** joiners: `new` (would start) or `unchanged` (the same request was already admitted: nothing new); requests: `changed` */
    outcome: z.enum(['new', 'unchanged', 'changed']),
  })
  .meta({
    description: 'Dry run: what the request would do; nothing was started or changed',
    examples: [{ ...planExample, outcome: 'new' }],
  });
export type DryRunAnswer = z.output<typeof dryRunResponse>;

/** A route's 200 answer, or its dry run's, documented with an example of each. */
export function orDryRun<S extends z.ZodType>(schema: S, description: string) {
  const examples = (schema.meta()?.examples as unknown[] | undefined) ?? [];
  return z.union([schema, dryRunResponse]).meta({
    description: `${description}; with ?dryRun=true, what the request would do`,
    examples: [...examples, { ...planExample, outcome: 'new' }],
  });
}

export const dryRunBatchResponse = z
  .object({
    dryRun: z.literal(true),
    summary: z.object({
      /** items that would start a lifecycle */
      new: z.number().int(),
      /** items already admitted with this request: nothing would happen */
      unchanged: z.number().int(),
      /** items refused with 409: running with another record, or a leave of a protected account */
      conflicting: z.number().int(),
      invalid: z.number().int(),
      /** items that could not be checked (Temporal unavailable, the batch's deadline) */
      failed: z.number().int(),
      /** destructive actions (deactivate; delete or scrub) the new items' lifecycles would take */
      destructive: z.number().int(),
      /** the most of them due within any one hour */
      destructivePeakPerHour: z.number().int(),
      /** whether the brake would hold some of them (see the README, "Guard rails") */
      brakeWouldEngage: z.boolean(),
    }),
    results: z.array(
      batchItemResultSchema.extend({
        outcome: z.enum(['new', 'unchanged', 'conflicting', 'invalid', 'failed']),
        plan: dryRunPlanSchema.optional(),
      }),
    ),
  })
  .meta({
    description: 'Dry run of a batch: what each item would do; nothing was started',
    examples: [
      {
        dryRun: true,
        summary: {
          new: 1,
          unchanged: 0,
          conflicting: 0,
          invalid: 0,
          failed: 0,
          destructive: 2,
          destructivePeakPerHour: 1,
          brakeWouldEngage: false,
        },
        results: [{ index: 0, employeeId: 'E1001', status: 201, outcome: 'new', plan: planExample }],
      },
    ],
  });
export type DryRunBatchAnswer = z.output<typeof dryRunBatchResponse>;
