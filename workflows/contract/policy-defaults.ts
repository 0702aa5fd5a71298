import type { LifecyclePolicy } from './policy';

/** The documented defaults of the lifecycle policy (the README's configuration table). */
export const DEFAULT_LIFECYCLE_POLICY: Readonly<LifecyclePolicy> = Object.freeze({
  inviteOffset: '9h',
  reminderInterval: '3d',
  escalateAfter: 3,
  maxReminders: 10,
  leaveNotice: '7d',
  retention: '30d',
});
