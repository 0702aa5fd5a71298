import { z } from 'zod';
import { DEFAULT_LIFECYCLE_POLICY as D, durationSchema, type LifecyclePolicy } from '../workflows/contract';
import { parseEnv } from './env';

/** A duration in Temporal's format (`2s`, `3 days`, `-7d`), checked at start-up rather than in a workflow. */
export const duration = (fallback: string, sign: Parameters<typeof durationSchema>[0] = 'non-negative') =>
  durationSchema(sign).default(fallback);

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const lifecyclePolicyEnvSchema = z.object({
  LIFECYCLE_INVITE_OFFSET: duration(D.inviteOffset, 'any'),
  LIFECYCLE_REMINDER_INTERVAL: duration(D.reminderInterval, 'positive'),
  LIFECYCLE_ESCALATE_AFTER: count(D.escalateAfter),
  LIFECYCLE_MAX_REMINDERS: count(D.maxReminders),
  LIFECYCLE_LEAVE_NOTICE: duration(D.leaveNotice),
  LIFECYCLE_RETENTION: duration(D.retention),
});

/** The lifecycle policy from the worker's environment; fails fast with every bad variable named. */
export function loadLifecyclePolicy(env: NodeJS.ProcessEnv = process.env): LifecyclePolicy {
  const p = parseEnv('lifecycle policy', lifecyclePolicyEnvSchema, env);
  return {
    inviteOffset: p.LIFECYCLE_INVITE_OFFSET,
    reminderInterval: p.LIFECYCLE_REMINDER_INTERVAL,
    escalateAfter: p.LIFECYCLE_ESCALATE_AFTER,
    maxReminders: p.LIFECYCLE_MAX_REMINDERS,
    leaveNotice: p.LIFECYCLE_LEAVE_NOTICE,
    retention: p.LIFECYCLE_RETENTION,
  };
}
