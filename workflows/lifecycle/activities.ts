import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * The activity proxies, one per retry profile. Transient failures (throttling, outages, network)
 * retry without limit, backing off to 5 minutes, because an employee's deactivation must happen
 * however long Workplace is down; the activities mark everything a retry cannot fix non-retryable,
 * and the workflow turns those into NeedsAttention.
 */

/**
 * Workplace (SCIM) calls: one HTTP request each (10 s timeout by default). A worker that dies
 * mid-call is noticed when this timeout ends, so it is kept short: half a minute.
 */
export const directory = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const MAIL_RETRY = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };

/** E-mails as server-dispatched activities: workflows started before `MAIL_AS_LOCAL_ACTIVITIES`. */
export const mailActivities = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: MAIL_RETRY });

/**
 * E-mails as local activities: an SMTP send is short, and its stable Message-ID makes a repeated
 * send harmless, so it needs no task of its own on the server — one history event instead of six,
 * and no share of the Workplace rate limit (which counts server-dispatched activities). Long SMTP
 * outages still back off to 10 minutes, through timers once past a minute.
 */
export const mailLocal = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', retry: MAIL_RETRY });

/** Reads of the worker's own world (policy, zone calendar): recorded in history, never slow. */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});
