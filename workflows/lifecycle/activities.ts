import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/**
 * The activity proxies, one per retry profile. Transient failures (throttling, outages, network)
 * retry without limit, backing off to 5 minutes, because an employee's deactivation must happen
 * however long Workplace is down; the activities mark everything a retry cannot fix non-retryable,
 * and the workflow turns those into NeedsAttention.
 */

/** Workplace (SCIM) calls: one HTTP request each, or a read then a write. */
export const directory = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** E-mails: SMTP servers recover slower than APIs; the Message-ID makes a retried send harmless. */
export const mail = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Reads of the worker's own world (policy, zone calendar): recorded in history, never slow. */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});
