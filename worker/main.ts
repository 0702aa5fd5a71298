/**
 * The worker process: config → clients → activities → Worker.create, then run until SIGINT/SIGTERM.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUE } from '../workflows/definitions';
import { loadWorkerConfig } from './config';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
    });
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
