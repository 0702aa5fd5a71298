import type { EmployeeRecord, Stage, TimelineEventName } from '../employee';
import type { EmployeeState, LifecyclePolicy } from './types';

/** How many timeline entries the state keeps; older ones are counted, not kept, so state stays small for years. */
export const TIMELINE_LIMIT = 100;

/** Stages in which the account is live and a leave can be scheduled. */
export const LIVE_STAGES: readonly Stage[] = ['Provisioning', 'Provisioned', 'Invited', 'Unclaimed', 'Active'];
/** Stages after the account was deactivated and before it is gone. */
export const LEFT_STAGES: readonly Stage[] = ['Deactivated', 'AwaitingManualDeletion'];
export const FINAL_STAGES: readonly Stage[] = ['Deleted', 'Withdrawn'];

export const isLive = (stage: Stage) => LIVE_STAGES.includes(stage);
export const hasLeft = (stage: Stage) => LEFT_STAGES.includes(stage);
export const isFinal = (stage: Stage) => FINAL_STAGES.includes(stage);

/** The state of a new joiner, before anything happened. */
export function initialState(employee: EmployeeRecord, policy: LifecyclePolicy): EmployeeState {
  return {
    employee,
    policy,
    stage: 'Provisioning',
    cycle: 1,
    remindersSent: 0,
    leave: leaveFromRecord(employee),
    withdrawn: false,
    needsAttention: false,
    pending: { profileSync: false, managerChanged: false, rehire: false },
    manager: employee.managerEmployeeId ? { employeeId: employee.managerEmployeeId } : undefined,
    timeline: [],
    timelineDropped: 0,
  };
}

/** The leave an employee record carries: an exact instant, or a date still to resolve in the employee's zone. */
export function leaveFromRecord(employee: Pick<EmployeeRecord, 'leaveAt' | 'leaveDate'>): EmployeeState['leave'] {
  if (employee.leaveAt) return { at: new Date(employee.leaveAt).toISOString(), reason: 'leave-date' };
  if (employee.leaveDate) return { date: employee.leaveDate, reason: 'leave-date' };
  return undefined;
}

/** Appends to the timeline, keeping only the newest entries. */
export function record(state: EmployeeState, at: number, event: TimelineEventName, detail?: string): void {
  state.timeline.push(
    detail === undefined
      ? { at: new Date(at).toISOString(), event }
      : { at: new Date(at).toISOString(), event, detail },
  );
  const excess = state.timeline.length - TIMELINE_LIMIT;
  if (excess > 0) {
    state.timeline.splice(0, excess);
    state.timelineDropped += excess;
  }
}
