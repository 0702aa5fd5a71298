import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * The activity proxies, one per retry profile and priority. Transient failures (throttling,
 * outages, network) retry without limit, backing off to 5 minutes; the activities mark everything a
 * retry cannot fix non-retryable, and the workflow turns those into NeedsAttention.
 *
 * Critical actions (deactivation, deletion, reactivation, provisioning, the operators' deletion
 * requests) retry for as long as it takes: an employee's deactivation must happen however long the
 * directory is down. Non-critical ones (profile sync, manager lookups, invites, claim checks and
 * reminders, notices) give up after an hour and are tried again later on their own, so that they
 * never hold up a leave; a due deactivation also pre-empts them.
 *
 * Priority keys order the task queue when the directory's rate limit makes tasks wait:
 * deactivations first (1), other critical work next (2), background work last (4).
 */

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };
const MAIL_RETRY = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };

/** How long a non-critical action may keep failing transiently before the workflow parks it. */
export const NON_CRITICAL_BOUND = '1 hour';

/**
 * Workplace (SCIM) calls: one HTTP request each (10 s timeout by default). A worker that dies
 * mid-call is noticed when this timeout ends, so it is kept short: half a minute.
 */
export const urgent = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: RETRY,
  priority: { priorityKey: 1 },
});

export const critical = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: RETRY,
  priority: { priorityKey: 2 },
});

export const background = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: NON_CRITICAL_BOUND,
  retry: RETRY,
  priority: { priorityKey: 4 },
});

/**
 * E-mails as local activities: an SMTP send is short, and its stable Message-ID makes a repeated
 * send harmless, so it needs no task of its own on the server — one history event instead of six,
 * and no share of the directory's rate limit. Long SMTP outages back off through timers.
 */
export const criticalMail = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', retry: MAIL_RETRY });

export const backgroundMail = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: NON_CRITICAL_BOUND,
  retry: MAIL_RETRY,
});

/**
 * The erasure of an employee's data key at the end of a lifecycle: a local activity (no share of
 * the directory's rate limit), retried for as long as the Tenure store is unreachable.
 */
export const erasure = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Reads of the worker's own world (policy, zone calendar): recorded in history, never slow. */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});
