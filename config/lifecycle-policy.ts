import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { z } from 'zod';
import { DEFAULT_LIFECYCLE_POLICY as D } from '../workflows/contract';
import type { LifecyclePolicy } from '../workflows/contract';
import { parseEnv } from './env';

/** A duration in Temporal's format (`2s`, `3 days`, `-7d`), checked at start-up rather than in a workflow. */
export const duration = (fallback: string, { negative = false } = {}) =>
  z
    .string()
    .default(fallback)
    .refine(
      (value) => {
        try {
          const ms = msToNumber(value as Duration);
          return negative ? true : ms >= 0;
        } catch {
          return false;
        }
      },
      `must be a duration like '2s', '9h' or '3 days'${negative ? " (negative allowed, e.g. '-7d')" : ''}`,
    );

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const lifecyclePolicyEnvSchema = z.object({
  LIFECYCLE_INVITE_OFFSET: duration(D.inviteOffset, { negative: true }),
  LIFECYCLE_REMINDER_INTERVAL: duration(D.reminderInterval).refine(
    (v) => msToNumber(v as Duration) > 0,
    'must be positive',
  ),
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
