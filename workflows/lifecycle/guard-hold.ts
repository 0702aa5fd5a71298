import type { Candidate } from './plan';
import type { EmployeeState } from './state';

/** The planner's view of a hold: the held action is due again at its recheck, or at once once operators decided. */
export function withGuardHold(state: EmployeeState, list: Candidate[]): Candidate[] {
  const held = state.guard?.held;
  if (!held || held.decided) return list;
  const recheck = Date.parse(held.recheckAt);
  return list.map((c) => (c.action === held.action && c.at !== undefined ? { ...c, at: Math.max(c.at, recheck) } : c));
}
