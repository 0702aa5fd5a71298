import { durationMs, type LifecyclePolicy } from '../workflows/contract';

/**
 * The lifecycle policy `npm run start:demo` gives the worker: a whole employment in a minute.
 * Reminders every 5 s, the manager told after the 2nd, Unclaimed after the 4th; the manager's
 * notice 10 s before a scheduled leave; deletion 20 s after deactivation.
 */
export const DEMO_POLICY_ENV = {
  LIFECYCLE_INVITE_OFFSET: '0s',
  LIFECYCLE_REMINDER_INTERVAL: '5s',
  LIFECYCLE_ESCALATE_AFTER: '2',
  LIFECYCLE_MAX_REMINDERS: '4',
  LIFECYCLE_LEAVE_NOTICE: '10s',
  LIFECYCLE_RETENTION: '20s',
} as const;

/** Beyond this, the stack's policy is not one a demo can show. */
export const MAX_DEMO_DURATION_MS = 5 * 60_000;

/**
 * Time between the hire and the scheduled leave: after the claim (one reminder interval) and the
 * manager's notice, with some seconds between them to see each happen.
 */
export function scheduledLeaveDelayMs(policy: LifecyclePolicy): number {
  return Math.max(ms(policy.leaveNotice), ms(policy.reminderInterval)) + 15_000;
}

/**
 * How long the demo's longest story takes under a policy: the never-claimed account's invite
 * (`inviteDelayMs` from now), every reminder, then retention after its leave; or the scheduled
 * leave plus retention.
 */
export function demoDurationMs(policy: LifecyclePolicy, inviteDelayMs: number): number {
  const invite = Math.max(0, inviteDelayMs);
  const retention = ms(policy.retention);
  const unclaimed = invite + ms(policy.reminderInterval) * Math.max(1, policy.maxReminders);
  return Math.max(unclaimed, scheduledLeaveDelayMs(policy)) + retention;
}

/** The policy in words, as the worker's variables name it. */
export function describePolicy(policy: LifecyclePolicy): string {
  return [
    `invite ${policy.inviteOffset} after the start of the start date`,
    `reminders every ${policy.reminderInterval}`,
    `the manager told after ${policy.escalateAfter}`,
    `Unclaimed after ${policy.maxReminders}`,
    `leave notice ${policy.leaveNotice} ahead`,
    `retention ${policy.retention}`,
  ].join(', ');
}

/** Why the demo cannot run under this policy, or undefined when it can. */
export function policyProblem(policy: LifecyclePolicy, inviteDelayMs: number): string | undefined {
  const duration = demoDurationMs(policy, inviteDelayMs);
  if (duration <= MAX_DEMO_DURATION_MS) return undefined;
  return [
    `The running stack's lifecycle policy is not compressed (${describePolicy(policy)}):`,
    `the demo would take ${humanDuration(duration)}.`,
    'Stop that stack (Ctrl-C) and start the demo stack instead, in another terminal:',
    '',
    '  npm run start:demo',
    '',
    'then run `npm run demo` again.',
  ].join('\n');
}

/** Policy quirks that leave part of the story out, for a warning. */
export function policyWarnings(policy: LifecyclePolicy): string[] {
  const warnings: string[] = [];
  if (policy.escalateAfter === 0 || policy.escalateAfter > policy.maxReminders) {
    warnings.push('this policy never e-mails the manager about an unclaimed account (LIFECYCLE_ESCALATE_AFTER)');
  }
  if (policy.maxReminders === 0) warnings.push('this policy sends no reminders (LIFECYCLE_MAX_REMINDERS=0)');
  return warnings;
}

const ms = durationMs;

/** `95 s`, `12 min`, `33 days`: a duration for people. */
export function humanDuration(durationMs: number): string {
  const seconds = Math.round(durationMs / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Time from `now` until a joiner starting today (UTC) is due for the invitation. */
export function inviteDelayMs(policy: LifecyclePolicy, now: number): number {
  const startOfToday = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`);
  return startOfToday + ms(policy.inviteOffset) - now;
}
