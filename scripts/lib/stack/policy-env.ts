import type { LifecyclePolicy } from '../../../workflows/contract';

/** The worker's LIFECYCLE_* variables that give it `policy`. */
export function policyEnv(policy: LifecyclePolicy): NodeJS.ProcessEnv {
  return {
    LIFECYCLE_INVITE_OFFSET: policy.inviteOffset,
    LIFECYCLE_REMINDER_INTERVAL: policy.reminderInterval,
    LIFECYCLE_ESCALATE_AFTER: String(policy.escalateAfter),
    LIFECYCLE_MAX_REMINDERS: String(policy.maxReminders),
    LIFECYCLE_LEAVE_NOTICE: policy.leaveNotice,
    LIFECYCLE_RETENTION: policy.retention,
  };
}
