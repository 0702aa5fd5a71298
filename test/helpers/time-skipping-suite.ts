import { DEFAULT_LIFECYCLE_POLICY } from '../../workflows/contract';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { LifecyclePolicy } from '../../workflows/contract';
import { fakeActivities, type FakeActivities } from './fake-activities';
import { createTimeSkippingEnv } from './temporal-env';
import { createTestWorker } from './worker';

/** The policy of the workflow tests: the documented defaults. */
export const TEST_POLICY: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY };

export interface TimeSkippingSuite {
  env: TestWorkflowEnvironment;
  fake: FakeActivities;
}

/**
 * One time-skipping server and one worker with fake activities for a test file; registers the
 * Jest hooks. Tests in a file share the clock: they use distinct employees.
 */
export function timeSkippingSuite(
  policy: LifecyclePolicy = TEST_POLICY,
  directory: Parameters<typeof fakeActivities>[1] = {},
): TimeSkippingSuite {
  const suite = { fake: fakeActivities(policy, directory) } as TimeSkippingSuite;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    suite.env = await createTimeSkippingEnv();
    worker = await createTestWorker(suite.env, { activities: suite.fake.activities });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await suite.env?.teardown();
  });
  return suite;
}
