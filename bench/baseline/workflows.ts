import { proxyActivities } from '@temporalio/workflow';
import type { createBaselineActivities } from './activities';

const { firstNoop, secondNoop } = proxyActivities<ReturnType<typeof createBaselineActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Bare Temporal, the benchmarks' baseline: a workflow that runs two no-op activities. */
export async function baselineWorkflow(id: string): Promise<void> {
  await firstNoop(id);
  await secondNoop(id);
}
