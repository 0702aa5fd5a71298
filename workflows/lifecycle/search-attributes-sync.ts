import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { iso, searchAttributesOf, type SearchAttributeValues } from '../contract/core';
import { calendarOf, leaveInstant } from './plan';
import type { EmployeeState } from './state';

/** The search attributes that make this employee findable, from the state. */
export function searchAttributeValuesOf(state: EmployeeState): SearchAttributeValues {
  const leaveAt = leaveInstant(state);
  const startsAt = calendarOf(state)?.startsAt;
  const last = state.parked[state.parked.length - 1];
  return {
    employeeId: state.employee.employeeId,
    stage: state.stage,
    ...(state.employee.department ? { department: state.employee.department } : {}),
    ...(state.employee.managerEmployeeId ? { managerEmployeeId: state.employee.managerEmployeeId } : {}),
    ...(startsAt ? { startsAt } : {}),
    ...(leaveAt !== undefined ? { leaveAt: iso(leaveAt) } : {}),
    legalHold: Boolean(state.legalHold),
    needsAttention: Boolean(last),
    ...(last ? { needsAttentionReason: last.reason } : {}),
    ...(state.guard?.held ? { guardState: 'held' as const } : {}),
  };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/**
 * Upserts the search attributes that changed since the last upsert (each upsert is a history
 * event: only changes are worth one). The start request sets them all, so a new run upserts
 * nothing until something changes.
 */
export function syncSearchAttributes(state: EmployeeState): void {
  const current = workflowInfo().typedSearchAttributes;
  const changed = searchAttributesOf(searchAttributeValuesOf(state)).filter(
    ({ key, value }) => !same(current.get(key as never), value),
  );
  if (changed.length === 0) return;
  upsertSearchAttributes(changed);
}
