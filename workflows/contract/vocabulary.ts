/**
 * The names of the lifecycle (see the domain notes): stages, timeline events, actions, actors and
 * the reasons an employee needs attention. The workflow state, the search attributes, the API's
 * JSON, the README and the tests all use these.
 */

export const STAGES = [
  'Provisioning',
  'Provisioned',
  'Invited',
  'Active',
  'Unclaimed',
  'Deactivated',
  'AwaitingManualDeletion',
  'Deleted',
  'Withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages in which the account is live and a leave can be scheduled. */
export const LIVE_STAGES: readonly Stage[] = ['Provisioning', 'Provisioned', 'Invited', 'Unclaimed', 'Active'];
/** Stages after the account was deactivated and before it is gone. */
export const LEFT_STAGES: readonly Stage[] = ['Deactivated', 'AwaitingManualDeletion'];
export const FINAL_STAGES: readonly Stage[] = ['Deleted', 'Withdrawn'];

export const isLive = (stage: Stage) => LIVE_STAGES.includes(stage);
export const hasLeft = (stage: Stage) => LEFT_STAGES.includes(stage);
export const isFinal = (stage: Stage) => FINAL_STAGES.includes(stage);

export const TIMELINE_EVENTS = [
  'provisioned',
  'invited',
  'reminder-sent',
  'manager-escalated',
  'manager-linked',
  'claimed',
  'reminders-exhausted',
  'profile-updated',
  'leave-scheduled',
  'leave-moved',
  'leave-cancelled',
  'leave-notice-sent',
  'deactivated',
  'read-back-confirmed',
  'drift-corrected',
  'reactivated',
  'legal-hold-placed',
  'legal-hold-release-requested',
  'legal-hold-released',
  'scrubbed',
  'manual-deletion-requested',
  'deletion-request-retracted',
  'deletion-confirmed',
  'deleted',
  'rehired',
  'withdrawn',
  'failed',
  'retried',
  'held-by-guard',
  'released-by-guard',
] as const;
export type TimelineEventName = (typeof TIMELINE_EVENTS)[number];

/** The actions the lifecycle performs; the schedule in the status lists the next ones. */
export const LIFECYCLE_ACTIONS = [
  'resolve-calendar',
  'provision',
  'resolve-manager',
  'sync-profile',
  'invite',
  'check-claim',
  'leave-notice',
  'deactivate',
  'reactivate',
  'retract-deletion-request',
  'expire-retention',
  'request-manual-deletion',
  'confirm-deletion',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Why an action due now does not run. */
export const BLOCKERS = ['legal-hold', 'needs-attention', 'operator-confirmation'] as const;
export type Blocker = (typeof BLOCKERS)[number];

/** The roles of the people who make requests (the API's token roles). */
export const ROLES = ['hr', 'operator', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who made a change: a person (their token's role and name) or Tenure itself, acting on a rule of
 * the policy (a due timer, a retry after a backoff).
 */
export type Actor = { role: Role; name: string; employeeId?: string } | { role: 'tenure'; rule: string };

/**
 * Why an employee needs attention: a reason of Tenure's own, or the failing action's error type
 * (`WorkplaceRequestRejected`, `MailRejected`, …).
 */
export const ATTENTION_REASONS = {
  /** the directory refused Tenure's credentials (401/403): retried with a long backoff, fleet-wide alert */
  directoryUnauthorized: 'directory-unauthorized',
  /** a non-critical action kept failing past its time bound: retried later on its own */
  gaveUp: 'gave-up-for-now',
  /** the record the lifecycle was started with is invalid */
  invalidRecord: 'invalid-record',
  /** a deactivation, deletion or scrub of an account listed in GUARD_PROTECTED: never done */
  protectedAccount: 'protected-account',
  /** operators rejected a destructive action the guard held */
  guardRejected: 'guard-rejected',
  /** the directory, read back after a deactivation or deletion, does not show it done */
  directoryMismatch: 'directory-mismatch',
} as const;
