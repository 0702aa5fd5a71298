import { ATTENTION_REASONS, protectionOf } from '../contract/core';
import { LifecycleFailure } from './failure';
import type { EmployeeState } from './state';

/**
 * The protected-account rail: before a step that takes an account away (deactivation, deletion,
 * scrub), the lifecycle stops if the employee is protected. The action is parked — NeedsAttention
 * with reason `protected-account` — and nothing is sent to the directory; an operator's retry tries
 * again (and stops again while the employee stays listed).
 */
export function refuseIfProtected(state: EmployeeState, step: string): void {
  const why = protectionOf(state.protectedAccounts, state.employee);
  if (why) {
    throw new LifecycleFailure('ProtectedAccount', `${step} refused: ${why}`, ATTENTION_REASONS.protectedAccount);
  }
}
