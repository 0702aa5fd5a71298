import type { EmployeeProfile, EmployeeRecord, Stage, TimelineEventName } from '../employee';

/**
 * The lifecycle policy in force for one employee (durations in Temporal's format: `'3 days'`,
 * `'9h'`, `'-7d'`). Read from the worker's configuration when the workflow starts and carried
 * across continue-as-new; `refreshPolicy` re-reads it.
 */
export interface LifecyclePolicy {
  /** invite at the start of the start date (employee's zone) plus this; negative allowed */
  inviteOffset: string;
  reminderInterval: string;
  /** after this many reminders the manager is e-mailed too */
  escalateAfter: number;
  /** after this many reminders the employee is `Unclaimed`: no more e-mails */
  maxReminders: number;
  /** e-mail the manager this long before a scheduled deactivation */
  leaveNotice: string;
  /** time from deactivation to deletion */
  retention: string;
}

/** Why an account is deactivated: the planned leave date, a manager's early leave, or a withdrawn offer. */
export type LeaveReason = 'leave-date' | 'early-leave' | 'offer-withdrawn';

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
};

/** A rehire: new dates (and optionally profile changes) for the same account. */
export interface RehireRequest extends Partial<EmployeeProfile> {
  startDate: string;
  leaveDate?: string;
  leaveAt?: string;
  timeZone?: string;
}

export interface LegalHoldRequest {
  reason: string;
}

export interface DeletionConfirmation {
  /** who deleted the account in the Workplace Admin Panel */
  confirmedBy?: string;
  note?: string;
}

export interface TimelineEntry {
  at: string;
  event: TimelineEventName;
  detail?: string;
}

/** The actions the lifecycle performs; the schedule in the status lists the next ones. */
export type LifecycleAction =
  | 'provision'
  | 'resolve-dates'
  | 'sync-profile'
  | 'invite'
  | 'check-claim'
  | 'leave-notice'
  | 'deactivate'
  | 'reactivate'
  | 'expire-retention'
  | 'confirm-deletion';

export interface ScheduledAction {
  action: LifecycleAction;
  /** when it is due; absent when it waits for someone (an operator, a legal-hold release) */
  at?: string;
  /** why it does not run now even though due */
  blockedBy?: 'legal-hold' | 'needs-attention' | 'operator-confirmation';
}

export interface LifecycleError {
  at: string;
  action: LifecycleAction;
  /** the ApplicationFailure type, e.g. `WorkplaceRequestRejected` */
  type: string;
  message: string;
}

export interface ManagerContact {
  employeeId: string;
  workplaceUserId?: string;
  email?: string;
  displayName?: string;
}

/** The lifecycle state of one employee: what the workflow knows, returned by the status query. */
export interface EmployeeState {
  employee: EmployeeRecord;
  policy: LifecyclePolicy;
  stage: Stage;
  /** 1 for the first hire, +1 per rehire; part of every notification slot */
  cycle: number;
  workplaceUserId?: string;
  manager?: ManagerContact;
  /** the instant the start date begins in the employee's zone */
  startsAt?: string;
  /** the instant the invite is due */
  inviteAt?: string;
  invitedAt?: string;
  claimedAt?: string;
  claimLink?: string;
  remindersSent: number;
  managerEscalatedAt?: string;
  nextClaimCheckAt?: string;
  leave?: {
    /** the instant deactivation is due; absent until a leave date is resolved in the employee's zone */
    at?: string;
    /** the leave date it came from, if any */
    date?: string;
    reason: LeaveReason;
    noticeSentAt?: string;
    /** why no notice goes out for this leave (no manager found in Workplace) */
    noticeSkipped?: string;
  };
  deactivatedAt?: string;
  /** when retention ends and deletion (or scrub) is due */
  deleteAfter?: string;
  scrubbedAt?: string;
  manualDeletionRequestedAt?: string;
  deletedAt?: string;
  /** the offer was withdrawn: the lifecycle ends `Withdrawn` instead of `Deleted` */
  withdrawn: boolean;
  legalHold?: { reason: string; placedAt: string };
  needsAttention: boolean;
  lastError?: LifecycleError;
  /** requests accepted by updates that the lifecycle has yet to act on */
  pending: {
    profileSync: boolean;
    /** the profile fields changed since the last sync, for the timeline */
    profileFields?: string[];
    managerChanged: boolean;
    rehire: boolean;
    deletionConfirmed?: DeletionConfirmation;
  };
  timeline: TimelineEntry[];
  /** how many older timeline entries were dropped to keep the state small */
  timelineDropped: number;
}

/** What the status query answers: the state plus the schedule of next actions. */
export interface EmployeeStatus extends EmployeeState {
  employeeId: string;
  schedule: ScheduledAction[];
}

export interface EmployeeLifecycleInput {
  employee: EmployeeRecord;
  /** the policy in force; read from the worker's configuration when absent */
  policy?: LifecyclePolicy;
  /** carried across continue-as-new */
  state?: EmployeeState;
}
