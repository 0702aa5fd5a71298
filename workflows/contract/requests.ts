import { z } from 'zod';
import { type EmployeeProfile, profileChangeSchema } from './employee';
import { calendarDateSchema, employeeIdSchema, instantSchema, noteSchema, text, timeZoneSchema } from './fields';
import type { LeaveReason } from './leave';
import { ROLES, type Actor } from './vocabulary';

/**
 * The arguments of the lifecycle's updates: what each request carries, and who made it. The API
 * builds them from a request and its principal; the workflow's validators check them with these
 * schemas, so a request the API lets through is one the workflow accepts (or refuses for the
 * lifecycle's own reasons: a stage, a hold).
 */

/** Who made a request, and the request's id (kept in the timeline). */
export interface Requested {
  /** absent when an operator sends the update by hand (the Temporal CLI): recorded as such */
  by?: Actor;
  requestId?: string;
}

export const actorSchema = z.union([
  z.strictObject({ role: z.enum(ROLES), name: text(128), employeeId: employeeIdSchema.optional() }),
  z.strictObject({ role: z.literal('tenure'), rule: text(128) }),
]);

const requested = {
  by: actorSchema.optional(),
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 of A-Z a-z 0-9 . _ : -')
    .optional(),
};

/** A mover: profile changes, written to the directory. */
export interface ProfileChange extends Requested {
  changes: Partial<EmployeeProfile>;
}
export const profileChangeRequestSchema = z.strictObject({ changes: profileChangeSchema, ...requested });

/** A change of the leave: effective now, at an instant, at the end of a date, or removed. */
export type LeaveChange = (
  | { effective: 'now' }
  | { effective: 'at'; leaveAt: string }
  | { effective: 'date'; leaveDate: string }
  | { effective: 'none' }
) & {
  /** `early-leave` for a manager's early leave; a plain date change keeps `leave-date` */
  reason?: Exclude<LeaveReason, 'offer-withdrawn'>;
  /** free text kept in the timeline */
  note?: string;
  /** accept a leave before the start date (refused otherwise) */
  leaveBeforeStart?: boolean;
} & Requested;

const leaveCommon = {
  reason: z.enum(['leave-date', 'early-leave']).optional(),
  note: noteSchema.optional(),
  leaveBeforeStart: z.boolean().optional(),
  ...requested,
};
export const leaveChangeSchema = z.discriminatedUnion('effective', [
  z.strictObject({ effective: z.literal('now'), ...leaveCommon }),
  z.strictObject({ effective: z.literal('at'), leaveAt: instantSchema, ...leaveCommon }),
  z.strictObject({ effective: z.literal('date'), leaveDate: calendarDateSchema, ...leaveCommon }),
  z.strictObject({ effective: z.literal('none'), ...leaveCommon }),
]);

/** A rehire: new dates (and optionally profile changes) for the same account. */
export interface RehireRequest extends Partial<EmployeeProfile>, Requested {
  startDate: string;
  leaveDate?: string;
  leaveAt?: string;
  timeZone?: string;
  leaveBeforeStart?: boolean;
}
export const rehireRequestSchema = z.strictObject({
  ...profileChangeSchema.shape,
  startDate: calendarDateSchema,
  leaveDate: calendarDateSchema.optional(),
  leaveAt: instantSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  leaveBeforeStart: z.boolean().optional(),
  ...requested,
});

/** A request that carries at most a note: withdraw, release a hold, confirm a deletion, retry. */
export interface NoteRequest extends Requested {
  note?: string;
}
export const noteRequestSchema = z.strictObject({ note: noteSchema.optional(), ...requested });

export interface LegalHoldRequest extends Requested {
  reason: string;
}
export const legalHoldRequestSchema = z.strictObject({ reason: text(500), ...requested });

/** Re-read the policy from the worker's configuration. */
export type PolicyRefresh = Requested;
export const policyRefreshSchema = z.strictObject({ ...requested });

/** A field problem of a refused request (path relative to the update's argument). */
export interface FieldProblem {
  path: string;
  message: string;
}
