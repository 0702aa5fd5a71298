import { z } from 'zod';
import { lifecyclePolicySchema } from './policy';
import { actorSchema } from './requests';
import { BLOCKERS, LIFECYCLE_ACTIONS, STAGES, TIMELINE_EVENTS } from './vocabulary';

/**
 * What the lifecycle shows of itself: one designed view per audience, built from the workflow's
 * private state. HR and operators see the whole employment (`EmployeeStatus`); a manager sees the
 * stage, dates, flags and next action of a direct report (`ManagerStatus`) — never reasons, notes,
 * errors or contact data. No view ever holds a claim link.
 */

/**
 * The record in force as the views show it. Deliberately lenient (plain strings): a record the
 * workflow accepted is shown as it is, even if a later release tightens the request rules.
 */
const recordViewSchema = z.object({
  employeeId: z.string(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  costCenter: z.string().optional(),
  managerEmployeeId: z.string().optional(),
  locale: z.string().optional(),
  timeZone: z.string(),
  startDate: z.string(),
  leaveDate: z.string().optional(),
  leaveAt: z.string().optional(),
  authMethod: z.enum(['sso', 'password']).optional(),
});

export const stageSchema = z.enum(STAGES).meta({ example: 'Invited' });
export const lifecycleActionSchema = z.enum(LIFECYCLE_ACTIONS);

export const timelineEntrySchema = z.object({
  at: z.string(),
  event: z.enum(TIMELINE_EVENTS),
  detail: z.string().optional(),
  by: actorSchema.optional().meta({ description: 'Who made the change; Tenure itself with the rule it followed' }),
  requestId: z.string().optional(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;

export const scheduledActionSchema = z.object({
  action: lifecycleActionSchema,
  /** when it is due; absent when it waits for someone (an operator, a legal-hold release) */
  at: z.string().optional(),
  /** why it does not run now even though due */
  blockedBy: z.enum(BLOCKERS).optional(),
});
export type ScheduledAction = z.output<typeof scheduledActionSchema>;

export const lifecycleErrorSchema = z.object({
  at: z.string(),
  action: lifecycleActionSchema,
  /** the ApplicationFailure type, e.g. `WorkplaceRequestRejected` */
  type: z.string(),
  message: z.string(),
  /** why the employee needs attention: a reason of Tenure's own or the error type */
  reason: z.string(),
  /** when Tenure tries again on its own (auth failures, non-critical actions that gave up for now) */
  retryAt: z.string().optional(),
});
export type LifecycleError = z.output<typeof lifecycleErrorSchema>;

const leaveViewSchema = z.object({
  /** the instant deactivation is due; absent until a leave date is resolved in the employee's zone */
  at: z.string().optional(),
  /** the leave date it came from, if any */
  date: z.string().optional(),
  reason: z.enum(['leave-date', 'early-leave', 'offer-withdrawn']),
});

/** The employee's status for HR and operators: stage, account, schedule, timeline, last error. */
export const employeeStatusSchema = z.object({
  employeeId: z.string(),
  employee: recordViewSchema,
  policy: lifecyclePolicySchema,
  stage: stageSchema,
  /** 1 for the first hire, +1 per rehire on the same account */
  cycle: z.number(),
  workplaceUserId: z.string().optional(),
  manager: z
    .object({
      employeeId: z.string(),
      workplaceUserId: z.string().optional(),
      email: z.string().optional(),
      displayName: z.string().optional(),
    })
    .optional(),
  startsAt: z.string().optional(),
  inviteAt: z.string().optional(),
  invitedAt: z.string().optional(),
  claimedAt: z.string().optional(),
  remindersSent: z.number(),
  managerEscalatedAt: z.string().optional(),
  nextClaimCheckAt: z.string().optional(),
  leave: leaveViewSchema
    .extend({
      noticeSentAt: z.string().optional(),
      /** why no notice goes out for this leave (no manager found in the directory) */
      noticeSkipped: z.string().optional(),
      by: actorSchema.optional(),
    })
    .optional(),
  deactivatedAt: z.string().optional(),
  /** when retention ends and deletion (or scrub) is due: the leave instant plus the retention */
  deleteAfter: z.string().optional(),
  scrubbedAt: z.string().optional(),
  manualDeletionRequestedAt: z.string().optional(),
  deletionRequestRetractedAt: z.string().optional(),
  deletedAt: z.string().optional(),
  withdrawn: z.boolean(),
  legalHold: z
    .object({
      reason: z.string(),
      placedAt: z.string(),
      placedBy: actorSchema.optional(),
      /** a release asked for by one person, awaiting a second person's confirmation */
      releaseRequested: z
        .object({ at: z.string(), by: actorSchema.optional(), note: z.string().optional() })
        .optional(),
    })
    .optional(),
  needsAttention: z.boolean(),
  needsAttentionReason: z.string().optional(),
  lastError: lifecycleErrorSchema.optional(),
  /** every failed action waiting for a retry (the last one is `lastError`) */
  parked: z.array(lifecycleErrorSchema),
  pending: z.object({
    profileSync: z.boolean(),
    /** the profile fields changed since the last write to the directory */
    profileFields: z.array(z.string()).optional(),
    managerChanged: z.boolean(),
    rehire: z.boolean(),
    deletionConfirmed: z.boolean(),
  }),
  timeline: z.array(timelineEntrySchema),
  /** how many older timeline entries were dropped to keep the state small */
  timelineDropped: z.number(),
  schedule: z.array(scheduledActionSchema),
});
export type EmployeeStatus = z.output<typeof employeeStatusSchema>;

/** What a manager sees of a direct report: stage, dates, flags and the next action. */
export const managerStatusSchema = z.object({
  employeeId: z.string(),
  stage: stageSchema,
  startDate: z.string(),
  startsAt: z.string().optional(),
  leave: leaveViewSchema.optional(),
  legalHold: z.boolean(),
  needsAttention: z.boolean(),
  next: scheduledActionSchema.optional(),
});
export type ManagerStatus = z.output<typeof managerStatusSchema>;

/** The manager's view of a status: nothing beyond what `managerStatusSchema` lists. */
export function managerViewOf(status: EmployeeStatus): ManagerStatus {
  const next = status.schedule.find((s) => !s.blockedBy) ?? status.schedule[0];
  return {
    employeeId: status.employeeId,
    stage: status.stage,
    startDate: status.employee.startDate,
    ...(status.startsAt ? { startsAt: status.startsAt } : {}),
    ...(status.leave
      ? {
          leave: {
            ...(status.leave.at ? { at: status.leave.at } : {}),
            ...(status.leave.date ? { date: status.leave.date } : {}),
            reason: status.leave.reason,
          },
        }
      : {}),
    legalHold: Boolean(status.legalHold),
    needsAttention: status.needsAttention,
    ...(next ? { next } : {}),
  };
}
