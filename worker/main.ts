/**
 * The worker process: config → codec and store → clients → activities → Worker.create, then run
 * until SIGINT/SIGTERM.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { openCodec } from '../codec';
import { startErasureSweeper } from '../codec/erasure-sweeper';
import { temporalConnectionOptions } from '../config/temporal';
import { TASK_QUEUE } from '../workflows/contract';
import { activitiesFor } from './activities';
import { loadWorkerConfig } from './config';
import { startHealthServer } from './health-server';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const codec = await openCodec({ config: config.codec });
  if (config.codec.developmentKeyFile) {
    process.stderr.write(
      `TENURE_MASTER_KEYS is not set: payloads are encrypted with the development key in ${config.codec.developmentKeyFile}\n`,
    );
  }
  if (config.directoryInTaskOff) {
    process.stderr.write(`directory requests are not tried in the workflow task: ${config.directoryInTaskOff}\n`);
  }
  const stopSweeper = startErasureSweeper(codec.keys, {
    onError: (error) => process.stderr.write(`erasing due data keys failed: ${String(error)}\n`),
  });
  const bound = activitiesFor(config, codec.keys, codec.store);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: TASK_QUEUE,
      ...(config.workflowBundlePath
        ? { workflowBundle: { codePath: config.workflowBundlePath } }
        : { workflowsPath: require.resolve('../workflows') }),
      dataConverter: codec.dataConverter,
      activities: bound.activities,
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
      maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTasks,
      ...(config.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}),
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
    stopSweeper();
    bound.close();
    await connection.close();
    await codec.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
