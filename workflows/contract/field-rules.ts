/**
 * Field rules the workflow needs without the schemas (kept free of zod: see core.ts).
 */

/** An HR employee id: 1–64 of `A-Z a-z 0-9 . _ -` (it becomes part of the workflow id). */
export const EMPLOYEE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const DISPLAY_NAME_MAX = 256;
