import { TypedSearchAttributes } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { EmployeeIdKey, LifecycleStageKey, TASK_QUEUE } from '../../workflows/definitions';
import { placeholderWorkflow } from '../../workflows';
import { eventually } from '../helpers/eventually';
import { createDevServerEnv } from '../helpers/temporal-env';
import { createTestWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
});

afterAll(async () => {
  await env?.teardown();
});

describe('dev-server environment', () => {
  it('runs a workflow through a real worker and finds it by a custom search attribute', async () => {
    const worker = await createTestWorker(env);
    const result = await worker.runUntil(
      env.client.workflow.execute(placeholderWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: 'placeholder-visibility',
        args: [{}],
        typedSearchAttributes: new TypedSearchAttributes([
          { key: EmployeeIdKey, value: 'smoke-1' },
          { key: LifecycleStageKey, value: 'Provisioned' },
        ]),
      }),
    );
    expect(result).toBe('Tenure is wired');

    const ids = async () => {
      const found: string[] = [];
      for await (const wf of env.client.workflow.list({
        query: `EmployeeId = "smoke-1" AND LifecycleStage = "Provisioned"`,
      })) {
        found.push(wf.workflowId);
      }
      return found;
    };
    expect(await eventually(ids, (found) => found.length > 0)).toEqual(['placeholder-visibility']);
    expect(await ids()).not.toContain('some-other-id');
    const none: string[] = [];
    for await (const wf of env.client.workflow.list({ query: `EmployeeId = "nobody"` })) none.push(wf.workflowId);
    expect(none).toEqual([]);
  });
});
