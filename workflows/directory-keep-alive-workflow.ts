import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { pingDirectory } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // Within the day: the next scheduled run tries again tomorrow; 60 days of silence is the limit.
  scheduleToCloseTimeout: '12 hours',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/**
 * The daily cheap read that keeps the Workplace integration alive: Workplace switches off an
 * integration that makes no call for 60 days. Started by the keep-alive Schedule.
 */
export async function directoryKeepAliveWorkflow(): Promise<void> {
  await pingDirectory();
}
