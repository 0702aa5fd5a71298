import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TASK_QUEUE } from '../../workflows/definitions';
import { placeholderWorkflow } from '../../workflows';
import { createTimeSkippingEnv } from '../helpers/temporal-env';
import { createTestWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

describe('time-skipping environment', () => {
  it('runs a workflow with a 30-day timer to completion through a real worker', async () => {
    const worker = await createTestWorker(env);
    const before = await env.currentTimeMs();
    const result = await worker.runUntil(
      env.client.workflow.execute(placeholderWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: 'placeholder-30-days',
        args: [{ wait: '30 days' }],
      }),
    );
    expect(result).toBe('Tenure is wired');
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000);
  });
});
