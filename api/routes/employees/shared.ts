import { z } from 'zod';
import { employeeParamsSchema } from '../../schemas/requests';

/** What every `/v1/employees` operation declares in the OpenAPI document. */
export const employeeDocs = { tags: ['employees'], security: [{ bearerAuth: [] }] } as const;

export const params = employeeParamsSchema.meta({ examples: [{ employeeId: 'E1001' }] });

/** The optional `Idempotency-Key` header of mutating routes (checked by the idempotency-key plugin). */
export const idempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .optional()
      .meta({
        description:
          'Retry-safe requests: the same key and request again answers as the first time and changes nothing; ' +
          'the same key with a different request is a 422 (1–255 visible ASCII characters)',
        example: '7f3c1a2e-9b4d-4e8f-a1c2-3d4e5f6a7b8c',
      }),
  })
  .meta({ description: 'Headers' });
