import { employeeParamsSchema } from '../../schemas/requests';

/** What every `/v1/employees` operation declares in the OpenAPI document. */
export const employeeDocs = { tags: ['employees'], security: [{ bearerAuth: [] }] } as const;

export const params = employeeParamsSchema.meta({ examples: [{ employeeId: 'E1001' }] });
