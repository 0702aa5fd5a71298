import { z } from 'zod';

/** Stable error codes; the HTTP status follows from the code. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMPLOYEE_NOT_FOUND: 404,
  EMPLOYEE_EXISTS: 409,
  CONFLICT: 409,
  PROTECTED_ACCOUNT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_REJECTED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  LIFECYCLE_ENDED: 422,
  IMPORT_REFUSED: 422,
  TEMPORAL_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  URI_TOO_LONG: 414,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  TIMED_OUT: 503,
  BATCH_DEADLINE_EXCEEDED: 503,
  NOT_STARTED: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export const errorDetailSchema = z.object({
  path: z.string().meta({ description: 'Where: body.field, query.name, params.name', example: 'body.timeZone' }),
  message: z.string().meta({ example: 'must be an IANA time zone such as Europe/Berlin' }),
});
export type ErrorDetail = z.output<typeof errorDetailSchema>;

const errorBodySchema = z.object({
  code: z.string().meta({ example: 'VALIDATION_FAILED' }),
  message: z.string(),
  details: z.array(errorDetailSchema),
});

/** The one error shape of the whole API. */
export const errorSchema = z.object({
  error: errorBodySchema,
  requestId: z.string().meta({ example: '6f1c2e0a-3d4b-4c5d-8e9f-0a1b2c3d4e5f' }),
});
export type ErrorResponse = z.output<typeof errorSchema>;

const EXAMPLES: Record<number, { code: ErrorCode; message: string; details?: ErrorDetail[] }> = {
  400: {
    code: 'VALIDATION_FAILED',
    message: 'the request is invalid',
    details: [{ path: 'body.startDate', message: 'must be a real calendar date in YYYY-MM-DD form' }],
  },
  401: { code: 'UNAUTHENTICATED', message: 'a valid bearer token is required' },
  403: { code: 'FORBIDDEN', message: 'this token may not do that' },
  404: { code: 'EMPLOYEE_NOT_FOUND', message: 'no employee E1001' },
  409: {
    code: 'EMPLOYEE_EXISTS',
    message: 'employee E1001 exists with a different record: change it with PATCH /v1/employees/E1001',
    details: [{ path: 'body.title', message: 'differs from the record in force' }],
  },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the export as text/csv or application/x-ndjson' },
  422: { code: 'REQUEST_REJECTED', message: 'profile changes are not accepted in stage Deactivated: rehire first' },
  503: { code: 'TEMPORAL_UNAVAILABLE', message: 'Temporal is not reachable; try again later' },
  429: { code: 'RATE_LIMITED', message: 'too many requests: at most 1200 in 60 s; retry in 12 seconds' },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every problem with its field path',
  401: 'Missing or unknown bearer token',
  403: 'The token may not do this (or the employee is not a direct report of the manager)',
  404: 'No such employee',
  409: 'Conflicts with what exists',
  413: 'Body too large',
  415: 'A body of a media type the route does not take',
  422: 'The lifecycle rejected the request; the message says why',
  503: 'Temporal is unavailable or did not answer in time',
  429: 'Too many requests for this token; Retry-After says when to try again',
};

/** Error responses for a route's schema, each with an example. */
export function errorResponses<const C extends readonly number[]>(...codes: C): Record<C[number], typeof errorSchema> {
  const out: Record<number, typeof errorSchema> = {};
  for (const code of codes) {
    const example = EXAMPLES[code];
    out[code] = errorSchema.meta({
      description: DESCRIPTIONS[code] ?? 'Error',
      examples: example
        ? [{ error: { details: [], ...example }, requestId: '6f1c2e0a-3d4b-4c5d-8e9f-0a1b2c3d4e5f' }]
        : undefined,
    });
  }
  return out;
}
