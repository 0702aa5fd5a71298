import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  DepartmentKey,
  EmployeeIdKey,
  LeaveDateKey,
  LegalHoldKey,
  LifecycleStageKey,
  ManagerEmployeeIdKey,
  NeedsAttentionKey,
  StartDateKey,
} from '../search-attributes';
import type { EmployeeState } from './types';

type Pair = { key: SearchAttributeKey<SearchAttributeType>; value: string | boolean | Date | null };

/** The search attributes that make this employee findable, from the state. */
export function searchAttributesOf(state: EmployeeState): Pair[] {
  const { employee } = state;
  return [
    { key: EmployeeIdKey, value: employee.employeeId },
    { key: LifecycleStageKey, value: state.stage },
    { key: DepartmentKey, value: employee.department ?? null },
    { key: ManagerEmployeeIdKey, value: employee.managerEmployeeId ?? null },
    { key: StartDateKey, value: state.startsAt ? new Date(state.startsAt) : null },
    { key: LeaveDateKey, value: state.leave?.at ? new Date(state.leave.at) : null },
    { key: LegalHoldKey, value: Boolean(state.legalHold) },
    { key: NeedsAttentionKey, value: state.needsAttention },
  ];
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/**
 * Upserts the search attributes that changed since the last upsert (each upsert is a history
 * event: only changes are worth one).
 */
export function syncSearchAttributes(state: EmployeeState): void {
  const current = workflowInfo().typedSearchAttributes;
  const changed = searchAttributesOf(state).filter(({ key, value }) => !same(current.get(key as never), value));
  if (changed.length === 0) return;
  upsertSearchAttributes(changed.map(({ key, value }) => ({ key, value })) as never);
}
