import type { Stage } from './vocabulary';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes that make employees findable in the Temporal UI and through
 * visibility queries. Registered on the dev server at start; set in the start request and upserted by the workflow when
 * they change. None carries personal data (SQL visibility allows 3 Bool, 3 Datetime and 10 Keyword
 * custom attributes per namespace: this uses 2, 2 and 7).
 */
export const EmployeeIdKey = defineSearchAttributeKey('EmployeeId', SearchAttributeType.KEYWORD);
export const LifecycleStageKey = defineSearchAttributeKey('LifecycleStage', SearchAttributeType.KEYWORD);
export const DepartmentKey = defineSearchAttributeKey('Department', SearchAttributeType.KEYWORD);
export const ManagerEmployeeIdKey = defineSearchAttributeKey('ManagerEmployeeId', SearchAttributeType.KEYWORD);
export const StartDateKey = defineSearchAttributeKey('StartDate', SearchAttributeType.DATETIME);
export const LeaveDateKey = defineSearchAttributeKey('LeaveDate', SearchAttributeType.DATETIME);
export const LegalHoldKey = defineSearchAttributeKey('LegalHold', SearchAttributeType.BOOL);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);
/**
 * The keyed digest (HMAC-SHA256 under a key derived from the master keys) of the request that
 * started the run: how the API recognises a replayed joiner, also after the run's payloads were
 * crypto-shredded, without letting anyone confirm a guessed record. Set at start only.
 */
export const RequestDigestKey = defineSearchAttributeKey('RequestDigest', SearchAttributeType.KEYWORD);
/** Why the employee needs attention (`directory-unauthorized`, or the failing action's error type); absent when not. */
export const NeedsAttentionReasonKey = defineSearchAttributeKey('NeedsAttentionReason', SearchAttributeType.KEYWORD);
/** `held` while the blast-radius brake holds a destructive action of the employee; absent otherwise. */
export const GuardStateKey = defineSearchAttributeKey('GuardState', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [
  EmployeeIdKey,
  LifecycleStageKey,
  DepartmentKey,
  ManagerEmployeeIdKey,
  StartDateKey,
  LeaveDateKey,
  LegalHoldKey,
  NeedsAttentionKey,
  NeedsAttentionReasonKey,
  RequestDigestKey,
  GuardStateKey,
] as const;

/** The values of an employee's search attributes, in the contract's words. */
export interface SearchAttributeValues {
  employeeId: string;
  stage: Stage;
  department?: string;
  managerEmployeeId?: string;
  /** the instant the start date begins in the employee's zone */
  startsAt?: string;
  /** the instant deactivation is due */
  leaveAt?: string;
  legalHold: boolean;
  needsAttention: boolean;
  needsAttentionReason?: string;
  /** `held` while the guard holds a destructive action */
  guardState?: 'held';
}

/**
 * The typed search-attribute pairs of those values (absent ones as `null`, which removes them on
 * an upsert): the start request sets them all, and the workflow upserts the ones that change.
 */
export function searchAttributesOf(v: SearchAttributeValues) {
  return [
    { key: EmployeeIdKey, value: v.employeeId },
    { key: LifecycleStageKey, value: v.stage },
    { key: DepartmentKey, value: v.department ?? null },
    { key: ManagerEmployeeIdKey, value: v.managerEmployeeId ?? null },
    { key: StartDateKey, value: v.startsAt ? new Date(v.startsAt) : null },
    { key: LeaveDateKey, value: v.leaveAt ? new Date(v.leaveAt) : null },
    { key: LegalHoldKey, value: v.legalHold },
    { key: NeedsAttentionKey, value: v.needsAttention },
    { key: NeedsAttentionReasonKey, value: v.needsAttentionReason ?? null },
    { key: GuardStateKey, value: v.guardState ?? null },
  ] as const;
}
