/**
 * The planner's second door, beside the contract: dry runs of joiners, for the API. A joiner has no
 * lifecycle to ask yet, so its plan is made here, from the same initial state and the same pure
 * planner a new lifecycle starts from. (Dry runs of requests to a running lifecycle ask the
 * lifecycle itself: the `preview` query.) Pure; no I/O.
 */
import {
  answerCalendar,
  type Actor,
  type DryRunPlan,
  type EmployeeRecord,
  type LifecyclePolicy,
} from './contract/core';
import { calendarQuestion, schedule } from './lifecycle/plan';
import { destructiveSteps, project } from './lifecycle/projection';
import { initialState } from './lifecycle/state';

/** What starting this joiner would do: the first actions, and the whole road ahead with its instants. */
export function planJoiner(employee: EmployeeRecord, policy: LifecyclePolicy, by: Actor, now: number): DryRunPlan {
  const state = initialState(employee, policy, 'dry-run', by);
  // What the lifecycle's first local activity (beginLifecycle) would answer.
  state.calendar = answerCalendar(calendarQuestion(state));
  const projection = project(state, now);
  return {
    dryRun: true,
    employeeId: employee.employeeId,
    stage: state.stage,
    schedule: schedule(state, now),
    projection,
    destructive: destructiveSteps(projection),
  };
}
