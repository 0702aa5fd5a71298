import { z } from 'zod';
import type { LeaveChange, NoteRequest, ProfileChange, RehireRequest } from './requests';
import { scheduledActionSchema, stageSchema } from './status';

/**
 * Dry runs (`?dryRun=true`): what a request would do, from the same pure planner the lifecycle
 * runs on — nothing is started, sent or changed.
 */

/** One request of a dry run against a running lifecycle, as its update would carry it. */
export type PreviewStep =
  | { update: 'changeProfile'; request: ProfileChange }
  | { update: 'changeLeave'; request: LeaveChange }
  | { update: 'withdrawOffer'; request: NoteRequest }
  | { update: 'rehire'; request: RehireRequest };

export const dryRunPlanSchema = z.object({
  dryRun: z.literal(true),
  employeeId: z.string(),
  /** the stage the employee would be in once the request is taken (before any action runs) */
  stage: stageSchema,
  /** what the lifecycle would do next, each action once, with its due instant (the status's `schedule`) */
  schedule: z.array(scheduledActionSchema),
  /**
   * the whole road ahead: the planner asked again after each action, assuming each one succeeds
   * and the employee claims the account at the first check
   */
  projection: z.array(scheduledActionSchema),
  /** how many actions of the projection take the account away (deactivate; delete or scrub) */
  destructive: z.number().int(),
});
export type DryRunPlan = z.output<typeof dryRunPlanSchema>;

/** A dry run the lifecycle refused, as its update's validator would (the API answers 400 or 422 alike). */
export interface DryRunRefusal {
  refused: { type: string; message: string; problems?: { path: string; message: string }[] };
}
