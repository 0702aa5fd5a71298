/**
 * The `type` of a validator's refusal: `InvalidRequest` when the request itself is malformed (the
 * API answers 400 with the field paths in the failure's details), `RequestRejected` when the
 * lifecycle refuses it as it stands (422: a stage, a hold, a rule).
 */
export const REFUSAL = { invalid: 'InvalidRequest', rejected: 'RequestRejected' } as const;
