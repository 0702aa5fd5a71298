import { hasLeft, isLive } from '../contract/core';
import { record, tenure, touchProfile, type EmployeeState } from './state';

/**
 * The reconciler found the account's attributes changed behind Tenure's back: the record in force
 * is written again by the next profile sync (every managed attribute, in one PATCH). Only while
 * the profile is Tenure's to write — an account that exists and was not scrubbed. Answers whether
 * it applies.
 */
export function applyProfileDrift(state: EmployeeState, now: number): boolean {
  const writable = isLive(state.stage) || (hasLeft(state.stage) && !state.scrubbedAt);
  if (!state.account || !writable) return false;
  touchProfile(state, ['drift']);
  record(state, now, 'drift-corrected', tenure('reconciler'), 'the directory differed from the record: written again');
  return true;
}
