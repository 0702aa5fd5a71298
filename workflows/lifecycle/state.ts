import type {
  Actor,
  Calendar,
  EmployeeRecord,
  LeaveReason,
  LifecycleAction,
  LifecyclePolicy,
  Stage,
  TimelineEntry,
  TimelineEventName,
} from '../contract/core';
import { iso } from '../contract/core';

/**
 * The lifecycle's private state: the facts the workflow has recorded (what the directory said,
 * what was sent, what people asked for), never a due instant — the planner derives those. Carried
 * across continue-as-new; `version` says which shape a carried state has.
 */

/** The shape of the carried state; bump it (and convert older shapes at start) when it changes. */
export const STATE_VERSION = 1;

/** How many timeline entries the state keeps; older ones are counted, not kept, so state stays small for years. */
export const TIMELINE_LIMIT = 100;
/** How many recent request ids the state remembers, so that a retried request is not applied twice. */
export const REQUEST_MEMORY = 50;

/** A failed action, parked until an operator's retry (or, for some reasons, Tenure's own at `retryAt`). */
export interface Parked {
  action: LifecycleAction;
  type: string;
  message: string;
  reason: string;
  at: string;
  retryAt?: string;
  /** how many times in a row this action failed this way (drives the backoff) */
  failures: number;
}

/** What the lifecycle knows of the guard (workflows/lifecycle/guard.ts). */
export interface GuardState {
  held?: {
    action: LifecycleAction;
    slot: string;
    since: string;
    /** when the lifecycle asks the guard again on its own */
    recheckAt: string;
    /** operators decided (the guardDecision signal): ask again now */
    decided?: boolean;
  };
  /** rejections so far per action: part of the next claim's slot, so that a retry is a new claim */
  rejections?: Partial<Record<LifecycleAction, number>>;
}

export interface EmployeeState {
  version: typeof STATE_VERSION;
  /** the lifecycle release of the code that began this run (contract/release.ts); absent: before release 2 */
  release?: number;
  /** the run tries directory requests in its workflow tasks (the worker's DIRECTORY_IN_TASK when it began) */
  directoryInTask?: boolean;
  employee: EmployeeRecord;
  policy: LifecyclePolicy;
  /** GUARD_PROTECTED as the worker read it when the lifecycle began (absent before the guard) */
  protectedAccounts?: string[];
  /** the blast-radius brake: the action it holds, and how many times operators rejected each action */
  guard?: GuardState;
  /** the employment's id: stable for the life of this workflow chain, new after a deletion and a new start */
  employment: string;
  /** 1 for the first hire, +1 per rehire on the same account */
  cycle: number;
  stage: Stage;
  account?: {
    userId: string;
    /** the directory lets Tenure delete it (Workplace: only never-claimed accounts) */
    deletable: boolean;
    invitedAt?: string;
    claimedAt?: string;
  };
  calendar?: Calendar;
  manager?: {
    employeeId: string;
    userId?: string;
    email?: string;
    displayName?: string;
    /** lookups made without finding them (drives the backoff) */
    lookups: number;
    lookedUpAt?: string;
  };
  reminders: { sent: number; checkedAt?: string; escalatedAt?: string };
  leave?: {
    /** the instant deactivation is due, when given as an instant (a date resolves through the calendar) */
    at?: string;
    date?: string;
    reason: LeaveReason;
    by: Actor;
    /** requested effective now (someone walked out): its deactivation goes ahead of scheduled ones */
    now?: boolean;
    noticeSentAt?: string;
    /** why no notice goes out for this leave (no manager found in the directory) */
    noticeSkipped?: string;
  };
  deactivatedAt?: string;
  scrubbedAt?: string;
  deletion: {
    /** how many deletion requests went to operators (part of each one's Message-ID) */
    requests: number;
    requestedAt?: string;
    retractedAt?: string;
    confirmed?: { at: string; by: Actor; note?: string; requestId?: string };
  };
  deletedAt?: string;
  /** who asked for the hire, and in which API request (the first provisioning records it) */
  hiredBy?: { by: Actor; requestId?: string };
  withdrawn: boolean;
  legalHold?: {
    reason: string;
    placedAt: string;
    by: Actor;
    releaseRequested?: { at: string; by: Actor; note?: string };
  };
  rehirePending: boolean;
  /** the record's revision (bumped by every change the directory must get) and the one last written */
  profile: { revision: number; written: number; fields: string[] };
  parked: Parked[];
  timeline: TimelineEntry[];
  timelineDropped: number;
  /** ids of recently accepted requests (their update ids; see idempotency.ts) */
  requests: { id: string }[];
}

/** Who did it when Tenure acted on its own: the rule of the policy it followed. */
export const tenure = (rule: string): Actor => ({ role: 'tenure', rule });

/** The state of a new joiner, before anything happened. */
export function initialState(
  employee: EmployeeRecord,
  policy: LifecyclePolicy,
  employment: string,
  by: Actor,
  requestId?: string,
): EmployeeState {
  return {
    version: STATE_VERSION,
    employee,
    policy,
    employment,
    cycle: 1,
    stage: 'Provisioning',
    ...(employee.managerEmployeeId ? { manager: { employeeId: employee.managerEmployeeId, lookups: 0 } } : {}),
    reminders: { sent: 0 },
    ...(leaveFromRecord(employee, by) ? { leave: leaveFromRecord(employee, by) } : {}),
    ...(by.role !== 'tenure' ? { hiredBy: { by, ...(requestId ? { requestId } : {}) } } : {}),
    deletion: { requests: 0 },
    withdrawn: false,
    rehirePending: false,
    profile: { revision: 0, written: 0, fields: [] },
    parked: [],
    timeline: [],
    timelineDropped: 0,
    requests: [],
  };
}

/** The leave an employee record carries: an exact instant, or a date to resolve in the employee's zone. */
export function leaveFromRecord(
  employee: Pick<EmployeeRecord, 'leaveAt' | 'leaveDate'>,
  by: Actor,
): EmployeeState['leave'] {
  if (employee.leaveAt) return { at: iso(Date.parse(employee.leaveAt)), reason: 'leave-date', by };
  if (employee.leaveDate) return { date: employee.leaveDate, reason: 'leave-date', by };
  return undefined;
}

/** Appends to the timeline, keeping only the newest entries. */
export function record(
  state: EmployeeState,
  at: number,
  event: TimelineEventName,
  by: Actor,
  detail?: string,
  requestId?: string,
): void {
  state.timeline.push({
    at: iso(at),
    event,
    ...(detail ? { detail } : {}),
    by,
    ...(requestId ? { requestId } : {}),
  });
  const excess = state.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    state.timeline.splice(0, excess);
    state.timelineDropped += excess;
  }
}

/** The record changed in a way the directory must get: the profile sync writes it. */
export function touchProfile(state: EmployeeState, fields: readonly string[]): void {
  state.profile.revision += 1;
  state.profile.fields = [...new Set([...state.profile.fields, ...fields])];
}
