import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { TASK_QUEUE } from '../../workflows/contract';
import { testCodec } from './test-codec';
import { workflowBundle } from '../../scripts/lib/stack/workflow-bundle';

export interface TestWorkerOptions {
  activities?: object;
  taskQueue?: string;
}

/** A real worker on the test environment's server, running the shared workflow bundle, encrypting as Tenure's worker does. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  { activities = {}, taskQueue = TASK_QUEUE }: TestWorkerOptions = {},
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: (await testCodec()).dataConverter,
    activities,
  });
}
