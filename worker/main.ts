/**
 * The worker process: config → clients → activities → Worker.create, then run until SIGINT/SIGTERM.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalConnectionOptions } from '../config/temporal';
import { TASK_QUEUE } from '../workflows/contract';
import { activitiesFor } from './activities';
import { loadWorkerConfig } from './config';
import { startHealthServer } from './health-server';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const bound = activitiesFor(config);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      activities: bound.activities,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
      maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTasks,
      // Server-side, for every worker of the queue: only Workplace requests run as (non-local)
      // activities, e-mails are local activities, so the budget counts Workplace requests.
      ...(config.maxRequestsPerSecond ? { maxTaskQueueActivitiesPerSecond: config.maxRequestsPerSecond } : {}),
    });
    const health = config.health && (await startHealthServer({ ...config.health, state: () => worker.getState() }));
    try {
      await worker.run();
    } finally {
      await health?.close();
    }
  } finally {
    bound.close();
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
