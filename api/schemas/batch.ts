import { z } from 'zod';
import { errorDetailSchema } from './errors';
import { employeeRecordExample } from './employee';

/** The most joiners one batch request may carry. */
export const MAX_BATCH = 1000;

/**
 * A batch of joiners. Items are validated one by one in the handler (not here), so that one bad
 * item is reported with its index while the valid ones are still started.
 */
export const batchSchema = z
  .strictObject({
    employees: z
      .array(
        z.unknown().meta({
          description: 'An employee record, exactly as POST /v1/employees takes it; validated on its own',
        }),
      )
      .min(1, 'must hold at least one employee')
      .max(MAX_BATCH, `must hold at most ${MAX_BATCH} employees: split the batch`),
  })
  .meta({
    examples: [
      {
        employees: [
          employeeRecordExample,
          { ...employeeRecordExample, employeeId: 'E1002', email: 'grace.hopper@example.com', givenName: 'Grace' },
        ],
      },
    ],
  });

export const batchItemResultSchema = z.object({
  index: z.number().int().meta({ description: 'Position in the request', example: 0 }),
  employeeId: z.string().optional().meta({ example: 'E1001' }),
  status: z.number().int().meta({
    description: '201 started, 200 already there with this record, 409 there with another record, 400 invalid, 503',
    example: 201,
  }),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.array(errorDetailSchema) })
    .optional()
    .meta({ description: 'Why the item was not started' }),
});
export type BatchItemResult = z.output<typeof batchItemResultSchema>;

export const batchResponse = z
  .object({
    summary: z.object({
      created: z.number().int(),
      existing: z.number().int(),
      conflicts: z.number().int(),
      invalid: z.number().int(),
      failed: z.number().int(),
    }),
    results: z.array(batchItemResultSchema),
  })
  .meta({
    examples: [
      {
        summary: { created: 1, existing: 0, conflicts: 0, invalid: 1, failed: 0 },
        results: [
          { index: 0, employeeId: 'E1001', status: 201 },
          {
            index: 1,
            employeeId: 'E1002',
            status: 400,
            error: {
              code: 'VALIDATION_FAILED',
              message: 'employees[1] is invalid',
              details: [
                { path: 'body.employees[1].timeZone', message: 'must be an IANA time zone such as Europe/Berlin' },
              ],
            },
          },
        ],
      },
    ],
  });
