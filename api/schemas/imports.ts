import { z } from 'zod';
import { calendarDateSchema, instantSchema, scheduledActionSchema, stageSchema } from '../../workflows/contract';

/** The column mappings the API knows by name: the shipped samples' (examples/<name>/mapping.json). */
export const SHIPPED_MAPPINGS = ['workday', 'bamboohr'] as const;

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const importQuerySchema = z
  .strictObject({
    mapping: z.enum(SHIPPED_MAPPINGS).optional().meta({
      description: "A shipped column mapping; without one the headers are Tenure's field names",
      example: 'workday',
    }),
    mode: z.enum(['delta', 'snapshot']).default('delta').meta({
      description: 'snapshot: the file is the whole active population; who is missing leaves',
      example: 'delta',
    }),
    dryRun: flag.meta({ description: 'Diff and plan only; change nothing', example: 'true' }),
    skipInvalid: flag.meta({
      description: 'Apply the valid rows although some are invalid or conflicting',
      example: 'false',
    }),
    leaveDate: calendarDateSchema
      .optional()
      .meta({ description: 'Snapshot: missing employees leave at the end of this date (default today, UTC)' }),
    leaveAt: instantSchema.optional().meta({ description: 'Snapshot: missing employees leave at this instant' }),
  })
  .superRefine((value, ctx) => {
    if (value.leaveDate !== undefined && value.leaveAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['leaveAt'], message: 'give leaveDate or leaveAt, not both' });
    }
    if ((value.leaveDate ?? value.leaveAt) !== undefined && value.mode !== 'snapshot') {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'leaveDate and leaveAt go with mode=snapshot' });
    }
  });

const CSV_EXAMPLE =
  'employeeId,email,givenName,familyName,department,timeZone,startDate\r\nE1001,ada.lovelace@example.com,Ada,Lovelace,Engineering,Europe/London,2027-01-04\r\n';

/** The file itself: CSV (`text/csv`) or JSON lines (`application/x-ndjson`). */
export const importBodySchema = z.string().meta({ description: 'The export file', examples: [CSV_EXAMPLE] });

const rowSchema = z.object({
  line: z
    .number()
    .int()
    .optional()
    .meta({ description: 'The file line; absent for an employee missing from a snapshot' }),
  employeeId: z.string().optional(),
  kind: z.enum(['joiner', 'change', 'rehire', 'leaver', 'unchanged', 'kept', 'conflict', 'invalid']),
  fields: z.array(z.string()).optional().meta({ description: 'The profile fields that change' }),
  leave: z.enum(['set', 'moved', 'removed']).optional(),
  note: z.string().optional(),
  problems: z.array(z.string()).optional().meta({ description: "An invalid row's problems, each naming its column" }),
  request: z.object({ method: z.string(), path: z.string(), idempotencyKey: z.string().optional() }).optional(),
  result: z
    .object({
      outcome: z.enum(['applied', 'failed', 'not-started', 'planned', 'refused']),
      status: z.number().int().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    })
    .optional(),
  plan: z
    .object({
      employeeId: z.string(),
      stage: stageSchema,
      schedule: z.array(scheduledActionSchema),
      projection: z.array(scheduledActionSchema),
      destructive: z.number().int(),
    })
    .optional(),
});

const count = z.number().int();

export const importResponse = z
  .object({
    summary: z.object({
      mode: z.enum(['delta', 'snapshot']),
      dryRun: z.boolean(),
      fileHash: z.string(),
      rows: count,
      joiners: count,
      movers: count,
      leavesSet: count,
      leavesMoved: count,
      leavesRemoved: count,
      rehires: count,
      leavers: count,
      unchanged: count,
      kept: count,
      conflicts: count,
      invalid: count,
      applied: count,
      failed: count,
      notStarted: count,
      destructive: count.optional(),
      stopped: z.enum(['file-problems', 'invalid-rows']).optional(),
      ok: z.boolean(),
    }),
    rows: z.array(rowSchema),
  })
  .meta({
    examples: [
      {
        summary: {
          mode: 'delta',
          dryRun: false,
          fileHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          rows: 2,
          joiners: 1,
          movers: 1,
          leavesSet: 0,
          leavesMoved: 0,
          leavesRemoved: 0,
          rehires: 0,
          leavers: 0,
          unchanged: 0,
          kept: 0,
          conflicts: 0,
          invalid: 0,
          applied: 2,
          failed: 0,
          notStarted: 0,
          ok: true,
        },
        rows: [
          {
            line: 2,
            employeeId: 'E1001',
            kind: 'joiner',
            request: {
              method: 'POST',
              path: '/v1/employees',
              idempotencyKey: 'tenure-import.9f86d081884c7d659a2feaa0c55ad015.line-2',
            },
            result: { outcome: 'applied', status: 201 },
          },
          {
            line: 3,
            employeeId: 'E1002',
            kind: 'change',
            fields: ['department'],
            request: {
              method: 'PATCH',
              path: '/v1/employees/E1002',
              idempotencyKey: 'tenure-import.9f86d081884c7d659a2feaa0c55ad015.line-3',
            },
            result: { outcome: 'applied', status: 200 },
          },
        ],
      },
    ],
  });
