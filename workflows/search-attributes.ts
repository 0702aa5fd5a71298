import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes that make employees findable in the Temporal UI and through
 * visibility queries. Registered on the dev server at start, upserted by the workflow.
 */
export const EmployeeIdKey = defineSearchAttributeKey('EmployeeId', SearchAttributeType.KEYWORD);
export const LifecycleStageKey = defineSearchAttributeKey('LifecycleStage', SearchAttributeType.KEYWORD);
export const DepartmentKey = defineSearchAttributeKey('Department', SearchAttributeType.KEYWORD);
export const ManagerEmployeeIdKey = defineSearchAttributeKey('ManagerEmployeeId', SearchAttributeType.KEYWORD);
export const StartDateKey = defineSearchAttributeKey('StartDate', SearchAttributeType.DATETIME);
export const LeaveDateKey = defineSearchAttributeKey('LeaveDate', SearchAttributeType.DATETIME);
export const LegalHoldKey = defineSearchAttributeKey('LegalHold', SearchAttributeType.BOOL);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);

export const SEARCH_ATTRIBUTES = [
  EmployeeIdKey,
  LifecycleStageKey,
  DepartmentKey,
  ManagerEmployeeIdKey,
  StartDateKey,
  LeaveDateKey,
  LegalHoldKey,
  NeedsAttentionKey,
] as const;
