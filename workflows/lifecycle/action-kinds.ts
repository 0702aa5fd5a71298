import type { LifecycleAction } from '../contract/core';

/**
 * Background actions: nobody's access or data depends on them being done this minute. A due
 * deactivation runs beside them instead of waiting (it pre-empts them), and while the directory
 * refuses Tenure's credentials they are retried less often than the actions that take access away.
 * Everything else runs to its end before the next action starts (a destructive step cannot be taken
 * back half-way).
 */
export const BACKGROUND_ACTIONS: readonly LifecycleAction[] = [
  'sync-profile',
  'resolve-manager',
  'invite',
  'check-claim',
  'leave-notice',
];

export const isBackground = (action: LifecycleAction) => BACKGROUND_ACTIONS.includes(action);
