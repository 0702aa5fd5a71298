import type { LifecycleAction } from '../contract/core';
import { local } from './activities';
import { checkClaim, invite, provision, resolveManager } from './joining';
import {
  confirmDeletion,
  deactivate,
  expireRetention,
  leaveNotice,
  reactivate,
  requestManualDeletion,
  retractDeletionRequest,
} from './leaving';
import { calendarQuestion } from './plan';
import { syncProfile } from './profile-sync';
import type { EmployeeState } from './state';

/**
 * The actions of the lifecycle, by phase: joining (joining.ts), profile sync (profile-sync.ts),
 * leaving (leaving.ts). This module dispatches one action and knows which ones may be interrupted.
 */

/** Resolves the employee's instants in their zone (a local activity, recorded in history). */
async function resolveCalendar(state: EmployeeState): Promise<void> {
  state.calendar = await local.resolveCalendar(calendarQuestion(state));
}

/** Performs one action, moving the state. */
export async function perform(action: LifecycleAction, state: EmployeeState): Promise<void> {
  switch (action) {
    case 'resolve-calendar':
      return resolveCalendar(state);
    case 'provision':
      return provision(state);
    case 'resolve-manager':
      return resolveManager(state);
    case 'sync-profile':
      return syncProfile(state);
    case 'invite':
      return invite(state);
    case 'check-claim':
      return checkClaim(state);
    case 'leave-notice':
      return leaveNotice(state);
    case 'deactivate':
      return deactivate(state);
    case 'reactivate':
      return reactivate(state);
    case 'retract-deletion-request':
      return retractDeletionRequest(state);
    case 'expire-retention':
      return expireRetention(state);
    case 'request-manual-deletion':
      return requestManualDeletion(state);
    case 'confirm-deletion':
      return confirmDeletion(state);
  }
}
