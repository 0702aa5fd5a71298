import type { LifecycleAction } from './vocabulary';

/** The actions that take an account away: counted by a dry run, and by the brake. */
export const DESTRUCTIVE_ACTIONS: readonly LifecycleAction[] = ['deactivate', 'expire-retention'];
